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
package io.github.camelrekognition.local.detection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.TextSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.GetTextDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.StartTextDetectionFilters;
import software.amazon.awssdk.services.rekognition.model.TextDetectionResult;
import software.amazon.awssdk.services.rekognition.model.TextTypes;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * StartTextDetection and GetTextDetection computed by the local server, through the unmodified AWS SDK, on the captions
 * video of the text evaluation: lines and words in the service's shape, and the Start request's Filters honoured.
 */
class TextDetectionIT {

    @RegisterExtension
    static LocalRekognitionVideoExtension extension = new LocalRekognitionVideoExtension();

    static RekognitionClient rekognition;

    @BeforeAll
    static void captions() {
        LocalRekognitionVideo local = extension.get();
        rekognition = local.rekognitionClient();
        local.s3Client().createBucket(b -> b.bucket("videos"));
        local.s3Client().putObject(b -> b.bucket("videos").key("captions.mp4"), RequestBody.fromFile(TextSamples.video()));
    }

    static List<TextDetectionResult> detect(StartTextDetectionFilters filters) throws Exception {
        String jobId = rekognition.startTextDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("videos")
                .name("captions.mp4"))).filters(filters)).jobId();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        GetTextDetectionResponse page = rekognition.getTextDetection(b -> b.jobId(jobId));
        while (page.jobStatus() == VideoJobStatus.IN_PROGRESS && System.nanoTime() < deadline) {
            Thread.sleep(200);
            page = rekognition.getTextDetection(b -> b.jobId(jobId));
        }
        assertEquals(VideoJobStatus.SUCCEEDED, page.jobStatus(), page.statusMessage());
        assertEquals("3.0", page.textModelVersion());
        assertEquals(1280L, page.videoMetadata().frameWidth());
        List<TextDetectionResult> all = new ArrayList<>(page.textDetections());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = rekognition.getTextDetection(b -> b.jobId(jobId).nextToken(token));
            all.addAll(page.textDetections());
        }
        return all;
    }

    static Set<String> lines(List<TextDetectionResult> results) {
        return results.stream().filter(r -> r.textDetection().type() == TextTypes.LINE)
                .map(r -> r.textDetection().detectedText()).collect(Collectors.toSet());
    }

    @Test
    void readsTheLinesAndWordsOfTheVideoInTheServicesShape() throws Exception {
        List<TextDetectionResult> results = detect(null);

        assertTrue(lines(results).contains("Platform 9 to Camden Town"), lines(results).toString());
        assertTrue(lines(results).contains("Gate B12 closes at 14:45"), lines(results).toString());
        Map<Long, List<TextDetectionResult>> byFrame = results.stream()
                .collect(Collectors.groupingBy(TextDetectionResult::timestamp));
        assertEquals(20, byFrame.size(), "a frame every 200 ms of the 4 s video");
        for (List<TextDetectionResult> frame : byFrame.values()) {
            Map<Integer, String> lineIds = frame.stream().filter(r -> r.textDetection().type() == TextTypes.LINE)
                    .collect(Collectors.toMap(r -> r.textDetection().id(), r -> r.textDetection().detectedText()));
            for (TextDetectionResult result : frame) {
                var detection = result.textDetection();
                assertTrue(detection.confidence() > 0 && detection.confidence() <= 100);
                var box = detection.geometry().boundingBox();
                assertTrue(box.left() >= 0 && box.top() >= 0 && box.left() + box.width() <= 1.0001
                        && box.top() + box.height() <= 1.0001, box.toString());
                assertEquals(4, detection.geometry().polygon().size());
                if (detection.type() == TextTypes.WORD) {
                    assertNotNull(detection.parentId(), "a word names its line");
                    String line = lineIds.get(detection.parentId());
                    assertTrue(line != null && line.contains(detection.detectedText()),
                            detection.detectedText() + " in " + line);
                }
            }
        }
    }

    @Test
    void honoursTheWordFilterAndTheRegionsOfInterest() throws Exception {
        // the top half of the frame only, and words at least 4.5% of the frame high: the captions of 48 pixels and
        // more (EMERGENCY EXIT, Welcome) are, those of 30 and 22 (Platform 9..., Visitors...) are not
        List<TextDetectionResult> results = detect(StartTextDetectionFilters.builder()
                .wordFilter(w -> w.minBoundingBoxHeight(0.045f).minConfidence(50f))
                .regionsOfInterest(r -> r.boundingBox(b -> b.left(0f).top(0f).width(1f).height(0.5f))).build());

        Set<String> lines = lines(results);
        assertTrue(lines.contains("Welcome") && lines.stream().anyMatch(l -> l.startsWith("EMERGENCY")),
                lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("Platform")), "Platform 9 is too small: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("Gate")), "Gate B12 is in the bottom half: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("Visitors")), "Visitors is too small: " + lines);
        for (TextDetectionResult result : results) {
            if (result.textDetection().type() == TextTypes.WORD) {
                var box = result.textDetection().geometry().boundingBox();
                assertTrue(box.top() + box.height() / 2 <= 0.5, "the word's centre is in the region");
                assertTrue(box.height() >= 0.045f && result.textDetection().confidence() >= 50f);
            }
        }
    }
}
