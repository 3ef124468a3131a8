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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static io.github.camelrekognition.local.LocalTestSupport.awaitJob;
import static io.github.camelrekognition.local.LocalTestSupport.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server started again on the same state directory keeps the jobs the stopped one had, as the service keeps jobs
 * across its restarts: results, page tokens, ClientRequestTokens, and a job that was in progress runs again. The videos
 * stay in an S3 server of their own (the embedded S3 of another local server) across the restarts.
 */
class StateDirectoryIT {

    static LocalRekognitionVideo videos;

    @BeforeAll
    static void videosServer() {
        videos = LocalRekognitionVideo.start();
        videos.s3Client().createBucket(b -> b.bucket("videos"));
        upload(videos, "videos", "clear.mp4", SampleVideos.clearFrontal());
    }

    @AfterAll
    static void stopVideos() {
        videos.close();
    }

    private static LocalRekognitionVideo server(Path state) {
        return LocalRekognitionVideo.builder().s3Endpoint(videos.s3Endpoint()).stateDirectory(state).start();
    }

    private static StartFaceDetectionRequest start(String token, String tag) {
        return StartFaceDetectionRequest.builder().video(v -> v.s3Object(o -> o.bucket("videos").name("clear.mp4")))
                .clientRequestToken(token).jobTag(tag).build();
    }

    @Test
    void aRestartedServerKeepsTheJobsResultsAndTokens(@TempDir Path state) throws Exception {
        String jobId;
        List<FaceDetection> faces;
        String nextToken;
        String signingKey;
        try (LocalRekognitionVideo before = server(state)) {
            signingKey = get(before.snsSigningCertificate());
            RekognitionClient rekognition = before.rekognitionClient();
            jobId = rekognition.startFaceDetection(start("upload-1", "before")).jobId();
            faces = awaitJob(rekognition, jobId, Duration.ofSeconds(60)).faces();
            nextToken = rekognition.getFaceDetection(b -> b.jobId(jobId).maxResults(10)).nextToken();
        }

        try (LocalRekognitionVideo after = server(state)) {
            RekognitionClient rekognition = after.rekognitionClient();
            GetFaceDetectionResponse kept = rekognition.getFaceDetection(b -> b.jobId(jobId));
            assertEquals(VideoJobStatus.SUCCEEDED, kept.jobStatus());
            assertEquals(faces, kept.faces(), "the same results");
            assertEquals("before", kept.jobTag());
            assertEquals(faces.subList(10, 20),
                    rekognition.getFaceDetection(b -> b.jobId(jobId).maxResults(10).nextToken(nextToken)).faces(),
                    "a page token of the stopped server still pages");
            assertEquals(jobId, rekognition.startFaceDetection(start("upload-1", "before")).jobId(),
                    "the same token and request: the same job");
            assertThrows(IdempotentParameterMismatchException.class,
                    () -> rekognition.startFaceDetection(start("upload-1", "other")));
            assertEquals(signingKey, get(after.snsSigningCertificate()), "the SNS signs with the same key");
        }
        try (LocalRekognitionVideo other = LocalRekognitionVideo.builder().s3Endpoint(videos.s3Endpoint()).start()) {
            assertNotEquals(signingKey, get(other.snsSigningCertificate()), "without the directory, a key of its own");
        }
    }

    private static String get(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void aJobInProgressRunsAgainAfterTheRestart(@TempDir Path state) throws Exception {
        String jobId;
        try (LocalRekognitionVideo before = server(state)) {
            jobId = before.rekognitionClient().startFaceDetection(start("upload-2", "interrupted")).jobId();
            // stopped at once, while the job analyses the video
        }

        try (LocalRekognitionVideo after = server(state)) {
            GetFaceDetectionResponse done = awaitJob(after.rekognitionClient(), jobId, Duration.ofSeconds(60));
            assertEquals(VideoJobStatus.SUCCEEDED, done.jobStatus(), done.statusMessage());
            assertEquals(60, done.faces().size(), "the whole video analysed");
        }
    }

    /**
     * A job still in progress when the server stops (held there by the job latency) runs again after the restart and
     * notifies its topic: the topics and subscriptions are kept in the state directory too. The queue is in an SQS that
     * outlives both servers.
     */
    @Test
    void aJobInProgressRunsAgainAfterTheRestartAndNotifiesItsTopic(@TempDir Path state) throws Exception {
        String queue = videos.sqsClient().createQueue(b -> b.queueName("restart-completions")).queueUrl();
        String queueArn = videos.sqsClient().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String jobId;
        try (LocalRekognitionVideo before = LocalRekognitionVideo.builder().s3Endpoint(videos.s3Endpoint())
                .sqsEndpoint(videos.sqsEndpoint()).stateDirectory(state)
                .faults(Faults.parse("{\"jobLatencyMillis\":600000}")).start()) {
            String topic = before.snsClient().createTopic(b -> b.name("AmazonRekognitionRestart")).topicArn();
            before.snsClient().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true")));
            jobId = before.rekognitionClient().startFaceDetection(start("upload-3", "notified")
                    .toBuilder().notificationChannel(c -> c.snsTopicArn(topic)
                            .roleArn(before.roleArn("RekognitionPublishToSns")))
                    .build()).jobId();
            assertEquals(VideoJobStatus.IN_PROGRESS,
                    before.rekognitionClient().getFaceDetection(b -> b.jobId(jobId)).jobStatus());
        }

        try (LocalRekognitionVideo after = LocalRekognitionVideo.builder().s3Endpoint(videos.s3Endpoint())
                .sqsEndpoint(videos.sqsEndpoint()).stateDirectory(state).start()) {
            GetFaceDetectionResponse done = awaitJob(after.rekognitionClient(), jobId, Duration.ofSeconds(60));
            assertEquals(VideoJobStatus.SUCCEEDED, done.jobStatus(), done.statusMessage());
            List<software.amazon.awssdk.services.sqs.model.Message> notified = videos.sqsClient()
                    .receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(10).maxNumberOfMessages(10)).messages();
            assertEquals(1, notified.size(), "one notification");
            String body = notified.get(0).body();
            assertTrue(body.contains("\"JobId\":\"" + jobId + "\"") && body.contains("\"Status\":\"SUCCEEDED\""), body);
        }
    }
}
