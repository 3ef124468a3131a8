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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.JOB_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of messages that are not Rekognition Video notifications, sent to the completion queue before a real one:
 * each reaches the route's error handler as it arrived, failed with an {@link InvalidNotificationException} that says
 * what is wrong, and the consumer goes on to emit the real completion.
 */
class HostileNotificationsIT extends ConsumerTestSupport {

    private static final String VALID_REST = ",\"API\":\"StartFaceDetection\",\"Timestamp\":1,"
                                             + "\"Video\":{\"S3ObjectName\":\"a.mp4\",\"S3Bucket\":\"videos\"}}";

    /** Each message body, and what the error must say. */
    static Map<String, String> corpus() {
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("not json at all", "the message is not JSON");
        corpus.put("<html><body><h1>502 Bad Gateway</h1></body></html>", "the message is not JSON");
        corpus.put(" ", "the message is empty");
        corpus.put("[1,2,3]", "the message is not a JSON object");
        corpus.put("{}", "no JobId");
        corpus.put("{\"Type\":\"SubscriptionConfirmation\",\"Token\":\"t\",\"SubscribeURL\":\"https://sns.example/x\"}",
                "an SNS SubscriptionConfirmation, not a job's completion");
        corpus.put("{\"Type\":\"Notification\",\"Message\":{\"JobId\":\"j\"}}", "the SNS envelope has no Message string");
        // the signature is checked before the Message is read (a signed one with such a Message: SnsNotificationVerifierTest)
        corpus.put("{\"Type\":\"Notification\",\"Message\":\"<xml/>\"}", "the SNS envelope has no SignatureVersion string");
        corpus.put("{\"JobId\":42,\"Status\":\"SUCCEEDED\"" + VALID_REST, "JobId must be a string, not 42");
        corpus.put("{\"JobId\":\"\",\"Status\":\"SUCCEEDED\"" + VALID_REST, "JobId is empty");
        corpus.put("{\"JobId\":\"j\",\"Status\":\"DONE\"" + VALID_REST, "Status 'DONE' is not one of");
        corpus.put("{\"JobId\":\"j\",\"Status\":\"SUCCEEDED\\u0000\"" + VALID_REST, "is not one of");
        corpus.put("{\"JobId\":\"j\",\"Status\":\"SUCCEEDED\",\"API\":\"StartFaceDetection\",\"Timestamp\":\"yesterday\"}",
                "Timestamp \"yesterday\" is not milliseconds since the epoch");
        corpus.put("{\"JobId\":\"j\",\"Status\":\"SUCCEEDED\",\"Padding\":\"" + "x".repeat(250_000) + "\"}", "no API");
        return corpus;
    }

    @Test
    void everyWrongMessageReachesTheErrorHandlerAndTheConsumerGoesOn() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from(consumer(queue, "")).to("mock:good");
            }
        });
        Map<String, String> corpus = corpus();
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(corpus.size());
        MockEndpoint good = getMockEndpoint("mock:good");
        good.expectedMessageCount(1);

        corpus.keySet().forEach(body -> local.get().sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody(body)));
        String jobId = startJob("empty.mp4", "after-the-corpus");

        dead.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        good.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        assertEquals(jobId, good.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
        for (Exchange failed : dead.getReceivedExchanges()) {
            String body = failed.getMessage().getBody(String.class);
            String expected = corpus.get(body);
            assertTrue(expected != null, "the body reached the error handler as it arrived");
            InvalidNotificationException error = assertInstanceOf(InvalidNotificationException.class,
                    failed.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
            assertTrue(error.getMessage().contains(expected), "'" + error.getMessage() + "' says " + expected);
            assertTrue(error.getMessage().length() < 300, "the error does not repeat the message: " + error.getMessage());
        }
        assertEquals(corpus.size(), dead.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(String.class)).distinct().count(), "each one once");
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
    }
}
