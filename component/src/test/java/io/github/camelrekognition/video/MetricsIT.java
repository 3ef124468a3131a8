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

import java.util.concurrent.TimeUnit;

import io.github.camelrekognition.local.Faults;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.VideoMetadata;

import static io.github.camelrekognition.video.MicrometerJobMetrics.*;
import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component's meters in a real Micrometer registry (the only MeterRegistry of the Camel registry), for jobs run on
 * the local Rekognition Video: started, completed by status, the wait from start to completion, jobs open, minutes of
 * video analysed, refused notifications by reason, and jobs found by reconciliation.
 */
class MetricsIT extends ConsumerTestSupport {

    final MeterRegistry registry = new SimpleMeterRegistry();
    final MemoryAggregationRepository started = new MemoryAggregationRepository();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meters", registry);
        context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                .setStartedJobsRepository(started);
        return context;
    }

    @AfterEach
    void noFaults() {
        local.get().faults(Faults.none());
    }

    /** The sum of the counters of {@code name} with {@code tags}. */
    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double openJobs() {
        return registry.get(OPEN).gauge().value();
    }

    @Test
    void aRunOfJobsIsCountedAndTimed() throws Exception {
        String queue = subscribedQueue(false);
        long before = System.currentTimeMillis();
        startJob("clear.mp4", "metrics");
        startJob("text.mp4", "metrics"); // not a video: FAILED
        long after = System.currentTimeMillis();
        assertEquals(2, count(STARTED, "analysis", "FaceDetection"));
        assertEquals(2, openJobs(), "both jobs open until their completion is emitted");

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "")).to("mock:completed");
            }
        });
        MockEndpoint completed = getMockEndpoint("mock:completed");
        completed.expectedMessageCount(2);
        completed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));

        Exchange succeeded = completed.getReceivedExchanges().stream()
                .filter(e -> "SUCCEEDED".equals(e.getMessage().getHeader(JOB_STATUS))).findFirst().orElseThrow();
        long completedAt = succeeded.getMessage().getHeader(COMPLETION_TIMESTAMP, Long.class);
        // counted once the job's exchanges completed
        await().atMost(5, TimeUnit.SECONDS).until(() -> count(COMPLETED, "analysis", "FaceDetection") == 2);
        assertEquals(1, count(COMPLETED, "analysis", "FaceDetection", "status", "SUCCEEDED"));
        assertEquals(1, count(COMPLETED, "analysis", "FaceDetection", "status", "FAILED"));
        Timer waited = registry.get(DURATION).tags("status", "SUCCEEDED").timer();
        assertEquals(1, waited.count());
        double millis = waited.totalTime(TimeUnit.MILLISECONDS);
        assertTrue(millis >= completedAt - after && millis <= completedAt - before,
                "from the start recorded by the producer to the completion: " + millis + " ms");
        assertEquals(1, registry.get(DURATION).tags("status", "FAILED").timer().count());
        await().atMost(5, TimeUnit.SECONDS).until(() -> openJobs() == 0);

        VideoMetadata video = succeeded.getMessage().getHeader(VIDEO_METADATA, VideoMetadata.class);
        assertEquals(video.durationMillis() / 60_000.0, count(VIDEO, "analysis", "FaceDetection"), 1e-9,
                "the minutes of the video the job analysed; a failed job analysed none");
    }

    @Test
    void refusedNotificationsAreCountedByReason() throws Exception {
        String garbage = local.get().sqsClient().createQueue(b -> b.queueName("not-subscribed")).queueUrl();
        String raw = subscribedQueue(true);
        String envelopes = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:refused"));
                from(consumer(garbage, "")).to("mock:emitted");
                from(consumer(raw, "requireSignedNotifications=true")).to("mock:emitted");
                from(consumer(envelopes, "notificationTopicArns=" + local.get().topicArn("SomeOtherTopic")))
                        .to("mock:emitted");
            }
        });
        local.get().sqsClient().sendMessage(b -> b.queueUrl(garbage).messageBody("not a notification"));
        startJob("text.mp4", "refused"); // one notification each to the raw and the enveloped queue
        MockEndpoint refused = getMockEndpoint("mock:refused");
        refused.expectedMessageCount(3);
        refused.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));

        assertEquals(1, count(REFUSED, "reason", "invalid"));
        assertEquals(1, count(REFUSED, "reason", "untrusted"));
        assertEquals(1, count(REFUSED, "reason", "other-topic"));
        assertEquals(0, getMockEndpoint("mock:emitted").getReceivedCounter());
        assertNull(registry.find(COMPLETED).counter(), "nothing completed");
    }

    @Test
    void jobsFoundByReconciliationAreCounted() throws Exception {
        String queue = subscribedQueue(false);
        local.get().faults(Faults.parse("{\"notifications\":{\"dropRate\":1.0}}"));
        startJob("text.mp4", "reconciled");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "reconcileInterval=300&reconcileAfter=500")).to("mock:reconciled");
            }
        });
        MockEndpoint reconciled = getMockEndpoint("mock:reconciled");
        reconciled.expectedMessageCount(1);
        reconciled.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));

        await().atMost(5, TimeUnit.SECONDS).until(() -> count(RECONCILED, "analysis", "FaceDetection") == 1);
        assertEquals(1, count(RECONCILED, "analysis", "FaceDetection"));
        assertEquals(1, count(COMPLETED, "analysis", "FaceDetection", "status", "FAILED"));
        assertEquals(0, count(REFUSED, "reason", "invalid"));
    }
}
