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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.RekognitionModel;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.FaceAttributes;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionResponse;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartFaceDetectionProducerTest extends RekognitionVideo2TestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> allHeaders() {
        Map<String, Object> headers = new HashMap<>();
        headers.put(BUCKET_NAME, "videos");
        headers.put(OBJECT_KEY, "uploads/2026/clip one.mp4");
        headers.put(OBJECT_VERSION, "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        headers.put(CLIENT_REQUEST_TOKEN, "upload-42_retry-1");
        headers.put(JOB_TAG, "tenant:acme/batch=7");
        headers.put(FACE_ATTRIBUTES, "ALL");
        headers.put(SNS_TOPIC_ARN, A_TOPIC_ARN);
        headers.put(ROLE_ARN, A_ROLE_ARN);
        return headers;
    }

    private JsonNode startRequestOnTheWire() {
        List<RecordingRekognitionServer.Request> requests = server.requests();
        assertEquals(1, requests.size(), "one call went over the wire");
        assertEquals("StartFaceDetection", requests.get(0).operation());
        assertEquals("application/x-amz-json-1.1", requests.get(0).contentType());
        return requests.get(0).body();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void sendsEveryFieldFromHeadersAndSetsTheJobId() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-from-headers"));

        Exchange result = send("direct:start", "ignored body", allHeaders());

        assertEquals(json("{'Video':{'S3Object':{'Bucket':'videos','Name':'uploads/2026/clip one.mp4',"
                          + "'Version':'3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY'}},"
                          + "'ClientRequestToken':'upload-42_retry-1',"
                          + "'NotificationChannel':{'SNSTopicArn':'" + A_TOPIC_ARN + "','RoleArn':'" + A_ROLE_ARN + "'},"
                          + "'FaceAttributes':'ALL','JobTag':'tenant:acme/batch=7'}"),
                startRequestOnTheWire());
        assertEquals("job-from-headers", result.getMessage().getHeader(JOB_ID));
        StartFaceDetectionResponse body = assertInstanceOf(StartFaceDetectionResponse.class, result.getMessage().getBody());
        assertEquals("job-from-headers", body.jobId());
    }

    @Test
    void takesDefaultsFromEndpointOptions() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-from-options"));

        send("direct:options", null, Map.of(OBJECT_KEY, "clip.mp4", CLIENT_REQUEST_TOKEN, "t1"));

        assertEquals(json("{'Video':{'S3Object':{'Bucket':'videos','Name':'clip.mp4'}},'ClientRequestToken':'t1',"
                          + "'NotificationChannel':{'SNSTopicArn':'" + A_TOPIC_ARN + "','RoleArn':'" + A_ROLE_ARN + "'},"
                          + "'FaceAttributes':'ALL','JobTag':'from-options'}"),
                startRequestOnTheWire());
    }

    @Test
    void headersWinOverEndpointOptions() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-1"));

        send("direct:options", null, Map.of(OBJECT_KEY, "clip.mp4", BUCKET_NAME, "other-bucket",
                FACE_ATTRIBUTES, FaceAttributes.DEFAULT, JOB_TAG, "from-header", CLIENT_REQUEST_TOKEN, "t1"));

        JsonNode wire = startRequestOnTheWire();
        assertEquals("other-bucket", wire.at("/Video/S3Object/Bucket").asText());
        assertEquals("DEFAULT", wire.get("FaceAttributes").asText());
        assertEquals("from-header", wire.get("JobTag").asText());
        assertEquals(A_TOPIC_ARN, wire.at("/NotificationChannel/SNSTopicArn").asText());
    }

    @Test
    void readsTheHeadersOfTheAws2S3Consumer() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-from-s3"));

        send("direct:start", new byte[0], Map.of(S3_BUCKET_NAME, "uploads", S3_KEY, "cam/door.mp4",
                S3_VERSION_ID, "v7", CLIENT_REQUEST_TOKEN, "t1"));

        assertEquals(json("{'Video':{'S3Object':{'Bucket':'uploads','Name':'cam/door.mp4','Version':'v7'}},"
                          + "'ClientRequestToken':'t1'}"),
                startRequestOnTheWire());
    }

    @Test
    void ownHeadersWinOverTheAws2S3Ones() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-1"));

        send("direct:start", null, Map.of(S3_BUCKET_NAME, "uploads", S3_KEY, "cam/door.mp4", S3_VERSION_ID, "v7",
                BUCKET_NAME, "copies", OBJECT_KEY, "door-copy.mp4", OBJECT_VERSION, "v1"));

        assertEquals(json("{'Bucket':'copies','Name':'door-copy.mp4','Version':'v1'}"),
                startRequestOnTheWire().at("/Video/S3Object"));
    }

    @Test
    void sendsAPojoRequestAsIs() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-pojo"));
        StartFaceDetectionRequest request = StartFaceDetectionRequest.builder()
                .video(v -> v.s3Object(o -> o.bucket("videos").name("pojo.mp4").version("v2")))
                .clientRequestToken("pojo-token")
                .notificationChannel(c -> c.snsTopicArn(A_TOPIC_ARN).roleArn(A_ROLE_ARN))
                .faceAttributes(FaceAttributes.ALL)
                .jobTag("pojo")
                .build();

        // headers are ignored in POJO mode
        Exchange result = send("direct:startPojo", request, Map.of(BUCKET_NAME, "ignored", JOB_TAG, "ignored"));

        assertEquals(json("{'Video':{'S3Object':{'Bucket':'videos','Name':'pojo.mp4','Version':'v2'}},"
                          + "'ClientRequestToken':'pojo-token',"
                          + "'NotificationChannel':{'SNSTopicArn':'" + A_TOPIC_ARN + "','RoleArn':'" + A_ROLE_ARN + "'},"
                          + "'FaceAttributes':'ALL','JobTag':'pojo'}"),
                startRequestOnTheWire());
        assertEquals("job-pojo", result.getMessage().getHeader(JOB_ID));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ClientRequestToken derivation

    private String derivedToken(Map<String, Object> headers) throws Exception {
        server.reset();
        server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
        send("direct:start", null, headers);
        JsonNode token = startRequestOnTheWire().get("ClientRequestToken");
        assertTrue(token != null && token.isTextual(), "a token was derived");
        return token.asText();
    }

    private static Map<String, Object> withoutToken(Map<String, Object> changes) {
        Map<String, Object> headers = allHeaders();
        headers.remove(CLIENT_REQUEST_TOKEN);
        headers.putAll(changes);
        return headers;
    }

    @Test
    void derivesTheSameValidTokenForTheSameRequest() throws Exception {
        String first = derivedToken(withoutToken(Map.of()));
        String second = derivedToken(withoutToken(Map.of()));

        assertEquals(first, second, "a redelivered message carries the same token, so it starts no second job");
        int length = first.length();
        assertTrue(length >= RekognitionModel.min("ClientRequestToken") && length <= RekognitionModel.max("ClientRequestToken"),
                "length within the model's ClientRequestToken bounds: " + first);
        assertTrue(Pattern.compile(RekognitionModel.pattern("ClientRequestToken")).matcher(first).matches(),
                "matches the model's ClientRequestToken pattern: " + first);
    }

    @Test
    void derivesADifferentTokenWhenAnyFieldChanges() throws Exception {
        Set<String> tokens = new HashSet<>();
        tokens.add(derivedToken(withoutToken(Map.of())));
        List<Map<String, Object>> changes = List.of(
                Map.of(BUCKET_NAME, "videos2"),
                Map.of(OBJECT_KEY, "uploads/2026/clip two.mp4"),
                Map.of(OBJECT_VERSION, "another-version"),
                Map.of(FACE_ATTRIBUTES, "DEFAULT"),
                Map.of(JOB_TAG, "tenant:acme/batch=8"),
                Map.of(SNS_TOPIC_ARN, A_TOPIC_ARN + "2"),
                Map.of(ROLE_ARN, A_ROLE_ARN + "2"));
        for (Map<String, Object> change : changes) {
            assertTrue(tokens.add(derivedToken(withoutToken(change))), "a new token when " + change.keySet() + " changes");
        }
    }

    @Test
    void derivesADifferentTokenWithoutAVersion() throws Exception {
        Map<String, Object> noVersion = withoutToken(Map.of());
        noVersion.remove(OBJECT_VERSION);
        assertNotEquals(derivedToken(withoutToken(Map.of())), derivedToken(noVersion));
    }

    @Test
    void sendsNoTokenWhenDerivationIsOff() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-1"));

        send("direct:noDerivedToken", null, withoutToken(Map.of()));

        assertFalse(startRequestOnTheWire().has("ClientRequestToken"));
    }

    @Test
    void sendsObjectKeysAsTheyAreWithoutNormalisingOrDecodingThem() throws Exception {
        // S3 keys are names, not paths: the API model gives them no pattern, and they reach the service verbatim
        for (String key : List.of("uploads/../secrets/clip.mp4", "uploads%2F..%2Fclip.mp4", "vidéo \u202Eclip.mp4",
                "a\tb.mp4")) {
            server.reset();
            server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
            send("direct:start", null, new HashMap<>(Map.of(BUCKET_NAME, "videos", OBJECT_KEY, key)));
            assertEquals(key, startRequestOnTheWire().at("/Video/S3Object/Name").asText(), "the key " + key);
        }
    }
}
