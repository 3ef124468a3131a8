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

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Duplicates, poison messages, competing consumers, polling mode, YAML DSL and bad consumer options. */
class ConsumerDeliveryIT extends ConsumerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BindToRegistry("sharedCompletions")
    IdempotentRepository sharedCompletions = MemoryIdempotentRepository.memoryIdempotentRepository(1000);

    /** Publishes the notification of a completed job to the topic again, as SNS may. */
    private static void publishAgain(String jobId, String jobTag, String key) throws Exception {
        String notification = JSON.writeValueAsString(Map.of("JobId", jobId, "Status", "SUCCEEDED",
                "API", "StartFaceDetection", "JobTag", jobTag, "Timestamp", System.currentTimeMillis(),
                "Video", Map.of("S3ObjectName", key, "S3Bucket", "videos")));
        local.get().snsClient().publish(b -> b.topicArn(topicArn).message(notification));
    }

    @Test
    void dropsADuplicateNotification() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "")).to("mock:once");
            }
        });
        MockEndpoint once = getMockEndpoint("mock:once");
        once.expectedMessageCount(1);

        String jobId = startJob("empty.mp4", "dup");
        once.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        publishAgain(jobId, "dup", "empty.mp4");
        publishAgain(jobId, "dup", "empty.mp4");

        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        once.assertIsSatisfied(500);
        assertEquals(jobId, once.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
    }

    @Test
    void handsAPoisonMessageToTheErrorHandlerAndGoesOn() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from(consumer(queue, "")).to("mock:good");
            }
        });
        MockEndpoint dead = getMockEndpoint("mock:dead");
        MockEndpoint good = getMockEndpoint("mock:good");
        dead.expectedBodiesReceived("{\"this is\": \"not a notification\"}");
        good.expectedMessageCount(1);

        local.get().sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody("{\"this is\": \"not a notification\"}"));
        String jobId = startJob("empty.mp4", "after-poison");

        dead.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        good.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        Exception cause = dead.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertInstanceOf(InvalidNotificationException.class, cause);
        assertTrue(cause.getMessage().contains("no JobId"), cause.getMessage());
        assertEquals(jobId, good.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
    }

    @Test
    void aPoisonMessageStaysInTheQueueWhenTheRouteDoesNotHandleIt() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "visibilityTimeout=30")).to("mock:never");
            }
        });
        local.get().sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody("not json at all"));

        await().atMost(10, TimeUnit.SECONDS).until(() -> local.get().sqsClient()
                .getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().get("ApproximateNumberOfMessagesNotVisible").equals("1"));
        Thread.sleep(1000);
        assertEquals(1, messagesIn(queue), "not deleted: it comes back, or goes to the queue's dead-letter queue");
        getMockEndpoint("mock:never").assertIsSatisfied(0);
    }

    @Test
    void competingConsumersWithASharedRepositoryEmitEachJobOnce() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String options = "idempotentRepository=#sharedCompletions&concurrentConsumers=2&maxMessagesPerPoll=1";
                // two instances: endpoints of their own (Camel allows one consumer per endpoint), one queue
                from(consumer(queue, options).replace(":faces?", ":instance-a?")).to("mock:jobs");
                from(consumer(queue, options).replace(":faces?", ":instance-b?")).to("mock:jobs");
            }
        });
        MockEndpoint jobs = getMockEndpoint("mock:jobs");

        List<String> started = List.of(startJob("empty.mp4", "many-1"), startJob("empty.mp4", "many-2"),
                startJob("empty.mp4", "many-3"));
        await().atMost(60, TimeUnit.SECONDS).until(() -> jobs.getReceivedCounter() >= 3);
        for (int i = 0; i < 3; i++) {
            publishAgain(started.get(i), "many-" + (i + 1), "empty.mp4");
            publishAgain(started.get(i), "many-" + (i + 1), "empty.mp4");
        }

        await().atMost(20, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        Thread.sleep(500);
        Set<Object> emitted = new HashSet<>();
        jobs.getReceivedExchanges().forEach(e -> emitted.add(e.getMessage().getHeader(JOB_ID)));
        assertEquals(3, jobs.getReceivedCounter(), "each job emitted once across both consumers");
        assertEquals(new HashSet<>(started), emitted);
    }

    @Test
    void consumersWithOtherJobTagsShareAQueueWhenFilteredMessagesAreKept() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String options = "deleteIfFiltered=false&visibilityTimeout=1&jobTag=";
                from(consumer(queue, options + "left").replace(":faces?", ":left?")).to("mock:left");
                from(consumer(queue, options + "right").replace(":faces?", ":right?")).to("mock:right");
            }
        });
        MockEndpoint left = getMockEndpoint("mock:left");
        MockEndpoint right = getMockEndpoint("mock:right");
        left.expectedHeaderReceived(JOB_TAG, "left");
        right.expectedHeaderReceived(JOB_TAG, "right");

        String leftJob = startJob("empty.mp4", "left");
        String rightJob = startJob("empty.mp4", "right");

        MockEndpoint.assertIsSatisfied(60, TimeUnit.SECONDS, left, right);
        assertEquals(leftJob, left.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
        assertEquals(rightJob, right.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
        await().atMost(20, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        MockEndpoint.assertIsSatisfied(500, TimeUnit.MILLISECONDS, left, right);
    }

    @Test
    void pollsTheJobsTheProducerOfTheSameLabelStarted() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aws2-rekognition-video:polled?delay=200").to("mock:polled");
            }
        });
        MockEndpoint polled = getMockEndpoint("mock:polled");
        polled.expectedMessageCount(1);

        Exchange started = template.request("aws2-rekognition-video:polled?bucketName=videos",
                e -> e.getMessage().setHeaders(new HashMap<>(
                        Map.of(OBJECT_KEY, "clear.mp4",
                                JOB_TAG, "polled"))));

        polled.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        Exchange result = polled.getReceivedExchanges().get(0);
        assertEquals(started.getMessage().getHeader(JOB_ID), result.getMessage().getHeader(JOB_ID));
        assertEquals("SUCCEEDED", result.getMessage().getHeader(JOB_STATUS));
        assertEquals("polled", result.getMessage().getHeader(JOB_TAG));
        assertTrue(result.getMessage().getBody(List.class).size() >= 54);
    }

    @Test
    void runsAYamlDslConsumerRoute() throws Exception {
        String queue = subscribedQueue(false);
        String yaml
                = """
                        - route:
                            id: yaml-completions
                            from:
                              uri: aws2-rekognition-video:faces
                              parameters:
                                queueUrl: %s
                                sqsUriEndpointOverride: %s
                                waitTimeSeconds: 1
                                resultMode: aggregate
                              steps:
                                - setHeader:
                                    name: summary
                                    simple: "${header.CamelAwsRekognitionVideoFaceCount} faces in ${header.CamelAwsRekognitionVideoObjectKey}"
                                - to: mock:yaml
                        """
                        .formatted(queue, local.get().sqsEndpoint());
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("completions.camel.yaml", yaml));
        MockEndpoint result = getMockEndpoint("mock:yaml");
        result.expectedMessageCount(1);

        startJob("empty.mp4", "yaml");

        result.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        assertEquals("0 faces in empty.mp4", result.getReceivedExchanges().get(0).getMessage().getHeader("summary"));
    }

    @Test
    void refusesBadConsumerOptionsNamingThem() {
        String queue = "http://127.0.0.1:1/000000000000/unused";
        for (String[] bad : new String[][] {
                { "maxResults=0", "option maxResults", "1 to 1000" },
                { "maxResults=1001", "option maxResults", "1 to 1000" },
                { "waitTimeSeconds=21", "option waitTimeSeconds", "0 to 20 seconds" },
                { "maxMessagesPerPoll=0", "option maxMessagesPerPoll", "at least 1" },
                { "concurrentConsumers=0", "option concurrentConsumers", "at least 1" },
                { "visibilityTimeout=0", "option visibilityTimeout", "at least 1 second" } }) {
            RekognitionVideo2Endpoint endpoint = context.getEndpoint(
                    "aws2-rekognition-video:faces?queueUrl=" + queue + "&" + bad[0], RekognitionVideo2Endpoint.class);
            RekognitionVideo2ValidationException error = assertThrows(RekognitionVideo2ValidationException.class,
                    () -> endpoint.createConsumer(exchange -> {
                    }), bad[0]);
            assertEquals(bad[1], error.getSource());
            assertTrue(error.getMessage().contains(bad[2]), error.getMessage());
        }
    }
}
