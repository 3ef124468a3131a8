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

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detector against the known face positions of the fixture videos. Reports recall, mean IoU and false
 * positives; fails below recall 0.9 or mean IoU 0.5 on the clear frontal video.
 */
class DetectionAccuracyIT {

    /** A detection counts as finding a face when their boxes overlap by at least this IoU. */
    static final double MATCH_IOU = 0.3;

    @Test
    void findsTheFacesOfTheClearFrontalVideoWhereTheyAre() throws Exception {
        DetectorSettings settings = DetectorSettings.defaults();
        VideoAnalyzer.Analysis analysis;
        try (FaceDetector detector = new FaceDetector(settings)) {
            analysis = new VideoAnalyzer(settings).analyze(SampleVideos.clearFrontal(), detector, null);
        }

        int expected = 0;
        int found = 0;
        int falsePositives = 0;
        double iouSum = 0;
        for (VideoAnalyzer.Sample sample : analysis.samples()) {
            List<SampleVideos.Box> truth = SampleVideos.clearFacesAt(sample.timestampMillis());
            expected += truth.size();
            boolean[] used = new boolean[sample.faces().size()];
            for (SampleVideos.Box face : truth) {
                double best = 0;
                int bestIndex = -1;
                for (int i = 0; i < sample.faces().size(); i++) {
                    FaceDetector.DetectedFace d = sample.faces().get(i);
                    double iou = face.iou(new SampleVideos.Box(d.x(), d.y(), d.width(), d.height()));
                    if (!used[i] && iou > best) {
                        best = iou;
                        bestIndex = i;
                    }
                }
                if (best >= MATCH_IOU) {
                    used[bestIndex] = true;
                    found++;
                    iouSum += best;
                }
            }
            for (boolean u : used) {
                falsePositives += u ? 0 : 1;
            }
        }
        double recall = (double) found / expected;
        double meanIou = found == 0 ? 0 : iouSum / found;
        System.out.printf("clear frontal fixture: %d samples, %d faces expected, recall %.3f, mean IoU %.3f, "
                          + "%d false positives%n", analysis.samples().size(), expected, recall, meanIou, falsePositives);

        assertEquals(SampleVideos.CLEAR_SECONDS * 1000 / settings.samplingIntervalMillis(), analysis.samples().size(),
                "one sample every " + settings.samplingIntervalMillis() + " ms");
        assertTrue(recall >= 0.9, "recall " + recall);
        assertTrue(meanIou >= 0.5, "mean IoU " + meanIou);
        assertTrue(falsePositives <= expected / 10, "false positives " + falsePositives);
    }

    @Test
    void findsNothingInTheVideoWithoutFaces() throws Exception {
        DetectorSettings settings = DetectorSettings.defaults();
        try (FaceDetector detector = new FaceDetector(settings)) {
            VideoAnalyzer.Analysis analysis = new VideoAnalyzer(settings).analyze(SampleVideos.noFace(), detector, null);
            assertEquals(15, analysis.samples().size());
            assertEquals(0, analysis.samples().stream().mapToInt(s -> s.faces().size()).sum());
        }
    }
}
