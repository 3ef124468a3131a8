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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rekognition.model.VideoTooLargeException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A video above the configured size is refused at start, as Rekognition refuses videos above 10 GB. */
class VideoSizeLimitIT {

    @RegisterExtension
    static LocalRekognitionVideoExtension extension = new LocalRekognitionVideoExtension(
            LocalRekognitionVideo.builder().maxVideoBytes(10_000));

    @Test
    void refusesAVideoAboveTheLimit(LocalRekognitionVideo local) {
        local.s3Client().createBucket(b -> b.bucket("videos"));
        LocalTestSupport.upload(local, "videos", "clear.mp4", SampleVideos.clearFrontal());

        VideoTooLargeException error = assertThrows(VideoTooLargeException.class, () -> local.rekognitionClient()
                .startFaceDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("videos").name("clear.mp4")))));

        assertTrue(error.getMessage().contains("the limit is 10000"), error.getMessage());
    }
}
