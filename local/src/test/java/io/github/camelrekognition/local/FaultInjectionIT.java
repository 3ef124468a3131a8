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
package io.github.camelrekognition.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.InternalServerErrorException;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static io.github.camelrekognition.local.LocalTestSupport.awaitJob;
import static io.github.camelrekognition.local.LocalTestSupport.drain;
import static io.github.camelrekognition.local.LocalTestSupport.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The faults the local server injects, set at start (the builder) and changed while it runs (PUT /_local/faults over
 * HTTP, as tests elsewhere do): throttling and server errors per operation, counted on the wire with the SDK's own
 * client; added latency; completion notifications dropped, duplicated and delayed.
 */
class FaultInjectionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static LocalRekognitionVideoExtension extension = new LocalRekognitionVideoExtension(
            LocalRekognitionVideo.builder()
                    .faults(Faults.parse("{\"operations\":{\"ListCollections\":{\"latencyMillis\":300}}}")));

    static RekognitionClient rekognition;
    static SqsClient sqs;
    static String topicArn;
    static String queue;
    /** A ListCollections call with the faults the server started with. */
    static long firstListMillis;

    @BeforeAll
    static void wire() {
        LocalRekognitionVideo local = extension.get();
        long start = System.nanoTime();
        local.rekognitionClient().listCollections(b -> b.maxResults(1));
        firstListMillis = (System.nanoTime() - start) / 1_000_000;
        rekognition = local.rekognitionClient();
        sqs = local.sqsClient();
        local.s3Client().createBucket(b -> b.bucket("videos"));
        upload(local, "videos", "no-face.mp4", SampleVideos.noFace());
        topicArn = local.snsClient().createTopic(b -> b.name("AmazonRekognitionFaces")).topicArn();
        queue = sqs.createQueue(b -> b.queueName("faults")).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        local.snsClient().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn)
                .attributes(Map.of("RawMessageDelivery", "true")));
    }

    @AfterEach
    void noFaults() throws Exception {
        put("{}");
    }

    private static HttpResponse<String> put(String faults) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(admin("faults")).PUT(HttpRequest.BodyPublishers.ofString(faults))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI admin(String path) {
        return extension.get().rekognitionEndpoint().resolve("/_local/" + path);
    }

    private static long stat(String name) throws Exception {
        JsonNode stats = JSON.readTree(HTTP.send(HttpRequest.newBuilder(admin("stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return stats.path(name).asLong(0);
    }

    /** A client that makes {@code attempts} attempts of a retryable call, with the SDK's standard strategy. */
    private static RekognitionClient client(int attempts) {
        return RekognitionClient.builder().endpointOverride(extension.get().rekognitionEndpoint())
                .region(software.amazon.awssdk.regions.Region.of(extension.get().region()))
                .credentialsProvider(extension.get().rekognitionClient().serviceClientConfiguration()
                        .credentialsProvider())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(attempts)))
                .build();
    }

    private String startOnNoFace() {
        return rekognition.startFaceDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("videos").name("no-face.mp4")))
                .notificationChannel(c -> c.snsTopicArn(topicArn).roleArn(extension.get().roleArn("Rekognition"))))
                .jobId();
    }

    /**
     * A job latency keeps each job in progress that long; the concurrent-job limit refuses the Start calls beyond it;
     * the stats count the refusals and the time jobs spent in progress.
     */
    @Test
    void jobLatencyKeepsJobsInProgressAndTheLimitRefusesStartsBeyondIt() throws Exception {
        assertEquals(200, put("{\"maxConcurrentJobs\":1,\"jobLatencyMillis\":1500}").statusCode());
        long refused = stat("limitExceeded.StartFaceDetection");
        long inProgressMillis = stat("jobs.inProgressMillis");
        long started = System.nanoTime();
        String jobId = startOnNoFace();

        assertEquals(1, stat("jobs.inProgress"));
        LimitExceededException limit = assertThrows(LimitExceededException.class, this::startOnNoFace);
        assertTrue(limit.awsErrorDetails().errorMessage().contains("the limit is 1"), limit.getMessage());
        assertEquals(refused + 1, stat("limitExceeded.StartFaceDetection"));
        assertEquals(VideoJobStatus.IN_PROGRESS, rekognition.getFaceDetection(b -> b.jobId(jobId)).jobStatus());

        assertEquals(VideoJobStatus.SUCCEEDED, awaitJob(rekognition, jobId, Duration.ofSeconds(30)).jobStatus());
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsed >= 1500, "in progress for the job latency at least: " + elapsed + " ms");
        assertEquals(0, stat("jobs.inProgress"));
        long spent = stat("jobs.inProgressMillis") - inProgressMillis;
        assertTrue(spent >= 1500 && spent <= elapsed, "time in progress counted: " + spent + " ms of " + elapsed);
    }

    @Test
    void throttlesEveryCallOfAnOperationAtRateOne() throws Exception {
        assertEquals(200, put("{\"operations\":{\"StartFaceDetection\":{\"throttleRate\":1.0}}}").statusCode());
        long calls = stat("calls.StartFaceDetection");

        try (RekognitionClient twoAttempts = client(2)) {
            ThrottlingException throttled = assertThrows(ThrottlingException.class,
                    () -> twoAttempts.startFaceDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("videos")
                            .name("no-face.mp4")))));
            assertEquals("Rate exceeded (a fault the local server injects)",
                    throttled.awsErrorDetails().errorMessage());
        }
        assertEquals(calls + 2, stat("calls.StartFaceDetection"), "two attempts on the wire");
        assertTrue(stat("throttled.StartFaceDetection") >= 2);
        rekognition.listCollections(b -> b.maxResults(1)); // other operations are not throttled
    }

    @Test
    void answersServerErrorsAtTheirRate() throws Exception {
        put("{\"operations\":{\"*\":{\"errorRate\":1.0}}}");
        long calls = stat("calls.GetFaceDetection");

        try (RekognitionClient threeAttempts = client(3)) {
            InternalServerErrorException error = assertThrows(InternalServerErrorException.class,
                    () -> threeAttempts.getFaceDetection(b -> b.jobId("job-1")));
            assertEquals(500, error.statusCode());
        }
        assertEquals(calls + 3, stat("calls.GetFaceDetection"));
    }

    @Test
    void addsLatencyFromTheStartAndWhileItRuns() throws Exception {
        assertTrue(firstListMillis >= 300, "the builder's latency: " + firstListMillis + " ms");

        put("{\"operations\":{\"ListCollections\":{\"latencyMillis\":400}}}");
        long start = System.nanoTime();
        rekognition.listCollections(b -> b.maxResults(1));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 400, "the latency PUT while it runs: " + millis + " ms");
    }

    @Test
    void duplicatesDropsAndDelaysNotifications() throws Exception {
        put("{\"notifications\":{\"duplicates\":2}}");
        String duplicated = startOnNoFace();
        awaitJob(rekognition, duplicated, Duration.ofSeconds(60));
        List<Message> copies = drain(sqs, queue, Duration.ofSeconds(2));
        assertEquals(3, copies.stream().filter(m -> m.body().contains(duplicated)).count(), "1 + 2 duplicates");

        put("{\"notifications\":{\"dropRate\":1.0}}");
        String dropped = startOnNoFace();
        awaitJob(rekognition, dropped, Duration.ofSeconds(60));
        assertEquals(List.of(), drain(sqs, queue, Duration.ofSeconds(2)), "dropped");

        put("{\"notifications\":{\"delayMillis\":2500}}");
        String delayed = startOnNoFace();
        awaitJob(rekognition, delayed, Duration.ofSeconds(60));
        long done = System.nanoTime();
        assertEquals(List.of(), drain(sqs, queue, Duration.ofMillis(1500)), "not yet");
        List<Message> late = drain(sqs, queue, Duration.ofSeconds(4));
        assertEquals(1, late.size());
        assertTrue((System.nanoTime() - done) / 1_000_000 >= 1500, "delayed");
    }

    @Test
    void outOfOrderDrawsEachNotificationsDelay() throws Exception {
        put("{\"notifications\":{\"duplicates\":5,\"delayMillis\":3000,\"outOfOrder\":true}}");
        String jobId = startOnNoFace();
        awaitJob(rekognition, jobId, Duration.ofSeconds(60));

        List<Long> arrivals = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (arrivals.size() < 6 && System.nanoTime() < deadline) {
            for (Message message : drain(sqs, queue, Duration.ofMillis(100))) {
                if (message.body().contains(jobId)) {
                    arrivals.add(System.nanoTime() / 1_000_000);
                }
            }
        }
        assertEquals(6, arrivals.size(), "1 + 5 duplicates, each within the 3 s delay");
        long spread = arrivals.get(arrivals.size() - 1) - arrivals.get(0);
        // six delays drawn in 0..3000 ms all within 300 ms of each other: less than 1 chance in 10,000
        assertTrue(spread >= 300, "the copies arrived " + spread + " ms apart: each delay is drawn");
    }

    @Test
    void theConcurrentJobLimitChangesWhileItRuns() throws Exception {
        put("{\"maxConcurrentJobs\":0}");
        LimitExceededException full = assertThrows(LimitExceededException.class, this::startOnNoFace);
        assertTrue(full.awsErrorDetails().errorMessage().endsWith("the limit is 0"), full.getMessage());

        put("{}");
        awaitJob(rekognition, startOnNoFace(), Duration.ofSeconds(60));
    }

    @Test
    void refusesFaultsThatAreNotValidAndKeepsTheOnesItHas() throws Exception {
        put("{\"operations\":{\"StartFaceDetection\":{\"latencyMillis\":5}}}");

        HttpResponse<String> refused = put("{\"operations\":{\"StartFaceDetection\":{\"throttleRate\":1.5}}}");

        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("throttleRate must be 0 to 1, not 1.5"), refused.body());
        assertEquals(400, put("{\"operations\":[]}").statusCode());
        assertEquals(400, put("{\"notification\":{}}").statusCode(), "an unknown member is refused");
        JsonNode kept = JSON.readTree(HTTP.send(HttpRequest.newBuilder(admin("faults")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(5, kept.at("/operations/StartFaceDetection/latencyMillis").asInt());
    }
}
