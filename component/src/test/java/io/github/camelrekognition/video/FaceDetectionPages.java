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

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The GetFaceDetection answers of a SUCCEEDED job with {@code faces} faces, page by page as the service pages them
 * (MaxResults of the request, 1000 when absent; NextToken {@code "<offset>"}), for a
 * {@link RecordingRekognitionServer#answerAlways(String, java.util.function.Function)}. Every face has Rekognition's
 * DEFAULT attributes (BoundingBox, Confidence, five Landmarks, Pose, Quality), about 540 bytes of JSON, a face every
 * 200 ms of video. The faces' JSON is rendered once; a page costs its concatenation.
 */
final class FaceDetectionPages {

    static final int SERVICE_PAGE_SIZE = 1000;

    private final long faces;
    private final String[] renderedFaces = new String[SERVICE_PAGE_SIZE];

    FaceDetectionPages(long faces) {
        this.faces = faces;
        for (int i = 0; i < renderedFaces.length; i++) {
            renderedFaces[i] = face(i);
        }
    }

    /** The answer to one GetFaceDetection request. */
    String answer(JsonNode request) {
        int pageSize = request.path("MaxResults").asInt(SERVICE_PAGE_SIZE);
        long offset = request.hasNonNull("NextToken") ? Long.parseLong(request.get("NextToken").asText()) : 0;
        long end = Math.min(faces, offset + pageSize);
        StringBuilder page = new StringBuilder((int) (end - offset) * 560 + 300);
        page.append("{\"JobStatus\":\"SUCCEEDED\",\"VideoMetadata\":{\"Codec\":\"h264\",\"DurationMillis\":")
                .append(Math.max(1, faces) * 200)
                .append(",\"Format\":\"QuickTime / MOV\",\"FrameRate\":25.0,\"FrameHeight\":720,\"FrameWidth\":1280},")
                .append("\"Faces\":[");
        for (long i = offset; i < end; i++) {
            if (i > offset) {
                page.append(',');
            }
            page.append("{\"Timestamp\":").append(i * 200).append(",\"Face\":")
                    .append(renderedFaces[(int) (i % SERVICE_PAGE_SIZE)]).append('}');
        }
        page.append(']');
        if (end < faces) {
            page.append(",\"NextToken\":\"").append(end).append('"');
        }
        return page.append('}').toString();
    }

    private static String face(int i) {
        double x = 0.1 + (i % 7) * 0.1;
        double y = 0.2 + (i % 5) * 0.1;
        return String.format(Locale.ROOT, "{\"BoundingBox\":{\"Width\":0.0825,\"Height\":0.1467,\"Left\":%.4f,\"Top\":%.4f},"
                                          + "\"Landmarks\":[{\"Type\":\"eyeLeft\",\"X\":%.4f,\"Y\":%.4f},"
                                          + "{\"Type\":\"eyeRight\",\"X\":%.4f,\"Y\":%.4f},"
                                          + "{\"Type\":\"nose\",\"X\":%.4f,\"Y\":%.4f},"
                                          + "{\"Type\":\"mouthLeft\",\"X\":%.4f,\"Y\":%.4f},"
                                          + "{\"Type\":\"mouthRight\",\"X\":%.4f,\"Y\":%.4f}],"
                                          + "\"Pose\":{\"Roll\":%.2f,\"Yaw\":%.2f,\"Pitch\":%.2f},"
                                          + "\"Quality\":{\"Brightness\":%.2f,\"Sharpness\":%.2f},"
                                          + "\"Confidence\":%.4f}",
                x, y, x + 0.025, y + 0.05, x + 0.06, y + 0.05, x + 0.04, y + 0.08, x + 0.03, y + 0.11, x + 0.055, y + 0.11,
                (i % 11) - 5.0, (i % 13) - 6.0, (i % 9) - 4.0, 60.0 + i % 30, 80.0 + i % 15, 99.0 + (i % 10) / 10.0);
    }
}
