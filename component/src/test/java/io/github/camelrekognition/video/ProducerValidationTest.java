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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.InvalidPayloadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;

import static io.github.camelrekognition.local.RekognitionModel.enumValues;
import static io.github.camelrekognition.local.RekognitionModel.max;
import static io.github.camelrekognition.local.RekognitionModel.min;
import static io.github.camelrekognition.local.RekognitionModel.pattern;
import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input is refused before any network call, with a message that names the header or option and the rule, and
 * the message reaches the error handler as it was sent. The rules come from the upstream Rekognition model.
 */
class ProducerValidationTest extends RekognitionVideo2TestSupport {

    private static Map<String, Object> valid(Object... changes) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(BUCKET_NAME, "videos");
        headers.put(OBJECT_KEY, "clip.mp4");
        headers.put(SNS_TOPIC_ARN, A_TOPIC_ARN);
        headers.put(ROLE_ARN, A_ROLE_ARN);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                headers.remove((String) changes[i]);
            } else {
                headers.put((String) changes[i], changes[i + 1]);
            }
        }
        return headers;
    }

    private static Arguments bad(String endpoint, Map<String, Object> headers, String source, String rule) {
        return Arguments.of(endpoint, headers, source, rule);
    }

    static Stream<Arguments> badInputs() {
        String bucketBounds = min("S3Bucket") + " to " + max("S3Bucket") + " characters long";
        return Stream.of(
                bad("direct:start", valid(BUCKET_NAME, null),
                        "header CamelAwsRekognitionVideoBucketName, header CamelAwsS3BucketName or option bucketName",
                        "no S3 bucket for the video"),
                bad("direct:start", valid(OBJECT_KEY, null),
                        "header CamelAwsRekognitionVideoObjectKey or header CamelAwsS3Key", "no S3 object key"),
                bad("direct:start", valid(BUCKET_NAME, "v".repeat(min("S3Bucket") - 1)),
                        "header " + BUCKET_NAME, bucketBounds + " (it is " + (min("S3Bucket") - 1) + ")"),
                bad("direct:start", valid(BUCKET_NAME, "v".repeat(max("S3Bucket") + 1)),
                        "header " + BUCKET_NAME, bucketBounds),
                bad("direct:start", valid(BUCKET_NAME, "my videos"),
                        "header " + BUCKET_NAME, "must match the pattern " + pattern("S3Bucket")),
                bad("direct:start", valid(BUCKET_NAME, null, S3_BUCKET_NAME, "my videos"),
                        "header " + S3_BUCKET_NAME, "must match the pattern " + pattern("S3Bucket")),
                bad("direct:start", valid(OBJECT_KEY, ""),
                        "header " + OBJECT_KEY, min("S3ObjectName") + " to " + max("S3ObjectName")),
                bad("direct:start", valid(OBJECT_KEY, "k".repeat(max("S3ObjectName") + 1)),
                        "header " + OBJECT_KEY, "Video.S3Object.Name"),
                bad("direct:start", valid(OBJECT_VERSION, "v".repeat(max("S3ObjectVersion") + 1)),
                        "header " + OBJECT_VERSION, min("S3ObjectVersion") + " to " + max("S3ObjectVersion")),
                bad("direct:start", valid(CLIENT_REQUEST_TOKEN, "t".repeat(max("ClientRequestToken") + 1)),
                        "header " + CLIENT_REQUEST_TOKEN,
                        min("ClientRequestToken") + " to " + max("ClientRequestToken") + " characters long"),
                bad("direct:start", valid(CLIENT_REQUEST_TOKEN, "upload 42"),
                        "header " + CLIENT_REQUEST_TOKEN, "must match the pattern " + pattern("ClientRequestToken")),
                bad("direct:start", valid(JOB_TAG, "t".repeat(max("JobTag") + 1)),
                        "header " + JOB_TAG, min("JobTag") + " to " + max("JobTag") + " characters long"),
                bad("direct:start", valid(JOB_TAG, "batch #7"),
                        "header " + JOB_TAG, "must match the pattern " + pattern("JobTag")),
                bad("direct:start", valid(SNS_TOPIC_ARN, "AmazonRekognitionFaces"),
                        "header " + SNS_TOPIC_ARN, "must match the pattern " + pattern("SNSTopicArn")),
                bad("direct:start", valid(ROLE_ARN, "arn:aws:iam::123:role/Short"),
                        "header " + ROLE_ARN, "must match the pattern " + pattern("RoleArn")),
                bad("direct:start", valid(ROLE_ARN, null),
                        "header " + ROLE_ARN + " or option roleArn",
                        "needs both an SNS topic ARN and a role ARN, but only header " + SNS_TOPIC_ARN + " gives one"),
                bad("direct:start", valid(SNS_TOPIC_ARN, null),
                        "header " + SNS_TOPIC_ARN + " or option snsTopicArn",
                        "needs both an SNS topic ARN and a role ARN, but only header " + ROLE_ARN + " gives one"),
                // unicode, control characters and other types, where the model has a pattern or an enum
                bad("direct:start", valid(BUCKET_NAME, "vidéos"),
                        "header " + BUCKET_NAME, "'vidéos' must match the pattern " + pattern("S3Bucket")),
                bad("direct:start", valid(JOB_TAG, "batch\u00007"),
                        "header " + JOB_TAG, "must match the pattern " + pattern("JobTag")),
                bad("direct:start", valid(JOB_TAG, "tag\u202Egnp.exe"),
                        "header " + JOB_TAG, "must match the pattern " + pattern("JobTag")),
                bad("direct:start", valid(CLIENT_REQUEST_TOKEN, "token\n42"),
                        "header " + CLIENT_REQUEST_TOKEN, "must match the pattern " + pattern("ClientRequestToken")),
                bad("direct:start", valid(BUCKET_NAME, List.of("videos", "other")),
                        "header " + BUCKET_NAME, "'[videos, other]' must match the pattern " + pattern("S3Bucket")),
                bad("direct:start", valid(FACE_ATTRIBUTES, 7),
                        "header " + FACE_ATTRIBUTES, "'7' must be one of " + enumValues("FaceAttributes")),
                bad("direct:start", valid(FACE_ATTRIBUTES, "all"),
                        "header " + FACE_ATTRIBUTES, "must be one of " + enumValues("FaceAttributes")),
                bad("direct:start", valid(OPERATION, "detectFaces"),
                        "header " + OPERATION, "unknown operation 'detectFaces': must be one of "
                                               + List.of(RekognitionVideo2Operations.values())),
                bad("direct:get", Map.of(), "header " + JOB_ID, "GetFaceDetection needs the JobId"),
                bad("direct:get", Map.of(JOB_ID, "job 1"), "header " + JOB_ID,
                        "must match the pattern " + pattern("JobId")),
                bad("direct:get", Map.of(JOB_ID, "j".repeat(max("JobId") + 1)), "header " + JOB_ID,
                        min("JobId") + " to " + max("JobId") + " characters long"),
                bad("direct:get", Map.of(JOB_ID, "job-1", MAX_RESULTS, 0), "header " + MAX_RESULTS,
                        "GetFaceDetection MaxResults must be at least " + min("MaxResults") + " (it is 0)"),
                bad("direct:get", Map.of(JOB_ID, "job-1", MAX_RESULTS, "many"), "header " + MAX_RESULTS,
                        "'many' must be a whole number"),
                bad("direct:get", Map.of(JOB_ID, "job-1", NEXT_TOKEN, "n".repeat(max("PaginationToken") + 1)),
                        "header " + NEXT_TOKEN, "at most " + max("PaginationToken") + " characters long"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("badInputs")
    void refusesBadInputBeforeAnyCall(String endpoint, Map<String, Object> headers, String source, String rule)
            throws Exception {
        Exception error = sendFailing(endpoint, "the video event", headers);

        RekognitionVideo2ValidationException validation
                = assertInstanceOf(RekognitionVideo2ValidationException.class, error);
        assertEquals(source, validation.getSource());
        assertTrue(validation.getMessage().startsWith(source + ": "), validation.getMessage());
        assertTrue(validation.getMessage().contains(rule), "'" + validation.getMessage() + "' says " + rule);
        assertEquals(List.of(), server.requests(), "nothing was sent to Rekognition");
    }

    @Test
    void refusesAPojoThatBreaksTheModel() throws Exception {
        StartFaceDetectionRequest request = StartFaceDetectionRequest.builder()
                .video(v -> v.s3Object(o -> o.bucket("videos").name("clip.mp4"))).jobTag("batch #7").build();

        Exception error = sendFailing("direct:startPojo", request, Map.of());

        assertEquals("message body StartFaceDetectionRequest: StartFaceDetection JobTag 'batch #7' must match the pattern "
                     + pattern("JobTag"),
                error.getMessage());
        assertEquals(List.of(), server.requests());
    }

    @Test
    void refusesAPojoWithoutTheRequiredVideo() throws Exception {
        Exception error = sendFailing("direct:startPojo", StartFaceDetectionRequest.builder().jobTag("t").build(), Map.of());

        assertEquals("message body StartFaceDetectionRequest: StartFaceDetection Video is required", error.getMessage());
        assertEquals(List.of(), server.requests());
    }

    @Test
    void refusesAPojoBodyOfAnotherType() throws Exception {
        Exception error = sendFailing("direct:startPojo", 42, Map.of());

        assertInstanceOf(InvalidPayloadException.class, error);
        assertTrue(error.getMessage().contains(StartFaceDetectionRequest.class.getName()), error.getMessage());
        assertEquals(List.of(), server.requests());
    }

    @Test
    void refusesAnUnknownOperationOption() {
        Exception error = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> context.getEndpoint("aws2-rekognition-video:faces?operation=detectFaces"));

        String messages = error.getMessage() + " / " + error.getCause();
        assertTrue(messages.contains("operation") && messages.contains("detectFaces"), messages);
    }

    @Test
    void refusesAnEndpointWithoutCredentials() {
        context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                .setAccessKey(null);

        Exception error = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> context.getEndpoint("aws2-rekognition-video:nocredentials"));

        Throwable cause = error.getCause() != null ? error.getCause() : error;
        assertTrue(cause.getMessage().contains("accessKey and secretKey"), cause.getMessage());
    }
}
