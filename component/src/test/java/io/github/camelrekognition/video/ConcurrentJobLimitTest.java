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

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code concurrentJobLimit} over the wire (the recording server), its slots counted in a MemoryAggregationRepository
 * with optimistic locking (the lock held in the repository, as camel-sql's) and in one without (this JVM's lock only).
 * Across instances on PostgreSQL: SharedRepositoryIT.
 */
class ConcurrentJobLimitTest extends RekognitionVideo2TestSupport {

    static final RekognitionVideo2Analysis FACES = RekognitionVideo2Analysis.ofStartApi("StartFaceDetection");
    static final String NOTIFIED = "&snsTopicArn=" + A_TOPIC_ARN + "&roleArn=" + A_ROLE_ARN;
    static final String ONE_SLOT = "aws2-rekognition-video:faces?bucketName=videos&concurrentJobLimit=1"
                                   + "&startedJobsRepository=#started" + NOTIFIED;

    final MemoryAggregationRepository started = new MemoryAggregationRepository(true);
    final MemoryAggregationRepository inThisJvm = new MemoryAggregationRepository();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("started", started);
        registry.bind("inThisJvm", inThisJvm);
    }

    @Override
    protected void moreRoutes(RouteBuilder routes) {
        routes.from("direct:one").to(ONE_SLOT).to("mock:result");
        routes.from("direct:oneWaiting").to(ONE_SLOT + "&limitExceededWaitTimeout=20000").to("mock:result");
        routes.from("direct:twoInThisJvm").to("aws2-rekognition-video:faces?bucketName=videos&concurrentJobLimit=2"
                                              + "&startedJobsRepository=#inThisJvm" + NOTIFIED)
                .to("mock:result");
        routes.from("direct:noChannel")
                .to("aws2-rekognition-video:faces?bucketName=videos&concurrentJobLimit=1&startedJobsRepository=#started")
                .to("mock:result");
    }

    static Map<String, Object> video() {
        return new HashMap<>(Map.of(OBJECT_KEY, "a.mp4"));
    }

    void recorded(MemoryAggregationRepository repository, String jobId, long startedAt) {
        StartedJobs.record(repository, context, FACES, jobId, startedAt, null);
    }

    @Test
    void aStartBeyondTheLimitFailsAtOnceNamingTheLimitAndCallsNothing() throws Exception {
        recorded(started, "job-0", System.currentTimeMillis());

        Exception refused = sendFailing("direct:one", null, video());

        LimitExceededException limit = assertInstanceOf(LimitExceededException.class, refused);
        assertTrue(limit.getMessage().contains("no free job slot of concurrentJobLimit (1) within "
                                               + "limitExceededWaitTimeout (0 ms)"),
                limit.getMessage());
        assertTrue(limit.getMessage().contains("no job was started"), limit.getMessage());
        assertEquals(List.of(), server.requests("StartFaceDetection"), "no call");
        assertEquals(List.of("job-0"), List.copyOf(started.getKeys()), "no reservation left");
    }

    @Test
    void aWaitingStartTakesTheSlotWhenTheJobHoldingItIsEmitted() throws Exception {
        recorded(started, "job-0", System.currentTimeMillis());
        server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
        AtomicBoolean calledBeforeTheSlotWasFree = new AtomicBoolean();
        Thread emitter = new Thread(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calledBeforeTheSlotWasFree.set(!server.requests("StartFaceDetection").isEmpty());
            StartedJobs.strike(started, context, "job-0"); // what the consumer does once it emitted the job
        });
        emitter.start();

        Exchange done = send("direct:oneWaiting", null, video());

        emitter.join();
        assertEquals("job-1", done.getMessage().getHeader(JOB_ID));
        assertTrue(!calledBeforeTheSlotWasFree.get(), "the Start call waited for the slot");
        assertEquals(List.of("job-1"), List.copyOf(started.getKeys()), "the job holds the slot; no reservation left");
    }

    @Test
    void aStartTheServiceRefusesForItsOwnQuotaWaitsAndIsSentAgain() throws Exception {
        server.fail("StartFaceDetection", 400, "LimitExceededException", "20 jobs in progress")
                .answer("StartFaceDetection", Map.of("JobId", "job-1"));

        Exchange done = send("direct:oneWaiting", null, video());

        assertEquals("job-1", done.getMessage().getHeader(JOB_ID));
        assertEquals(2, server.requests("StartFaceDetection").size());
        assertEquals(List.of("job-1"), List.copyOf(started.getKeys()));
    }

    @Test
    void theSameStartSentAgainIsOneJobInOneSlot() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-1")).answer("StartFaceDetection",
                Map.of("JobId", "job-1"));
        send("direct:twoInThisJvm", null, video());
        long firstRecord = StartedJobs.get(inThisJvm, context, "job-1").startedAt();

        send("direct:twoInThisJvm", null, video());

        assertEquals(List.of("job-1"), List.copyOf(inThisJvm.getKeys()));
        assertEquals(firstRecord, StartedJobs.get(inThisJvm, context, "job-1").startedAt(), "the first record kept");
        server.answer("StartFaceDetection", Map.of("JobId", "job-2"));
        send("direct:twoInThisJvm", null, video());
        getMockEndpoint("mock:result").reset();
        assertTrue(sendFailing("direct:twoInThisJvm", null, video()).getMessage().contains("concurrentJobLimit (2)"));
    }

    @Test
    void jobsRecordedOverSevenDaysAgoHoldNoSlotAndAreStruckOff() throws Exception {
        recorded(started, "job-old", System.currentTimeMillis() - Duration.ofDays(7).plusMinutes(1).toMillis());
        server.answer("StartFaceDetection", Map.of("JobId", "job-1"));

        send("direct:one", null, video());

        assertEquals(List.of("job-1"), List.copyOf(started.getKeys()));
    }

    @Test
    void aLockOrAReservationLeftByAnInstanceThatDiedExpires() throws Exception {
        // a live instance's lock: the count cannot be made, the start waits (here: not at all) and fails
        started.add(context, JobSlots.LOCK_KEY, null, entry("lock live", System.currentTimeMillis()));
        assertInstanceOf(LimitExceededException.class, sendFailing("direct:one", null, video()));
        assertEquals(List.of(), server.requests("StartFaceDetection"));
        started.remove(context, JobSlots.LOCK_KEY, started.get(context, JobSlots.LOCK_KEY));

        // a lock and a reservation older than their expiry: taken over, not counted
        long longAgo = System.currentTimeMillis() - JobSlots.RESERVATION_EXPIRY - 1000;
        started.add(context, JobSlots.LOCK_KEY, null, entry("lock died", longAgo));
        started.add(context, JobSlots.RESERVED + longAgo + ".died", null, entry("reserved", longAgo));
        server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
        getMockEndpoint("mock:dead").reset();

        send("direct:one", null, video());

        assertEquals(List.of("job-1"), List.copyOf(started.getKeys()), "the lock let go, the reservation struck off");
    }

    Exchange entry(String body, long heldSince) {
        Exchange entry = new DefaultExchange(context);
        entry.getMessage().setBody(body);
        entry.getMessage().setHeader("heldSince", heldSince);
        return entry;
    }

    @Test
    void aStartWithoutNotificationChannelIsRefusedBeforeAnyCall() throws Exception {
        RekognitionVideo2ValidationException refused = assertInstanceOf(RekognitionVideo2ValidationException.class,
                sendFailing("direct:noChannel", null, video()));

        assertEquals("option concurrentJobLimit", refused.getSource());
        assertTrue(refused.getMessage().contains("needs a notification channel: set snsTopicArn and roleArn"),
                refused.getMessage());
        assertEquals(List.of(), server.requests("StartFaceDetection"));
        assertEquals(List.of(), List.copyOf(started.getKeys()));
    }

    @Test
    void aLimitWithoutRepositoryOrBelowZeroStopsTheRouteFromStarting() throws Exception {
        for (String options : List.of("concurrentJobLimit=20", "concurrentJobLimit=-1&startedJobsRepository=#started")) {
            try (CamelContext application = pointAt(new DefaultCamelContext(), server.endpoint(), "us-east-1")) {
                application.getRegistry().bind("started", started);
                application.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:start").to("aws2-rekognition-video:faces?" + options);
                    }
                });
                Exception failed = assertThrows(FailedToStartRouteException.class, application::start);
                RekognitionVideo2ValidationException cause = assertInstanceOf(RekognitionVideo2ValidationException.class,
                        org.apache.camel.util.ObjectHelper.getException(RekognitionVideo2ValidationException.class,
                                failed));
                assertEquals("option concurrentJobLimit", cause.getSource());
                assertTrue(cause.getMessage().contains(options.endsWith("20")
                        ? "none is set: set startedJobsRepository" : "(it is -1)"), cause.getMessage());
            }
        }
    }
}
