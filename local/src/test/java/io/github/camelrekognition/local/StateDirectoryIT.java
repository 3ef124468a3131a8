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

import static io.github.camelrekognition.local.LocalTestSupport.awaitJob;
import static io.github.camelrekognition.local.LocalTestSupport.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
