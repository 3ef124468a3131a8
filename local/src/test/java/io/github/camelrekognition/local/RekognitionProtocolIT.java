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

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.Landmark;
import software.amazon.awssdk.services.rekognition.model.LandmarkType;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;

import static io.github.camelrekognition.local.LocalTestSupport.awaitJob;
import static io.github.camelrekognition.local.LocalTestSupport.upload;
import static io.github.camelrekognition.local.RekognitionModel.max;
import static io.github.camelrekognition.local.RekognitionModel.min;
import static io.github.camelrekognition.local.RekognitionModel.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unmodified AWS SDK RekognitionClient against the local server: validation, errors, jobs and paging. */
class RekognitionProtocolIT {

    @RegisterExtension
    static LocalRekognitionVideoExtension extension = new LocalRekognitionVideoExtension();

    static RekognitionClient rekognition;

    @BeforeAll
    static void uploadFixtures() {
        LocalRekognitionVideo local = extension.get();
        rekognition = local.rekognitionClient();
        local.s3Client().createBucket(b -> b.bucket("videos"));
        upload(local, "videos", "clear.mp4", SampleVideos.clearFrontal());
        upload(local, "videos", "no-face.mp4", SampleVideos.noFace());
        upload(local, "videos", "not-a-video.mp4", SampleVideos.notAVideo());
        upload(local, "videos", "truncated.mp4", SampleVideos.truncated());
    }

    private static StartFaceDetectionRequest.Builder start(String key) {
        return StartFaceDetectionRequest.builder().video(v -> v.s3Object(o -> o.bucket("videos").name(key)));
    }

    // Each bad value comes from the constraints of the upstream Rekognition model.
    static Stream<Arguments> invalidStarts() {
        String failed = "failed to satisfy constraint: Member must ";
        String matching = "satisfy regular expression pattern: ";
        return Stream.of(
                Arguments.of(StartFaceDetectionRequest.builder().build(),
                        "Value null at 'video' " + failed + "not be null"),
                Arguments.of(
                        start("clear.mp4").video(v -> v.s3Object(o -> o.bucket("v".repeat(min("S3Bucket") - 1)).name("k")))
                                .build(),
                        "at 'video.s3Object.bucket' " + failed + "have length greater than or equal to " + min("S3Bucket")),
                Arguments.of(start("clear.mp4").video(v -> v.s3Object(o -> o.bucket("my videos").name("k"))).build(),
                        "at 'video.s3Object.bucket' " + failed + matching + pattern("S3Bucket")),
                Arguments.of(start("k".repeat(max("S3ObjectName") + 1)).build(),
                        "at 'video.s3Object.name' " + failed + "have length less than or equal to " + max("S3ObjectName")),
                Arguments.of(start("clear.mp4").clientRequestToken("t".repeat(max("ClientRequestToken") + 1)).build(),
                        "at 'clientRequestToken' " + failed + "have length less than or equal to " + max("ClientRequestToken")),
                Arguments.of(start("clear.mp4").clientRequestToken("bad token").build(),
                        "Value 'bad token' at 'clientRequestToken' " + failed + matching + pattern("ClientRequestToken")),
                Arguments.of(start("clear.mp4").jobTag("batch #7").build(),
                        "Value 'batch #7' at 'jobTag' " + failed + matching + pattern("JobTag")),
                Arguments.of(start("clear.mp4").faceAttributes("SOME").build(),
                        "Value 'SOME' at 'faceAttributes' " + failed + "satisfy enum value set: [DEFAULT, ALL]"),
                Arguments.of(start("clear.mp4").notificationChannel(c -> c.snsTopicArn("topic")).build(),
                        "Value null at 'notificationChannel.roleArn' " + failed + "not be null"),
                Arguments.of(
                        start("clear.mp4")
                                .notificationChannel(c -> c.snsTopicArn("topic").roleArn("arn:aws:iam::000000000000:role/R"))
                                .build(),
                        "Value 'topic' at 'notificationChannel.sNSTopicArn' " + failed + matching + pattern("SNSTopicArn")));
    }

    @ParameterizedTest
    @MethodSource("invalidStarts")
    void refusesAnInvalidStartWithTheServiceMessage(StartFaceDetectionRequest request, String expected) {
        InvalidParameterException error = assertThrows(InvalidParameterException.class,
                () -> rekognition.startFaceDetection(request));
        assertTrue(error.awsErrorDetails().errorMessage().contains(expected), error.awsErrorDetails().errorMessage());
        assertTrue(error.awsErrorDetails().errorMessage().matches("\\d+ validation errors? detected: .*"));
        assertEquals(400, error.statusCode());
        assertFalse(error.requestId() == null || error.requestId().isEmpty(), "x-amzn-RequestId is set");
    }

    @Test
    void listsEveryViolationOfARequest() {
        InvalidParameterException error = assertThrows(InvalidParameterException.class,
                () -> rekognition.startFaceDetection(start("clear.mp4").jobTag("a b").faceAttributes("NONE").build()));
        assertTrue(error.awsErrorDetails().errorMessage().startsWith("2 validation errors detected: "),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void refusesAnInvalidGet() {
        assertTrue(assertThrows(InvalidParameterException.class,
                () -> rekognition.getFaceDetection(b -> b.jobId("job-1").maxResults(min("MaxResults") - 1)))
                .getMessage()
                .contains("at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to "
                          + min("MaxResults")));
        assertTrue(assertThrows(InvalidParameterException.class,
                () -> rekognition.getFaceDetection(b -> b.jobId("job 1")))
                .getMessage().contains("Member must satisfy regular expression pattern: " + pattern("JobId")));
        assertTrue(assertThrows(InvalidParameterException.class,
                () -> rekognition.getFaceDetection(b -> b.jobId("job-1").nextToken("n".repeat(max("PaginationToken") + 1))))
                .getMessage().contains("Member must have length less than or equal to " + max("PaginationToken")));
    }

    @Test
    void answersResourceNotFoundForAnUnknownJob() {
        assertThrows(ResourceNotFoundException.class, () -> rekognition.getFaceDetection(b -> b.jobId("no-such-job")));
    }

    @Test
    void answersInvalidS3ObjectForAMissingVideo() {
        InvalidS3ObjectException error = assertThrows(InvalidS3ObjectException.class,
                () -> rekognition.startFaceDetection(start("missing.mp4").build()));
        assertTrue(error.getMessage().contains("Unable to get object metadata from S3"), error.getMessage());
        assertThrows(InvalidS3ObjectException.class,
                () -> rekognition
                        .startFaceDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("no-bucket").name("clear.mp4")))));
    }

    @Test
    void answersUnknownOperationForCallsOutsideTheApi() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(extension.get().rekognitionEndpoint())
                        .header("X-Amz-Target", "RekognitionService.StartHologramDetection")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("\"__type\":\"UnknownOperationException\""), answer.body());
    }

    /**
     * The Start call of each analysis this server does not compute, made with a valid request and no results supplied.
     */
    static Stream<Arguments> analysesNotComputedLocally() {
        Consumer<software.amazon.awssdk.services.rekognition.model.Video.Builder> video
                = v -> v.s3Object(o -> o.bucket("videos").name("clear.mp4"));
        return Stream.of(
                Arguments.of("LabelDetection", "label detection",
                        (Executable) () -> rekognition.startLabelDetection(b -> b.video(video))),
                Arguments.of("CelebrityRecognition", "celebrity recognition",
                        (Executable) () -> rekognition.startCelebrityRecognition(b -> b.video(video))),
                Arguments.of("ContentModeration", "content moderation",
                        (Executable) () -> rekognition.startContentModeration(b -> b.video(video))),
                Arguments.of("PersonTracking", "person tracking",
                        (Executable) () -> rekognition.startPersonTracking(b -> b.video(video))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("analysesNotComputedLocally")
    void refusesAStartOfAnAnalysisItDoesNotComputeWithoutSuppliedResultsByName(
            String analysis, String name, Executable call) {
        RekognitionException error = assertThrows(RekognitionException.class, call);
        assertEquals(400, error.statusCode());
        assertEquals("NotSupportedLocallyException", error.awsErrorDetails().errorCode());
        assertEquals("The local Rekognition Video does not compute " + name + " (Start" + analysis + "): supply the "
                     + "results of this video as s3://videos/clear.mp4." + analysis + ".json, a Get" + analysis
                     + " response, or run Start" + analysis + " against Amazon Rekognition Video.",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void answersTheGetCallOfAnUnknownJobAsTheServiceDoes() {
        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> rekognition.getLabelDetection(b -> b.jobId("job-1")));
        assertEquals("No label detection job with id job-1", error.awsErrorDetails().errorMessage());
    }

    @Test
    void checksTheRequestOfAnAnalysisItDoesNotComputeFirst() {
        InvalidParameterException error = assertThrows(InvalidParameterException.class,
                () -> rekognition.getLabelDetection(b -> b.jobId("job-1").sortBy("INDEX")));
        assertTrue(error.awsErrorDetails().errorMessage().contains("Member must satisfy enum value set"),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void detectsFacesAndReportsTheVideo() throws Exception {
        String jobId = rekognition.startFaceDetection(start("clear.mp4").jobTag("clear").build()).jobId();
        assertTrue(jobId.matches(pattern("JobId")) && jobId.length() <= max("JobId"), jobId);

        GetFaceDetectionResponse done = awaitJob(rekognition, jobId, Duration.ofSeconds(60));

        assertEquals(VideoJobStatus.SUCCEEDED, done.jobStatus());
        assertNull(done.statusMessage());
        assertEquals("h264", done.videoMetadata().codec());
        assertEquals("QuickTime / MOV", done.videoMetadata().format());
        assertEquals(25f, done.videoMetadata().frameRate(), 0.01f);
        assertEquals(1280L, done.videoMetadata().frameWidth());
        assertEquals(720L, done.videoMetadata().frameHeight());
        assertEquals(SampleVideos.CLEAR_SECONDS * 1000, done.videoMetadata().durationMillis(), 100);
        assertEquals(jobId, done.jobId());
        assertEquals("clear", done.jobTag());
        assertEquals("clear.mp4", done.video().s3Object().name());
        assertFalse(done.faces().isEmpty());
        for (FaceDetection detection : done.faces()) {
            FaceDetail face = detection.face();
            assertTrue(face.confidence() >= 99f && face.confidence() <= 100f, "a clear face: " + face.confidence());
            assertTrue(face.quality().brightness() > 0f && face.quality().sharpness() > 0f);
            BoundingBox box = face.boundingBox();
            assertEquals(List.of(LandmarkType.EYE_LEFT, LandmarkType.EYE_RIGHT, LandmarkType.MOUTH_LEFT,
                    LandmarkType.MOUTH_RIGHT, LandmarkType.NOSE), face.landmarks().stream().map(Landmark::type).toList());
            for (Landmark landmark : face.landmarks()) {
                assertTrue(landmark.x() > box.left() && landmark.x() < box.left() + box.width()
                        && landmark.y() > box.top() && landmark.y() < box.top() + box.height(),
                        landmark + " inside " + box);
            }
            Map<LandmarkType, Landmark> at = face.landmarks().stream()
                    .collect(Collectors.toMap(Landmark::type, landmark -> landmark));
            assertTrue(at.get(LandmarkType.EYE_LEFT).x() < at.get(LandmarkType.EYE_RIGHT).x(), "eyeLeft on the left");
            assertTrue(at.get(LandmarkType.MOUTH_LEFT).y() > at.get(LandmarkType.NOSE).y()
                    && at.get(LandmarkType.NOSE).y() > at.get(LandmarkType.EYE_LEFT).y(), "eyes, nose, mouth");
            // the faces of the clear video are nearly upright (one leans about 10 degrees) and look at the camera
            assertTrue(Math.abs(face.pose().roll()) < 20 && Math.abs(face.pose().yaw()) < 30
                    && Math.abs(face.pose().pitch()) < 30, face.pose().toString());
            assertNull(face.ageRange());
            assertNull(face.smile());
            assertTrue(face.emotions().isEmpty());
        }
    }

    @Test
    void answersAllWithTheAttributesItComputesOnly() throws Exception {
        String jobId = rekognition.startFaceDetection(start("clear.mp4").jobTag("all").faceAttributes("ALL").build())
                .jobId();
        GetFaceDetectionResponse done = awaitJob(rekognition, jobId, Duration.ofSeconds(60));

        assertEquals(VideoJobStatus.SUCCEEDED, done.jobStatus());
        assertFalse(done.faces().isEmpty());
        for (FaceDetection detection : done.faces()) {
            FaceDetail face = detection.face();
            assertEquals(5, face.landmarks().size());
            assertNotNull(face.pose());
            assertNotNull(face.quality());
            // not computed by the local detector: absent, not invented
            assertNull(face.ageRange());
            assertNull(face.gender());
            assertNull(face.eyesOpen());
            assertNull(face.faceOccluded());
            assertNull(face.eyeDirection());
            assertTrue(face.emotions().isEmpty());
        }
    }

    @Test
    void pagesThroughAResultWithMaxResultsAndNextToken() throws Exception {
        String jobId = rekognition.startFaceDetection(start("clear.mp4").jobTag("paging").build()).jobId();
        List<FaceDetection> whole = awaitJob(rekognition, jobId, Duration.ofSeconds(60)).faces();
        assertTrue(whole.size() > 20, "enough faces for many pages: " + whole.size());

        List<FaceDetection> paged = new ArrayList<>();
        int pages = 0;
        for (GetFaceDetectionResponse page : rekognition.getFaceDetectionPaginator(
                GetFaceDetectionRequest.builder().jobId(jobId).maxResults(7).build())) {
            assertTrue(page.faces().size() <= 7);
            paged.addAll(page.faces());
            pages++;
        }

        assertEquals(whole, paged, "the pages put together are the whole result, in order");
        assertEquals((whole.size() + 6) / 7, pages);
    }

    @Test
    void refusesATokenThatIsNotOneOfItsOwn() throws Exception {
        String jobId = rekognition.startFaceDetection(start("clear.mp4").jobTag("tokens").build()).jobId();
        awaitJob(rekognition, jobId, Duration.ofSeconds(60));
        String token = rekognition.getFaceDetection(b -> b.jobId(jobId).maxResults(1)).nextToken();

        assertThrows(InvalidPaginationTokenException.class,
                () -> rekognition.getFaceDetection(b -> b.jobId(jobId).nextToken("forged-token")));
        assertThrows(InvalidPaginationTokenException.class,
                () -> rekognition.getFaceDetection(b -> b.jobId(jobId).nextToken(token.substring(0, token.length() - 2))));
        String otherJob = rekognition.startFaceDetection(start("no-face.mp4").build()).jobId();
        assertThrows(InvalidPaginationTokenException.class,
                () -> rekognition.getFaceDetection(b -> b.jobId(otherJob).nextToken(token)), "a token of another job");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "not-a-video.mp4", "truncated.mp4" })
    void failsAJobOnAVideoItCannotDecode(String key) throws Exception {
        String jobId = rekognition.startFaceDetection(start(key).build()).jobId();

        GetFaceDetectionResponse done = awaitJob(rekognition, jobId, Duration.ofSeconds(30));

        assertEquals(VideoJobStatus.FAILED, done.jobStatus());
        assertEquals("Unsupported codec/format.", done.statusMessage(), "the service's words, no path or FFmpeg's");
        assertTrue(done.faces().isEmpty());
        assertNull(done.videoMetadata());
    }

    @Test
    void findsNoFaceInAVideoWithoutFaces() throws Exception {
        String jobId = rekognition.startFaceDetection(start("no-face.mp4").build()).jobId();

        GetFaceDetectionResponse done = awaitJob(rekognition, jobId, Duration.ofSeconds(30));

        assertEquals(VideoJobStatus.SUCCEEDED, done.jobStatus());
        assertEquals(List.of(), done.faces());
    }
}
