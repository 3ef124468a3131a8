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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A result that the route cannot deliver downstream (a message bus refuses it: too large, broker down) follows the
 * at-least-once path to an end, with nothing lost: the completion comes back until the queue's redrive policy moves it
 * to the dead-letter queue, or Camel's dead letter channel takes the exchange at once.
 */
class RefusedResultIT extends ConsumerTestSupport {

    @Test
    void aRefusedResultEndsInTheDeadLetterQueueAfterItsReceives() throws Exception {
        LocalRekognitionVideo server = local.get();
        String deadLetters = server.sqsClient().createQueue(b -> b.queueName("refused-dead-letters")).queueUrl();
        String deadLettersArn = server.sqsClient().getQueueAttributes(b -> b.queueUrl(deadLetters)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String queue = subscribedQueue(false);
        server.sqsClient().setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + deadLettersArn + "\",\"maxReceiveCount\":\"3\"}")));
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "visibilityTimeout=1")).process(e -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("the message bus refused the result (RecordTooLargeException)");
                });
            }
        });

        String jobId = startJob("clear.mp4", "refused");

        await().atMost(90, TimeUnit.SECONDS).until(() -> messagesIn(deadLetters) == 1);
        List<Message> dead = server.sqsClient().receiveMessage(b -> b.queueUrl(deadLetters).maxNumberOfMessages(10))
                .messages();
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).body().contains(jobId), "the completion, kept whole: " + dead.get(0).body());
        assertEquals(0, messagesIn(queue), "no longer in the queue");
        // the redrive policy ends the retries: three receives, and nothing more however long the consumer runs
        Thread.sleep(3000);
        assertEquals(3, attempts.get(), "one attempt per receive, up to the policy's maxReceiveCount");
    }

    @Test
    void aDeadLetterChannelTakesTheRefusedResultAndTheMessageIsDeleted() throws Exception {
        String queue = subscribedQueue(false);
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead").useOriginalMessage());
                from(consumer(queue, "visibilityTimeout=1")).process(e -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("the message bus is down");
                });
            }
        });
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        String jobId = startJob("clear.mp4", "dead-letter-channel");

        dead.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        org.apache.camel.Message refused = dead.getReceivedExchanges().get(0).getMessage();
        assertEquals(jobId, refused.getHeader(JOB_ID));
        assertTrue(refused.getHeader(FACE_COUNT, Integer.class) >= 54, "every face, with the exchange");
        assertInstanceOf(List.class, refused.getBody());
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        Thread.sleep(2000);
        assertEquals(1, attempts.get(), "handled: not received again");
    }

    @Test
    void aRouteThatFailsPartWayEmitsTheJobAgainWithTheSameIdsAndAReaderDropsTheRepeats() throws Exception {
        String queue = subscribedQueue(false);
        List<String> emitted = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "resultMode=item&visibilityTimeout=1")).process(e -> {
                    String id = e.getMessage().getHeader(MESSAGE_ID, String.class);
                    emitted.add(id);
                    if (id.endsWith(":item-3") && failures.getAndIncrement() == 0) {
                        throw new IllegalStateException("the message bus is down for a moment");
                    }
                }).to("direct:bus");
                // the reader of the bus: Camel's idempotent consumer, keyed on the message id
                from("direct:bus").idempotentConsumer(header(MESSAGE_ID),
                        MemoryIdempotentRepository.memoryIdempotentRepository()).to("mock:read");
            }
        });
        MockEndpoint read = getMockEndpoint("mock:read");

        String jobId = startJob("clear.mp4", "part-way");

        await().atMost(60, TimeUnit.SECONDS).until(() -> read.getReceivedExchanges().stream()
                .anyMatch(e -> e.getProperty(ExchangePropertyKey.SPLIT_COMPLETE, false, Boolean.class)));
        int faces = read.getReceivedExchanges().size();
        assertTrue(faces >= 54, faces + " faces");
        List<String> once = new ArrayList<>();
        for (int i = 0; i < faces; i++) {
            once.add(jobId + ":SUCCEEDED:item-" + i);
        }
        List<String> firstPass = once.subList(0, 4);
        assertEquals(firstPass, emitted.subList(0, 4), "emitted up to the failure");
        assertEquals(once, emitted.subList(4, emitted.size()), "then again from its first exchange, with the same ids");
        assertEquals(once, read.getReceivedExchanges().stream().map(e -> e.getMessage().getHeader(MESSAGE_ID)).toList(),
                "each read once");
    }
}
