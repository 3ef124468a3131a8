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
 * @param samplingIntervalMillis one frame is analysed every this many milliseconds of video (Rekognition's own
 *                               results come about every 200 ms)
 * @param detectionHeight        frames taller than this are scaled down to it before detection
 * @param scaleFactor            the cascade's step between scales
 * @param minNeighbors           overlapping windows needed to accept a face
 * @param minFaceSize            smallest face, in pixels at the detection height
 */
public record DetectorSettings(long samplingIntervalMillis, int detectionHeight, double scaleFactor, int minNeighbors,
        int minFaceSize) {

    /** 200 ms sampling; LBP at scale step 1.2, 4 neighbours, faces from 48 px on frames of at most 720 rows. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(200, 720, 1.2, 4, 48);
    }

    public DetectorSettings withSamplingIntervalMillis(long millis) {
        return new DetectorSettings(millis, detectionHeight, scaleFactor, minNeighbors, minFaceSize);
    }
}
