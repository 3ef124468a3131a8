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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SNS signature checks of notifications signed as SNS on AWS signs them: with a key and certificate this test
 * makes, which its fetcher serves at an AWS certificate URL (AWS's hosts are not reached from tests; the https fetch is
 * the JDK's). The consumer over the wire, with the local SNS, is {@code NotificationSignatureIT}.
 */
class SnsNotificationVerifierTest {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:AmazonRekognitionFaces";
    static final String CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123abcd.pem";
    static final String NOTIFICATION = OptionChecks.NOTIFICATION.formatted("StartFaceDetection");

    @TempDir
    static Path keys;
    static SnsTestSigner sns;
    static SnsTestSigner forger;

    /** The URLs fetched. */
    final List<URI> fetched = new ArrayList<>();

    @BeforeAll
    static void signers() {
        sns = SnsTestSigner.create(keys);
        forger = SnsTestSigner.create(keys);
    }

    SnsNotificationVerifier verifier(SnsTestSigner servedCertificate) {
        return verifier(servedCertificate, false, Set.of());
    }

    SnsNotificationVerifier verifier(SnsTestSigner servedCertificate, boolean requireSigned, Set<String> topics) {
        return new SnsNotificationVerifier(true, requireSigned, topics, null, null, new SnsSigningCertificates(url -> {
            fetched.add(url);
            return servedCertificate.certificatePem().getBytes(StandardCharsets.US_ASCII);
        }));
    }

    static RekognitionVideo2Notification parse(ObjectNode envelope, SnsNotificationVerifier verifier) throws Exception {
        return RekognitionVideo2Notification.parse(envelope.toString(), verifier);
    }

    static String refusal(ObjectNode envelope, SnsNotificationVerifier verifier) {
        return assertThrows(UntrustedNotificationException.class, () -> parse(envelope, verifier)).getMessage();
    }

    @Test
    void signaturesOfVersionsOneAndTwoVerifyWithTheCertificateFetchedOnce() throws Exception {
        SnsNotificationVerifier verifier = verifier(sns);
        assertEquals("job-1", parse(sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL), verifier).jobId());
        assertEquals("job-1", parse(sns.envelope(TOPIC, NOTIFICATION, "2", CERT_URL), verifier).jobId());
        ObjectNode withSubject = sns.envelope(TOPIC, NOTIFICATION, "2", CERT_URL);
        withSubject.put("Subject", "Rekognition");
        assertEquals("job-1", parse(sns.sign(withSubject), verifier).jobId());
        assertEquals(List.of(URI.create(CERT_URL)), fetched, "fetched once, then kept");
    }

    @Test
    void aForgedSignatureIsRefused() {
        ObjectNode forged = forger.envelope(TOPIC, NOTIFICATION, "2", CERT_URL);
        assertEquals("Refused as a Rekognition Video completion notification: the SNS signature of message "
                     + forged.get("MessageId").asText() + " does not verify with the signing certificate at " + CERT_URL
                     + ": forged, or altered after SNS signed it",
                refusal(forged, verifier(sns)));
    }

    @Test
    void everySignedFieldAlteredIsRefused() {
        SnsNotificationVerifier verifier = verifier(sns);
        String otherJob = NOTIFICATION.replace("job-1", "job-2");
        for (String[] change : new String[][] {
                { "Message", otherJob }, { "MessageId", "another" },
                { "Timestamp", "2026-11-26T06:00:01.000Z" }, { "Subject", "added" }, { "Type", "Notification" } }) {
            for (String version : List.of("1", "2")) {
                ObjectNode envelope = sns.envelope(TOPIC, NOTIFICATION, version, CERT_URL);
                if ("Type".equals(change[0])) {
                    // re-sent as if SNS had sent it to another topic
                    envelope.put("TopicArn", TOPIC.replace("AmazonRekognitionFaces", "AmazonRekognitionOther"));
                } else {
                    envelope.put(change[0], change[1]);
                }
                assertTrue(refusal(envelope, verifier).contains("forged, or altered"), change[0] + " v" + version);
            }
        }
    }

    @Test
    void unsignedOrWronglySignedEnvelopesAreRefused() {
        SnsNotificationVerifier verifier = verifier(sns);
        ObjectNode unsigned = sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL);
        unsigned.remove("Signature");
        assertEquals("Refused as a Rekognition Video completion notification: the SNS envelope has no Signature "
                     + "string, which a signed notification has",
                refusal(unsigned, verifier));
        ObjectNode noVersion = sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL);
        noVersion.remove("SignatureVersion");
        assertTrue(refusal(noVersion, verifier).contains("no SignatureVersion string"));
        ObjectNode version3 = sns.envelope(TOPIC, NOTIFICATION, "3", CERT_URL);
        assertTrue(refusal(version3, verifier).endsWith("SignatureVersion '3' is not 1 or 2"));
        ObjectNode notBase64 = sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL).put("Signature", "*not base 64*");
        assertTrue(refusal(notBase64, verifier).endsWith("the Signature is not Base64"));
        ObjectNode truncated = sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL);
        truncated.put("Signature", truncated.get("Signature").asText().substring(0, 40));
        assertTrue(refusal(truncated, verifier).contains("forged, or altered"));
        ObjectNode noCertificate = sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL);
        noCertificate.remove("SigningCertURL");
        assertTrue(refusal(noCertificate, verifier).contains("no SigningCertURL string"));
    }

    @Test
    void aSignedEnvelopeIsStillReadForWhatItCarries() {
        InvalidNotificationException notJson = assertThrows(InvalidNotificationException.class,
                () -> parse(sns.envelope(TOPIC, "<xml/>", "2", CERT_URL), verifier(sns)));
        assertEquals("Not a Rekognition Video completion notification: the Message of the SNS envelope is not JSON: "
                     + "Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number, Array, "
                     + "Object or token 'null', 'true' or 'false')",
                notJson.getMessage());
        assertTrue(assertThrows(InvalidNotificationException.class, () -> parse(sns.envelope(TOPIC,
                NOTIFICATION.replace("SUCCEEDED", "DONE"), "1", CERT_URL), verifier(sns))).getMessage()
                .endsWith("Status 'DONE' is not one of " + RekognitionVideo2Notification.STATUSES));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
            "https://sns.us-east-1.amazonaws.com.example.com/SimpleNotificationService-1.pem",
            "https://example.com/sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
            "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-1.pem",
            "https://user@sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.txt",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem?x=.pem",
            "https://sqs.us-east-1.amazonaws.com/SimpleNotificationService-1.pem",
            "https://s3.amazonaws.com/SimpleNotificationService-1.pem",
            "https://sns.amazonaws.com/SimpleNotificationService-1.pem",
            "https://sns.us-east-1.amazonaws.com.cn.example.com/SimpleNotificationService-1.pem",
            "file:///etc/SimpleNotificationService-1.pem", "http://127.0.0.1:9911/SimpleNotificationService-local.pem",
            "not a URL at all" })
    void certificatesAreFetchedOnlyOverHttpsFromAnSnsHostOfAws(String url) {
        String refusal = refusal(sns.envelope(TOPIC, NOTIFICATION, "1", url), verifier(sns));
        assertTrue(refusal.contains("is not an https URL of a .pem file on an SNS host of AWS")
                || refusal.contains("is not a URL"), refusal);
        assertEquals(List.of(), fetched, "nothing fetched");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://sns.eu-west-3.amazonaws.com/SimpleNotificationService-1.pem",
            "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-1.pem",
            "https://sns.cn-northwest-1.amazonaws.com.cn/SimpleNotificationService-1.pem",
            "https://sns.ap-southeast-2.amazonaws.com:443/SimpleNotificationService-1.pem" })
    void theSnsHostsOfEveryPartitionAreTaken(String url) throws Exception {
        assertEquals("job-1", parse(sns.envelope(TOPIC, NOTIFICATION, "2", url), verifier(sns)).jobId());
        assertEquals(List.of(URI.create(url)), fetched);
    }

    @Test
    void aCertificateOutsideItsValidityIsRefused() {
        SnsTestSigner expired = SnsTestSigner.create(keys, -10, 2);
        assertTrue(refusal(expired.envelope(TOPIC, NOTIFICATION, "1", CERT_URL), verifier(expired))
                .contains("the signing certificate at " + CERT_URL + " is not valid now"));
        SnsTestSigner future = SnsTestSigner.create(keys, 5, 2);
        assertTrue(refusal(future.envelope(TOPIC, NOTIFICATION, "1", CERT_URL), verifier(future))
                .contains("is not valid now"));
    }

    @Test
    void aCertificateNotFetchedLeavesTheMessageToBeTriedAgain() {
        SnsNotificationVerifier unreachable = new SnsNotificationVerifier(
                true, false, Set.of(), null, null,
                new SnsSigningCertificates(url -> {
                    throw new IOException("connect timed out");
                }));
        // not an invalid notification (which would go to the error handler): the consumer's message fails
        assertInstanceOf(IOException.class, assertThrows(Exception.class,
                () -> parse(sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL), unreachable)));
        SnsNotificationVerifier notACertificate = new SnsNotificationVerifier(
                true, false, Set.of(), null, null,
                new SnsSigningCertificates(url -> "<html>hello</html>".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(refusal(sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL), notACertificate)
                .endsWith("does not hold an X.509 certificate"));
    }

    @Test
    void onlyTheGivenTopicsAreTaken() throws Exception {
        String other = "arn:aws:sns:us-east-1:123456789012:AmazonRekognitionOther";
        SnsNotificationVerifier verifier = verifier(sns, false, Set.of(TOPIC));
        assertEquals("job-1", parse(sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL), verifier).jobId());
        assertEquals("Refused as a Rekognition Video completion notification: TopicArn " + other
                     + " is not one of notificationTopicArns [" + TOPIC + "]",
                refusal(sns.envelope(other, NOTIFICATION, "1", CERT_URL), verifier));
        assertTrue(assertThrows(UntrustedNotificationException.class,
                () -> RekognitionVideo2Notification.parse(NOTIFICATION, verifier)).getMessage()
                .contains("names no TopicArn to check against notificationTopicArns"));
    }

    @Test
    void rawDeliveriesAreTakenUnlessSignaturesAreRequired() throws Exception {
        assertEquals("job-1", RekognitionVideo2Notification.parse(NOTIFICATION, verifier(sns)).jobId());
        assertEquals("Refused as a Rekognition Video completion notification: it is not in a signed SNS envelope and "
                     + "requireSignedNotifications is true (turn RawMessageDelivery off on the subscription)",
                assertThrows(UntrustedNotificationException.class,
                        () -> RekognitionVideo2Notification.parse(NOTIFICATION, verifier(sns, true, Set.of())))
                        .getMessage());
        ObjectNode signed = sns.envelope(TOPIC, NOTIFICATION, "1", CERT_URL);
        assertEquals("job-1", parse(signed, verifier(sns, true, Set.of())).jobId());
    }

    @Test
    void withoutVerificationAnUnsignedEnvelopeIsTaken() throws Exception {
        ObjectNode unsigned = sns.envelope(TOPIC, NOTIFICATION, "1", "http://anywhere/x");
        unsigned.remove("Signature");
        SnsNotificationVerifier off = new SnsNotificationVerifier(
                false, false, Set.of(), null, null,
                new SnsSigningCertificates(url -> {
                    throw new AssertionError("nothing fetched");
                }));
        assertEquals("job-1", parse(unsigned, off).jobId());
    }

    @Test
    void aTrustedCertificateReplacesTheFetchedOne() throws Exception {
        SnsNotificationVerifier trusting = new SnsNotificationVerifier(
                true, false, Set.of(),
                SnsSigningCertificates.publicKeyOfPem(sns.certificatePem()), "file:sns.pem",
                new SnsSigningCertificates(url -> {
                    throw new AssertionError("nothing fetched");
                }));
        ObjectNode local = sns.envelope(TOPIC, NOTIFICATION, "1", "http://127.0.0.1:4575/SimpleNotificationService-local.pem");
        assertEquals("job-1", parse(local, trusting).jobId());
        assertEquals("Refused as a Rekognition Video completion notification: the SNS signature of message "
                     + "m does not verify with the signing certificate of snsSigningCertificate (file:sns.pem): "
                     + "forged, or altered after SNS signed it",
                refusal(forger.sign(forger.envelope(TOPIC, NOTIFICATION, "1", CERT_URL).put("MessageId", "m")), trusting));
    }
}
