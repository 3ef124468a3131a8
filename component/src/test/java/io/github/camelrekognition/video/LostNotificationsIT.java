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
import java.util.concurrent.TimeUnit;

import io.github.camelrekognition.local.Faults;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.JOB_ID;
import static io.github.camelrekognition.video.RekognitionVideo2Constants.JOB_STATUS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lost notifications: the local SNS drops every notification, and the consumer's reconciliation (reconcileInterval)
 * emits each job the producers recorded in startedJobsRepository, once, from the Get call of its analysis. A job whose
 * notification did come is emitted once, and struck off. Several instances sharing the record on PostgreSQL, across a
 * restart: {@code SharedRepositoryIT}.
 */
class LostNotificationsIT extends ConsumerTestSupport {

    final MemoryAggregationRepository started = new MemoryAggregationRepository();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // on the component: the producers record the jobs they start, the consumers strike them off
        context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                .setStartedJobsRepository(started);
        return context;
    }

    @AfterEach
    void noFaults() {
        local.get().faults(Faults.none());
    }

    @Test
    void jobsWhoseNotificationWasDroppedAreEmittedOnce() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "reconcileInterval=300&reconcileAfter=1500&resultMode=notification"))
                        .to("mock:emitted");
            }
        });
        local.get().faults(Faults.parse("{\"notifications\":{\"dropRate\":1.0}}"));
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(startJob("text.mp4", "lost-" + i)); // FAILED at once
        }
        jobs.add(startJob("empty.mp4", "lost-video")); // SUCCEEDED
        assertEquals(5, started.getKeys().size(), "the producer recorded the jobs");

        MockEndpoint emitted = getMockEndpoint("mock:emitted");
        emitted.expectedMessageCount(5);
        emitted.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        assertEquals(jobs.stream().sorted().toList(), emitted.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(JOB_ID, String.class)).sorted().toList(), "each job once");
        assertEquals(List.of("FAILED", "FAILED", "FAILED", "FAILED", "SUCCEEDED"), emitted.getReceivedExchanges()
                .stream().map(e -> e.getMessage().getHeader(JOB_STATUS, String.class)).sorted().toList());
        // struck off once each exchange completed, just after the mock saw it
        await().atMost(5, TimeUnit.SECONDS)
                .untilAsserted(() -> assertEquals(0, started.getKeys().size(), "struck off"));
        Thread.sleep(1500); // more rounds of reconciliation
        emitted.assertIsSatisfied();
    }

    @Test
    void aJobWhoseNotificationCameIsEmittedOnceAndStruckOff() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "reconcileInterval=300&reconcileAfter=500&resultMode=notification"))
                        .to("mock:emitted");
            }
        });
        MockEndpoint emitted = getMockEndpoint("mock:emitted");
        emitted.expectedMessageCount(1);
        String jobId = startJob("text.mp4", "notified");
        emitted.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        await().atMost(5, TimeUnit.SECONDS).until(() -> started.getKeys().isEmpty());
        Thread.sleep(1500); // rounds of reconciliation after reconcileAfter
        emitted.assertIsSatisfied();
        assertEquals(jobId, emitted.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
    }
}
