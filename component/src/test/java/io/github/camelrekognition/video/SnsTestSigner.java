/*
 * Copyright the camel-rekognition-video authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.camelrekognition.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A signer of SNS envelopes as Amazon SNS signs them, with an RSA key and a self-signed certificate that the JDK's
 * keytool makes for the test (valid from {@code startDays} to {@code startDays + days} from now).
 */
final class SnsTestSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    final PrivateKey key;
    final X509Certificate certificate;

    private SnsTestSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    static SnsTestSigner create(Path directory) {
        return create(directory, 0, 2);
    }

    static SnsTestSigner create(Path directory, int startDays, int days) {
        try {
            Path store = directory.resolve("sns-" + UUID.randomUUID() + ".p12");
            Process keytool = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=sns.amazonaws.com",
                    "-startdate", (startDays >= 0 ? "+" : "") + startDays + "d", "-validity", String.valueOf(days),
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, "changeit".toCharArray());
            }
            return new SnsTestSigner(
                    (PrivateKey) keys.getKey("sns", "changeit".toCharArray()),
                    (X509Certificate) keys.getCertificate("sns"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The certificate in PEM, as SNS serves it. */
    String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                   + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                           .encodeToString(certificate.getEncoded())
                   + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SNS envelope of {@code message}, signed with SignatureVersion {@code version}. */
    ObjectNode envelope(String topicArn, String message, String version, String signingCertUrl) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", UUID.randomUUID().toString())
                .put("TopicArn", topicArn)
                .put("Message", message)
                .put("Timestamp", "2026-11-26T06:00:00.000Z")
                .put("SignatureVersion", version)
                .put("SigningCertURL", signingCertUrl)
                .put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe");
        return sign(envelope);
    }

    /**
     * Signs {@code envelope} (again) over its fields as they are now, written here as SNS documents its string to sign
     * (apart from the component's, so that each checks the other).
     */
    ObjectNode sign(ObjectNode envelope) {
        try {
            Signature signature = Signature.getInstance("2".equals(envelope.path("SignatureVersion").asText())
                    ? "SHA256withRSA" : "SHA1withRSA");
            signature.initSign(key);
            String signed = "Message\n" + envelope.get("Message").asText() + "\n"
                            + "MessageId\n" + envelope.get("MessageId").asText() + "\n"
                            + (envelope.has("Subject") ? "Subject\n" + envelope.get("Subject").asText() + "\n" : "")
                            + "Timestamp\n" + envelope.get("Timestamp").asText() + "\n"
                            + "TopicArn\n" + envelope.get("TopicArn").asText() + "\n"
                            + "Type\nNotification\n";
            signature.update(signed.getBytes(StandardCharsets.UTF_8));
            return envelope.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
