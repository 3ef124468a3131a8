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
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

/**
 * Whether a message on the completion queue comes from the SNS topics this consumer takes notifications from:
 * <ul>
 * <li>an SNS envelope ({@code "Type":"Notification"}) is verified against its signature (SignatureVersion 1,
 * SHA1withRSA, or 2, SHA256withRSA) over SNS's documented string to sign, with the certificate at its
 * {@code SigningCertURL} ({@link SnsSigningCertificates}) or, for an SNS of another signer, the one of
 * {@code snsSigningCertificate};</li>
 * <li>{@code notificationTopicArns}, when set, lists the only topics taken: an envelope of another topic is refused,
 * and so is a raw delivery, which names no topic;</li>
 * <li>{@code requireSignedNotifications} refuses raw deliveries.</li>
 * </ul>
 * The failures are {@link UntrustedNotificationException}s, except a certificate that could not be fetched: an
 * {@link IOException}, so that the message stays in the queue and is tried again.
 */
final class SnsNotificationVerifier {

    private final boolean verifySignatures;
    private final boolean requireSigned;
    private final Set<String> topicArns;
    private final PublicKey trustedKey;
    private final String trustedKeySource;
    private final SnsSigningCertificates certificates;

    SnsNotificationVerifier(boolean verifySignatures, boolean requireSigned, Set<String> topicArns,
                            PublicKey trustedKey, String trustedKeySource, SnsSigningCertificates certificates) {
        this.verifySignatures = verifySignatures;
        this.requireSigned = requireSigned;
        this.topicArns = Set.copyOf(topicArns);
        this.trustedKey = trustedKey;
        this.trustedKeySource = trustedKeySource;
        this.certificates = certificates;
    }

    /** The verifier of a consumer's options; reads the {@code snsSigningCertificate} resource. */
    static SnsNotificationVerifier of(RekognitionVideo2Configuration configuration, CamelContext context) {
        String source = configuration.getSnsSigningCertificate();
        PublicKey trusted = null;
        if (source != null && !source.isBlank()) {
            try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context, source)) {
                trusted = SnsSigningCertificates.publicKeyOfPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new RekognitionVideo2ValidationException(
                        "option snsSigningCertificate",
                        "the certificate could not be read from " + source + ": " + e.getMessage());
            } catch (GeneralSecurityException e) {
                throw new RekognitionVideo2ValidationException(
                        "option snsSigningCertificate",
                        source + " must hold a PEM certificate or RSA public key: " + e.getMessage());
            }
        }
        Set<String> topics = new LinkedHashSet<>();
        String list = configuration.getNotificationTopicArns();
        for (String topic : list == null ? new String[0] : list.split(",")) {
            if (!topic.isBlank()) {
                if (!topic.trim().matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
                    throw new RekognitionVideo2ValidationException(
                            "option notificationTopicArns",
                            "'" + topic.trim() + "' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)");
                }
                topics.add(topic.trim());
            }
        }
        return new SnsNotificationVerifier(
                configuration.isVerifyNotificationSignature(),
                configuration.isRequireSignedNotifications(), topics, trusted, source, new SnsSigningCertificates());
    }

    /** Checks a raw delivery: the notification without an SNS envelope. */
    void checkRaw() throws UntrustedNotificationException {
        if (requireSigned) {
            throw new UntrustedNotificationException(
                    "it is not in a signed SNS envelope and requireSignedNotifications "
                                                     + "is true (turn RawMessageDelivery off on the subscription)");
        }
        if (!topicArns.isEmpty()) {
            throw new UntrustedNotificationException(
                    "it is not in an SNS envelope, so it names no TopicArn to check "
                                                     + "against notificationTopicArns (turn RawMessageDelivery off "
                                                     + "on the subscription)");
        }
    }

    /** Checks an SNS envelope of type Notification. */
    void checkEnvelope(JsonNode envelope) throws UntrustedNotificationException, IOException {
        String topic = envelope.path("TopicArn").asText(null);
        if (!topicArns.isEmpty() && !topicArns.contains(topic)) {
            throw new UntrustedNotificationException(
                    "TopicArn " + topic + " is not one of notificationTopicArns " + topicArns,
                    InvalidNotificationException.Reason.OTHER_TOPIC);
        }
        if (!verifySignatures) {
            return;
        }
        String version = text(envelope, "SignatureVersion");
        String algorithm = switch (version) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new UntrustedNotificationException("SignatureVersion '" + version + "' is not 1 or 2");
        };
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(text(envelope, "Signature"));
        } catch (IllegalArgumentException e) {
            throw new UntrustedNotificationException("the Signature is not Base64");
        }
        PublicKey key = trustedKey != null ? trustedKey : certificates.publicKey(text(envelope, "SigningCertURL"));
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(stringToSign(envelope).getBytes(StandardCharsets.UTF_8));
            if (verifier.verify(signature)) {
                return;
            }
        } catch (SignatureException e) {
            // a signature of the wrong length or form: not this key's
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot verify " + algorithm + " signatures", e);
        }
        throw new UntrustedNotificationException(
                "the SNS signature of message " + envelope.path("MessageId").asText()
                                                 + " does not verify with the signing certificate "
                                                 + (trustedKey != null
                                                         ? "of snsSigningCertificate (" + trustedKeySource + ")"
                                                         : "at " + envelope.path("SigningCertURL").asText())
                                                 + ": forged, or altered after SNS signed it");
    }

    /** SNS's string to sign of a Notification: each field's name and value on lines of their own, Subject if any. */
    static String stringToSign(JsonNode envelope) throws UntrustedNotificationException {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] { "Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type" }) {
            if ("Subject".equals(field) && (!envelope.has(field) || envelope.get(field).isNull())) {
                continue;
            }
            text.append(field).append('\n').append(text(envelope, field)).append('\n');
        }
        return text.toString();
    }

    private static String text(JsonNode envelope, String field) throws UntrustedNotificationException {
        JsonNode value = envelope.get(field);
        if (value == null || !value.isTextual()) {
            throw new UntrustedNotificationException(
                    "the SNS envelope has no " + field + " string, which a signed "
                                                     + "notification has");
        }
        return value.asText();
    }
}
