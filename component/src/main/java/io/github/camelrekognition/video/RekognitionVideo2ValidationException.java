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
 * A request the producer refuses to send because a header, an option or a request field breaks a rule of the
 * Rekognition API (or of this component). Thrown before any network call; the message names the source of the bad value
 * and the rule it breaks.
 */
public class RekognitionVideo2ValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;

    public RekognitionVideo2ValidationException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /**
     * Where the bad value came from, e.g. {@code header CamelAwsRekognitionVideoJobTag} or {@code option roleArn}.
     */
    public String getSource() {
        return source;
    }
}
