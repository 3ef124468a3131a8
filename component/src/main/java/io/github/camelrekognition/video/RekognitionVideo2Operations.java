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

/**
 * The Rekognition Video calls the producer makes. An analysis other than faces adds its Start/Get pair here and a
 * request builder in {@link RekognitionVideo2Producer}; the video, token, channel and paging parts are shared.
 */
public enum RekognitionVideo2Operations {

    /** StartFaceDetection: starts an asynchronous face detection job on a video stored in S3. */
    startFaceDetection,
    /** GetFaceDetection: reads the status and the detected faces of a face detection job. */
    getFaceDetection;

    /**
     * The operation named by {@code value}, with an error that says where the value came from and what it may be.
     */
    public static RekognitionVideo2Operations fromValue(Object value, String source) {
        if (value instanceof RekognitionVideo2Operations operation) {
            return operation;
        }
        String text = String.valueOf(value).trim();
        for (RekognitionVideo2Operations operation : values()) {
            if (operation.name().equals(text)) {
                return operation;
            }
        }
        throw new RekognitionVideo2ValidationException(
                source, "unknown operation '" + text + "': must be one of " + java.util.Arrays.toString(values()));
    }
}
