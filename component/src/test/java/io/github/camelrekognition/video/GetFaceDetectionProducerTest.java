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

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.VideoMetadata;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetFaceDetectionProducerTest extends RekognitionVideo2TestSupport {

    private static final Map<String, Object> METADATA = Map.of("Codec", "h264", "DurationMillis", 10000,
            "Format", "QuickTime / MOV", "FrameRate", 25.0, "FrameHeight", 720, "FrameWidth", 1280);

    private static Map<String, Object> face(long timestamp, double left) {
        return Map.of("Timestamp", timestamp, "Face", Map.of(
                "BoundingBox", Map.of("Width", 0.1, "Height", 0.2, "Left", left, "Top", 0.3),
                "Confidence", 99.5));
    }

    private static Map<String, Object> page(String nextToken, List<Map<String, Object>> faces) {
        Map<String, Object> page = new HashMap<>();
        page.put("JobStatus", "SUCCEEDED");
        page.put("VideoMetadata", METADATA);
        page.put("Faces", faces);
        if (nextToken != null) {
            page.put("NextToken", nextToken);
        }
        return page;
    }

    @Test
    void followsEveryPageAndReturnsAllFaces() throws Exception {
        server.answer("GetFaceDetection", page("page-2", List.of(face(0, 0.1), face(200, 0.2))))
                .answer("GetFaceDetection", page("page-3", List.of(face(400, 0.3), face(600, 0.4))))
                .answer("GetFaceDetection", page(null, List.of(face(800, 0.5))));

        Exchange result = send("direct:get", null, Map.of(JOB_ID, "job-1"));

        List<RecordingRekognitionServer.Request> requests = server.requests("GetFaceDetection");
        assertEquals(3, requests.size(), "three pages fetched");
        assertEquals("job-1", requests.get(0).body().get("JobId").asText());
        assertFalse(requests.get(0).body().has("NextToken"));
        assertEquals("page-2", requests.get(1).body().get("NextToken").asText());
        assertEquals("page-3", requests.get(2).body().get("NextToken").asText());

        @SuppressWarnings("unchecked")
        List<FaceDetection> faces = result.getMessage().getBody(List.class);
        assertEquals(List.of(0L, 200L, 400L, 600L, 800L), faces.stream().map(FaceDetection::timestamp).toList());
        assertEquals(0.5f, faces.get(4).face().boundingBox().left());
        assertEquals("SUCCEEDED", result.getMessage().getHeader(JOB_STATUS));
        assertEquals(5, result.getMessage().getHeader(FACE_COUNT));
        VideoMetadata metadata = result.getMessage().getHeader(VIDEO_METADATA, VideoMetadata.class);
        assertEquals(1280L, metadata.frameWidth());
        assertEquals(10000L, metadata.durationMillis());
        assertNull(result.getMessage().getHeader(NEXT_TOKEN), "the whole result has no next page");
    }

    @Test
    void returnsExactlyOnePageWhenMaxResultsIsSet() throws Exception {
        server.answer("GetFaceDetection", page("page-2", List.of(face(0, 0.1), face(200, 0.2))));

        Exchange result = send("direct:get", null, Map.of(JOB_ID, "job-1", MAX_RESULTS, "2"));

        List<RecordingRekognitionServer.Request> requests = server.requests();
        assertEquals(1, requests.size());
        assertEquals(2, requests.get(0).body().get("MaxResults").asInt());
        assertEquals(2, result.getMessage().getBody(List.class).size());
        assertEquals("page-2", result.getMessage().getHeader(NEXT_TOKEN));
    }

    @Test
    void returnsExactlyThePageOfTheNextToken() throws Exception {
        server.answer("GetFaceDetection", page(null, List.of(face(800, 0.5))));

        Exchange result = send("direct:get", null, Map.of(JOB_ID, "job-1", NEXT_TOKEN, "page-3"));

        List<RecordingRekognitionServer.Request> requests = server.requests();
        assertEquals(1, requests.size());
        assertEquals("page-3", requests.get(0).body().get("NextToken").asText());
        assertEquals(1, result.getMessage().getBody(List.class).size());
        assertNull(result.getMessage().getHeader(NEXT_TOKEN), "the last page has no next token");
    }

    @Test
    void reportsAJobInProgressWithoutFaces() throws Exception {
        server.answer("GetFaceDetection", Map.of("JobStatus", "IN_PROGRESS"));

        Exchange result = send("direct:get", null, Map.of(JOB_ID, "job-1"));

        assertEquals("IN_PROGRESS", result.getMessage().getHeader(JOB_STATUS));
        assertEquals(List.of(), result.getMessage().getBody(List.class));
        assertEquals(0, result.getMessage().getHeader(FACE_COUNT));
    }

    @Test
    void reportsAFailedJobWithItsReason() throws Exception {
        server.answer("GetFaceDetection", Map.of("JobStatus", "FAILED", "StatusMessage", "Unsupported codec"));

        Exchange result = send("direct:get", null, Map.of(JOB_ID, "job-1"));

        assertEquals("FAILED", result.getMessage().getHeader(JOB_STATUS));
        assertEquals("Unsupported codec", result.getMessage().getHeader(STATUS_MESSAGE));
        assertTrue(result.getMessage().getBody(List.class).isEmpty());
    }

    @Test
    void sendsAPojoRequestAndFollowsPagesWhenItSetsNoPaging() throws Exception {
        server.answer("GetFaceDetection", page("p2", List.of(face(0, 0.1))))
                .answer("GetFaceDetection", page(null, List.of(face(200, 0.2))));

        Exchange result = send("direct:getPojo", GetFaceDetectionRequest.builder().jobId("job-pojo").build(), Map.of());

        assertEquals(2, server.requests().size());
        assertEquals("job-pojo", server.requests().get(1).body().get("JobId").asText());
        assertEquals(2, result.getMessage().getBody(List.class).size());
    }

    @Test
    void sendsAPojoRequestWithPagingAsOnePage() throws Exception {
        server.answer("GetFaceDetection", page("p2", List.of(face(0, 0.1))));

        Exchange result = send("direct:getPojo",
                GetFaceDetectionRequest.builder().jobId("job-pojo").maxResults(1).build(), Map.of());

        assertEquals(1, server.requests().size());
        assertEquals(1, server.requests().get(0).body().get("MaxResults").asInt());
        assertEquals("p2", result.getMessage().getHeader(NEXT_TOKEN));
    }
}
