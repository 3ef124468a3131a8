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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.JOB_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forged completions over the wire: the local SNS signs its envelopes (SignatureVersion 1, and 2 on a topic whose
 * SignatureVersion attribute is 2) with its own key, which the consumers trust through {@code snsSigningCertificate};
 * forged, altered and re-addressed envelopes, unsigned and raw messages sent to the queue reach the route's error
 * handler as {@link UntrustedNotificationException}s, are never emitted, and the real completions are emitted once.
 */
class NotificationSignatureIT extends ConsumerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path keys;

    private MockEndpoint dead;
    private MockEndpoint good;

    private void consume(String queue, String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from(consumer(queue, options)).to("mock:good");
            }
        });
        dead = getMockEndpoint("mock:dead");
        good = getMockEndpoint("mock:good");
    }

    /** The envelopes of a queue that no consumer reads, as SNS delivered them. */
    private static List<ObjectNode> envelopes(String queue, int count) {
        List<ObjectNode> envelopes = new ArrayList<>();
        await().atMost(60, TimeUnit.SECONDS).until(() -> {
            for (Message message : local.get().sqsClient().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10))
                    .messages()) {
                envelopes.add((ObjectNode) JSON.readTree(message.body()));
            }
            return envelopes.size() >= count;
        });
        return envelopes;
    }

    private static void send(String queue, String body) {
        local.get().sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody(body));
    }

    @Test
    void signedCompletionsAreEmittedForgedAlteredAndReaddressedOnesAreRefused() throws Exception {
        String v2Topic = local.get().snsClient().createTopic(b -> b.name("AmazonRekognitionSignedV2")
                .attributes(Map.of("SignatureVersion", "2"))).topicArn();
        String queue = subscribedQueue(false, topicArn, v2Topic);
        String copies = subscribedQueue(false, topicArn, v2Topic);
        consume(queue, "");

        String v1Job = startJob("empty.mp4", "signed-v1");
        String v2Job = startJob("empty.mp4", "signed-v2", v2Topic);
        List<ObjectNode> genuine = envelopes(copies, 2);
        assertEquals(List.of("1", "2"), genuine.stream().map(e -> e.get("SignatureVersion").asText()).sorted().toList());

        SnsTestSigner forger = SnsTestSigner.create(keys);
        // the jobs run side by side: their envelopes come in either order
        genuine.sort(Comparator.comparing(e -> e.get("SignatureVersion").asText()));
        ObjectNode template = genuine.get(0);
        String forged = forger.envelope(topicArn, template.get("Message").asText().replace(template.get("Message")
                .asText().substring(10, 20), "0123456789"), "1", local.get().snsSigningCertificate().toString()).toString();
        ObjectNode altered = template.deepCopy();
        altered.put("Message", altered.get("Message").asText().replace("SUCCEEDED", "FAILED"));
        ObjectNode readdressed = genuine.get(1).deepCopy();
        readdressed.put("TopicArn", topicArn);
        ObjectNode unsigned = template.deepCopy();
        unsigned.remove("Signature");
        List<String> refused = List.of(forged, altered.toString(), readdressed.toString(), unsigned.toString());
        refused.forEach(body -> send(queue, body));

        good.expectedMessageCount(2);
        dead.expectedMessageCount(refused.size());
        good.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        dead.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        assertEquals(List.of(v1Job, v2Job).stream().sorted().toList(), good.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(JOB_ID, String.class)).sorted().toList(), "each real job once");
        for (Exchange failed : dead.getReceivedExchanges()) {
            String body = failed.getMessage().getBody(String.class);
            assertTrue(refused.contains(body), "the message reached the error handler as it arrived");
            UntrustedNotificationException error = assertInstanceOf(UntrustedNotificationException.class,
                    failed.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
            String expected = body.equals(unsigned.toString())
                    ? "the SNS envelope has no Signature string"
                    : "does not verify with the signing certificate of snsSigningCertificate ("
                      + local.get().snsSigningCertificate() + "): forged, or altered after SNS signed it";
            assertTrue(error.getMessage().contains(expected), error.getMessage());
        }
        Thread.sleep(1000);
        good.assertIsSatisfied();
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
    }

    /**
     * A genuine envelope whose certificate cannot be fetched (an AWS SNS URL of a certificate that does not exist, or
     * that the network does not reach): neither emitted nor refused, the message stays in the queue and is received
     * again once its visibility timeout ends.
     */
    @Test
    void aCertificateThatCannotBeFetchedLeavesTheMessageInTheQueue() throws Exception {
        String copies = subscribedQueue(false);
        String queue = local.get().sqsClient().createQueue(b -> b.queueName("unfetchable-certificate")).queueUrl();
        consume(queue, "snsSigningCertificate=&visibilityTimeout=1");
        dead.expectedMessageCount(0);
        good.expectedMessageCount(0);
        startJob("empty.mp4", "unfetchable");
        ObjectNode envelope = envelopes(copies, 1).get(0);
        envelope.put("SigningCertURL",
                "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-00000000000000000000000000000000.pem");
        send(queue, envelope.toString());

        Thread.sleep(6000); // several visibility timeouts, each followed by a receive and a failed fetch
        context.getRouteController().stopRoute(context.getRoutes().get(0).getId());

        dead.assertIsSatisfied();
        good.assertIsSatisfied();
        List<Message> left = local.get().sqsClient().receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertEquals(1, left.size(), "the message is still in the queue");
        assertEquals(envelope.toString(), left.get(0).body());
        int received = Integer.parseInt(left.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        assertTrue(received >= 3, "received again after each visibility timeout: " + received + " receives");
    }

    @Test
    void withoutTheTrustOptionTheLocalSnsIsNotTrusted() throws Exception {
        String queue = subscribedQueue(false);
        consume(queue, "snsSigningCertificate=");
        dead.expectedMessageCount(1);
        good.expectedMessageCount(0);
        startJob("empty.mp4", "untrusted");
        dead.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        assertTrue(dead.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)
                .getMessage().contains("the SigningCertURL " + local.get().snsSigningCertificate()
                                       + " is not an https URL of a .pem file on an SNS host of AWS"));
        good.assertIsSatisfied();
    }

    @Test
    void requiredSignaturesRefuseRawDeliveries() throws Exception {
        String queue = subscribedQueue(true);
        consume(queue, "requireSignedNotifications=true");
        dead.expectedMessageCount(1);
        good.expectedMessageCount(0);
        String jobId = startJob("empty.mp4", "raw");
        dead.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        Exchange refused = dead.getReceivedExchanges().get(0);
        assertTrue(refused.getMessage().getBody(String.class).contains(jobId), "the raw notification as it arrived");
        assertInstanceOf(UntrustedNotificationException.class, refused.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        good.assertIsSatisfied();
    }

    @Test
    void onlyTheGivenTopicsAreTaken() throws Exception {
        String otherTopic = local.get().snsClient().createTopic(b -> b.name("AmazonRekognitionOther")).topicArn();
        String queue = subscribedQueue(false, topicArn, otherTopic);
        consume(queue, "notificationTopicArns=" + topicArn);
        good.expectedMessageCount(1);
        dead.expectedMessageCount(1);
        String taken = startJob("empty.mp4", "listed-topic");
        startJob("empty.mp4", "other-topic", otherTopic);
        good.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        dead.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        assertEquals(taken, good.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
        assertTrue(dead.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)
                .getMessage().contains("TopicArn " + otherTopic + " is not one of notificationTopicArns"));
    }

    @Test
    void aCertificateThatCannotBeReadStopsTheStart() {
        String queue = subscribedQueue(false);
        Exception failed = assertThrows(Exception.class, () -> consume(queue, "snsSigningCertificate=file:" + keys
                                                                              + "/missing.pem"));
        Throwable cause = failed;
        while (cause.getCause() != null && !(cause instanceof RekognitionVideo2ValidationException)) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().startsWith("option snsSigningCertificate: the certificate could not be read from file:"),
                cause.getMessage());
    }
}
