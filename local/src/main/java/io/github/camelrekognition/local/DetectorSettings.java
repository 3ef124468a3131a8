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

/**
 * How frames are sampled and faces detected.
 *
 * @param samplingIntervalMillis one frame is analysed every this many milliseconds of video (Rekognition's own results
 *                               come about every 200 ms)
 * @param minScore               the smallest score of the model (0 to 1) a face is reported with
 */
public record DetectorSettings(long samplingIntervalMillis, float minScore) {

    public DetectorSettings {
        if (samplingIntervalMillis < 1) {
            throw new IllegalArgumentException(
                    "the sampling interval must be at least 1 ms, not " + samplingIntervalMillis);
        }
        if (!(minScore > 0 && minScore < 1)) {
            throw new IllegalArgumentException(
                    "the smallest score must be between 0 and 1 (both excluded), not "
                                               + minScore);
        }
    }

    /** 200 ms sampling; faces the model scores at least 0.5 (MediaPipe's own default). */
    public static DetectorSettings defaults() {
        return new DetectorSettings(200, 0.5f);
    }

    public DetectorSettings withSamplingIntervalMillis(long millis) {
        return new DetectorSettings(millis, minScore);
    }
}
