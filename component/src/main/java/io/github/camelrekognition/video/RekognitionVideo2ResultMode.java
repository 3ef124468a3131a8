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
 * What the consumer emits for a completed job.
 */
public enum RekognitionVideo2ResultMode {
    /** One exchange whose body is the result list of every page ({@code List<FaceDetection>}, ...). */
    aggregate,
    /** One exchange per page of the Get call, body the page's result list. */
    page,
    /**
     * One exchange per result ({@code FaceDetection}, {@code LabelDetection}, ...), with Camel's split and batch
     * properties.
     */
    item,
    /** One exchange whose body is the {@link RekognitionVideo2Notification}; no Get call. */
    notification
}
