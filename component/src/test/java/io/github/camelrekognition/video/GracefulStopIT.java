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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.JOB_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping an SQS-mode consumer's route: the job being emitted finishes and its message is deleted, messages not yet
 * processed go back to the queue unprocessed, nothing is emitted twice after a restart, and nothing is logged at WARN
 * or ERROR (Camel's aws2-sqs logs an interrupted long poll at ERROR, with its stack). The log is what slf4j-simple
 * writes to the standard error while the route stops. Notifications are sent to the local server's SQS; the
 * GetFaceDetection pages come from a {@link RecordingRekognitionServer}.
 */
class GracefulStopIT extends ConsumerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FACES = 20;

    @RegisterExtension
    static RecordingRekognitionServer results = RecordingRekognitionServer.forTestClass();

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream standardError;

    @BeforeAll
    static void startResults() throws Exception {
        FaceDetectionPages pages = new FaceDetectionPages(FACES);
        results.answerAlways("GetFaceDetection", pages::answer);
    }

    @BeforeEach
    void captureTheLog() {
        standardError = System.err;
        System.setErr(new PrintStream(new TeeStream(standardError, log), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheLog() {
        System.setErr(standardError);
    }

    /** The lines logged at WARN or ERROR, and stack trace lines, since the capture started. */
    private List<String> warningsAndErrors() {
        return log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("\tat "))
                .toList();
    }

    private static void notify(String queue, String jobId) throws Exception {
        String notification = JSON.writeValueAsString(Map.of("JobId", jobId, "Status", "SUCCEEDED",
                "API", "StartFaceDetection", "Timestamp", System.currentTimeMillis(),
                "Video", Map.of("S3ObjectName", "clip.mp4", "S3Bucket", "videos")));
        local.get().sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody(notification));
    }

    private static int visibleMessages(String queue) {
        return Integer.parseInt(local.get().sqsClient().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings()
                .get("ApproximateNumberOfMessages"));
    }

    private static long emittedOf(MockEndpoint mock, String jobId) {
        return mock.getReceivedExchanges().stream().filter(e -> jobId.equals(e.getMessage().getHeader(JOB_ID))).count();
    }

    @Test
    void stoppingDuringALongPollLogsNothingAndTakesNoLongerThanThePoll() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aws2-rekognition-video:faces?queueUrl=" + queue + "&sqsUriEndpointOverride="
                     + local.get().sqsEndpoint() + "&waitTimeSeconds=20&initialDelay=0")
                        .routeId("idle").to("mock:idle");
            }
        });
        Thread.sleep(1500); // the first long poll is waiting

        long start = System.nanoTime();
        context.getRouteController().stopRoute("idle");
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(List.of(), warningsAndErrors());
        assertTrue(stopMillis < 10_000, "the stop cut the 20 s long poll short: " + stopMillis + " ms");
    }

    @Test
    void theJobBeingEmittedFinishesAndTheOthersReturnToTheQueue() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "resultMode=item&overrideEndpoint=true&uriEndpointOverride=" + results.endpoint()))
                        .routeId("slow").delay(50).to("mock:faces");
            }
        });
        context.getRouteController().stopRoute("slow");
        MockEndpoint faces = getMockEndpoint("mock:faces");
        notify(queue, "first");
        notify(queue, "second");
        notify(queue, "third");
        context.getRouteController().startRoute("slow");
        await().atMost(30, TimeUnit.SECONDS).until(() -> faces.getReceivedCounter() > 0);
        String started = faces.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID, String.class);

        context.getRouteController().stopRoute("slow");

        assertEquals(FACES, emittedOf(faces, started), "the job being emitted finished: every face");
        assertEquals(FACES, faces.getReceivedCounter(), "no other job was started");
        await().atMost(5, TimeUnit.SECONDS).until(() -> visibleMessages(queue) == 2);
        assertEquals(2, messagesIn(queue), "the first job's message was deleted");
        assertEquals(List.of(), warningsAndErrors(), "a graceful stop logs no warning and no error");

        context.getRouteController().startRoute("slow");
        await().atMost(60, TimeUnit.SECONDS).until(() -> faces.getReceivedCounter() == 3 * FACES);
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        Thread.sleep(1000);
        for (String job : List.of("first", "second", "third")) {
            assertEquals(FACES, emittedOf(faces, job), job + " emitted once, whole");
        }
        assertEquals(List.of(), warningsAndErrors());
    }

    @Test
    void aJobStillInProgressAtTheShutdownTimeoutIsKeptAndSaysSo() throws Exception {
        String queue = subscribedQueue(false);
        context.getShutdownStrategy().setTimeout(1);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "resultMode=item&overrideEndpoint=true&uriEndpointOverride=" + results.endpoint()))
                        .routeId("stuck").delay(500).to("mock:stuck");
            }
        });
        MockEndpoint stuck = getMockEndpoint("mock:stuck");
        notify(queue, "too-long");
        await().atMost(30, TimeUnit.SECONDS).until(() -> stuck.getReceivedCounter() > 0);

        context.getRouteController().stopRoute("stuck");

        assertTrue(stuck.getReceivedCounter() < FACES, "the job was cut short: " + stuck.getReceivedCounter());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("still in progress after the shutdown timeout of 1000 ms: "
                                                                 + "they were not deleted"),
                "the WARN says so");
        assertEquals(1, messagesIn(queue), "its message was not deleted: it comes back after the visibility timeout");
    }

    /** Writes to two streams. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
