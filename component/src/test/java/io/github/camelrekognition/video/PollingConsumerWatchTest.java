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

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The polling consumer's {@code watch(analysis, jobId)} for a job started elsewhere, and its back-off (the polling
 * guide): the job checked with its analysis's Get call 1 s after, then 2 s, 4 s, ... later, 30 s apart at most.
 */
class PollingConsumerWatchTest extends RekognitionVideo2TestSupport {

    @Override
    protected void moreRoutes(RouteBuilder routes) {
        routes.from("aws2-rekognition-video:elsewhere?delay=50&initialDelay=0"
                    + "&notificationApi=StartFaceDetection,StartLabelDetection")
                .routeId("watching").to("mock:watched");
    }

    RekognitionVideo2PollingConsumer pollingConsumer() {
        return (RekognitionVideo2PollingConsumer) context.getRoute("watching").getConsumer();
    }

    @Test
    void aJobStartedElsewhereIsWatchedWithItsAnalysisGetCallAndEmitted() throws Exception {
        java.util.Map<String, Object> done = java.util.Map.of("JobStatus", "SUCCEEDED", "Labels", List.of(),
                "Video", java.util.Map.of("S3Object", java.util.Map.of("Bucket", "videos", "Name", "a.mp4")));
        server.answer("GetLabelDetection", done) // the status check
                .answer("GetLabelDetection", done); // the fetch of the results
        MockEndpoint watched = getMockEndpoint("mock:watched");
        watched.expectedMessageCount(1);

        pollingConsumer().watch(RekognitionVideo2Analysis.LABEL_DETECTION, "started-elsewhere");

        watched.assertIsSatisfied(10_000);
        Exchange emitted = watched.getReceivedExchanges().get(0);
        assertEquals("started-elsewhere", emitted.getMessage().getHeader(JOB_ID));
        assertEquals("SUCCEEDED", emitted.getMessage().getHeader(JOB_STATUS, String.class));
        assertEquals("started-elsewhere", server.requests("GetLabelDetection").get(0).body().get("JobId").asText());
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> pollingConsumer().watchedJobs() == 0);
    }

    @Test
    void aJobInProgressIsCheckedAfter1sThen2sThen4s() throws Exception {
        List<Long> checks = new ArrayList<>();
        server.answerAlways("GetFaceDetection", request -> {
            synchronized (checks) {
                checks.add(System.nanoTime());
            }
            return "{\"JobStatus\":\"IN_PROGRESS\"}";
        });
        long watchedAt = System.nanoTime();

        pollingConsumer().watch(RekognitionVideo2Analysis.FACE_DETECTION, "long-job");

        // checks due at about 1, 3 and 7 s, the fourth at about 15 s
        org.awaitility.Awaitility.await().atMost(12, TimeUnit.SECONDS).until(() -> {
            synchronized (checks) {
                return checks.size() >= 3;
            }
        });
        Thread.sleep(1000);
        List<Long> seen;
        synchronized (checks) {
            seen = List.copyOf(checks);
        }
        assertEquals(3, seen.size(), "checks at about 1, 3 and 7 s, not every second");
        long[] gaps = { seen.get(0) - watchedAt, seen.get(1) - seen.get(0), seen.get(2) - seen.get(1) };
        long[] expected = { 1000, 2000, 4000 };
        for (int i = 0; i < 3; i++) {
            long millis = TimeUnit.NANOSECONDS.toMillis(gaps[i]);
            assertTrue(millis >= expected[i] - 20 && millis <= expected[i] + 1000,
                    "check " + (i + 1) + " came " + millis + " ms after the one before, not about " + expected[i]);
        }
        assertEquals(1, pollingConsumer().watchedJobs(), "still watched");
        assertEquals(List.of(), getMockEndpoint("mock:watched").getReceivedExchanges());
    }

    @Test
    void aJobOfAnAnalysisTheConsumerDoesNotTakeIsRefusedNamingNotificationApi() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> pollingConsumer().watch(RekognitionVideo2Analysis.TEXT_DETECTION, "text-job"));

        assertEquals("this consumer takes the completions of StartFaceDetection,StartLabelDetection only (option "
                     + "notificationApi): add StartTextDetection to notificationApi to watch a TextDetection job",
                refused.getMessage());
        assertEquals(0, pollingConsumer().watchedJobs());
    }

    @Test
    void theBackOffDoublesUpTo30s() {
        long backoff = RekognitionVideo2PollingConsumer.FIRST_CHECK_MILLIS;
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            backoff = RekognitionVideo2PollingConsumer.nextBackoff(backoff);
            waits.add(backoff);
        }
        assertEquals(List.of(2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L, 30000L), waits);
    }
}
