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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import io.github.camelrekognition.local.DetectorSettings;
import io.github.camelrekognition.local.SampleVideos;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detector against hand-annotated faces: a detection finds a face when their boxes overlap by IoU 0.5 or more (each
 * face and each detection matched once, best overlap first). Reports recall, precision and the mean IoU of the matches;
 * the figures are in docs/local-server.md.
 */
class DetectionAccuracyIT {

    static final double MATCH_IOU = 0.5;

    private static FaceDetector detector;
    private static VideoAnalyzer analyzer;

    /** Faces expected, found, detections made, and the sum of the IoU of the matches. */
    record Score(int expected, int found, int detections, double iouSum, float minConfidence) {
        Score plus(Score other) {
            return new Score(
                    expected + other.expected, found + other.found, detections + other.detections,
                    iouSum + other.iouSum, Math.min(minConfidence, other.minConfidence));
        }

        double recall() {
            return (double) found / expected;
        }

        double precision() {
            return detections == 0 ? 1 : (double) found / detections;
        }

        double meanIou() {
            return found == 0 ? 0 : iouSum / found;
        }

        @Override
        public String toString() {
            return String.format("%d faces expected, %d detections: recall %.3f, precision %.3f, mean IoU %.3f, "
                                 + "lowest confidence %.1f",
                    expected, detections, recall(), precision(), meanIou(),
                    minConfidence);
        }
    }

    @BeforeAll
    static void createDetector() {
        DetectorSettings settings = DetectorSettings.defaults();
        detector = new FaceDetector(settings);
        analyzer = new VideoAnalyzer(settings);
    }

    @AfterAll
    static void closeDetector() {
        detector.close();
    }

    static Score score(Path video, LongFunction<List<SampleVideos.Box>> truthAt) throws Exception {
        Score total = new Score(0, 0, 0, 0, 100);
        for (VideoAnalyzer.Sample sample : analyzer.analyze(video, detector, null).samples()) {
            total = total.plus(match(truthAt.apply(sample.timestampMillis()), sample.faces()));
        }
        return total;
    }

    /** Greedy one-to-one matching, best IoU first. */
    static Score match(List<SampleVideos.Box> truth, List<FaceDetector.DetectedFace> faces) {
        boolean[] usedTruth = new boolean[truth.size()];
        boolean[] usedFace = new boolean[faces.size()];
        int found = 0;
        double iouSum = 0;
        float minConfidence = 100;
        while (true) {
            double best = MATCH_IOU;
            int bestTruth = -1;
            int bestFace = -1;
            for (int i = 0; i < truth.size(); i++) {
                for (int j = 0; j < faces.size(); j++) {
                    if (usedTruth[i] || usedFace[j]) {
                        continue;
                    }
                    FaceGeometry.Box b = faces.get(j).box();
                    double iou = truth.get(i).iou(new SampleVideos.Box(b.x(), b.y(), b.width(), b.height()));
                    if (iou >= best) {
                        best = iou;
                        bestTruth = i;
                        bestFace = j;
                    }
                }
            }
            if (bestTruth < 0) {
                break;
            }
            usedTruth[bestTruth] = true;
            usedFace[bestFace] = true;
            found++;
            iouSum += best;
        }
        for (FaceDetector.DetectedFace face : faces) {
            minConfidence = Math.min(minConfidence, face.confidence());
        }
        return new Score(truth.size(), found, faces.size(), iouSum, minConfidence);
    }

    @Test
    void findsTheFacesOfTheClearFrontalVideoWithConfidenceOf99OrMore() throws Exception {
        Score score = score(SampleVideos.clearFrontal(), SampleVideos::clearFacesAt);
        System.out.println("clear frontal sample: " + score);

        assertEquals(SampleVideos.CLEAR_SECONDS * 1000 / 200 * 2, score.expected(), "two faces in each of 30 frames");
        assertEquals(1.0, score.recall(), "recall");
        assertEquals(1.0, score.precision(), "precision");
        assertTrue(score.meanIou() >= 0.7, "mean IoU " + score.meanIou());
        assertTrue(score.minConfidence() >= 99, "a clear face scores 99 or more: " + score.minConfidence());
    }

    @Test
    void findsTheFacesOfTheEvaluationSet() throws Exception {
        Score total = new Score(0, 0, 0, 0, 100);
        for (EvaluationSet.Video video : EvaluationSet.videos()) {
            Score score = score(video.file(), video::facesAt);
            System.out.println("evaluation " + video.name() + ": " + score);
            total = total.plus(score);
        }
        System.out.println("evaluation set: " + total);

        assertEquals(22 * EvaluationSet.SECONDS * 1000 / 200, total.expected(), "22 faces in 20 frames each");
        assertTrue(total.recall() >= 0.9, "recall " + total.recall());
        assertTrue(total.precision() >= 0.95, "precision " + total.precision());
        assertTrue(total.meanIou() >= 0.6, "mean IoU " + total.meanIou());
    }

    /**
     * Confidence estimates the share of detections whose box holds a face: the detector runs down to score 0.05 on
     * every video with annotated faces; in each frame, from the highest score down, a detection holds a face when it
     * overlaps a face not yet taken by IoU 0.25 or more. Of the detections with Confidence 99 or more, at least 99%
     * hold a face; of those under 50, at most half; those between, at least half.
     */
    @Test
    void confidenceIsTheShareOfBoxesHoldingAFace() throws Exception {
        DetectorSettings settings = new DetectorSettings(200, 0.05f);
        VideoAnalyzer lowThreshold = new VideoAnalyzer(settings);
        double[] bands = { 0, 5, 50, 95, 99, 100.001 };
        int[] detections = new int[bands.length - 1];
        int[] faces = new int[bands.length - 1];
        try (FaceDetector everything = new FaceDetector(settings)) {
            List<Map.Entry<Path, LongFunction<List<SampleVideos.Box>>>> videos = new ArrayList<>();
            EvaluationSet.videos().forEach(video -> videos.add(Map.entry(video.file(), video::facesAt)));
            videos.add(Map.entry(SampleVideos.clearFrontal(), SampleVideos::clearFacesAt));
            videos.add(Map.entry(SampleVideos.noFace(), millis -> List.of()));
            for (Map.Entry<Path, LongFunction<List<SampleVideos.Box>>> video : videos) {
                for (VideoAnalyzer.Sample sample : lowThreshold.analyze(video.getKey(), everything, null).samples()) {
                    List<SampleVideos.Box> truth = video.getValue().apply(sample.timestampMillis());
                    boolean[] taken = new boolean[truth.size()];
                    List<FaceDetector.DetectedFace> byScore = new ArrayList<>(sample.faces());
                    byScore.sort((a, b) -> Float.compare(b.score(), a.score()));
                    for (FaceDetector.DetectedFace face : byScore) {
                        FaceGeometry.Box b = face.box();
                        SampleVideos.Box box = new SampleVideos.Box(b.x(), b.y(), b.width(), b.height());
                        boolean holdsAFace = false;
                        for (int i = 0; i < truth.size() && !holdsAFace; i++) {
                            if (!taken[i] && truth.get(i).iou(box) >= 0.25) {
                                taken[i] = true;
                                holdsAFace = true;
                            }
                        }
                        int band = 0;
                        while (face.confidence() >= bands[band + 1]) {
                            band++;
                        }
                        detections[band]++;
                        faces[band] += holdsAFace ? 1 : 0;
                    }
                }
            }
        }
        for (int band = 0; band < detections.length; band++) {
            System.out.printf("confidence %.0f to %.0f: %d detections, %d hold a face (%.1f%%)%n", bands[band],
                    Math.min(100, bands[band + 1]), detections[band], faces[band],
                    100.0 * faces[band] / Math.max(1, detections[band]));
        }
        int top = detections.length - 1;
        assertTrue(detections[top] > 400, "most faces score 99 or more: " + detections[top]);
        assertTrue(faces[top] >= 0.99 * detections[top],
                faces[top] + " of the " + detections[top] + " detections scoring 99 or more hold a face");
        int low = detections[0] + detections[1];
        assertTrue(faces[0] + faces[1] <= 0.5 * low,
                (faces[0] + faces[1]) + " of the " + low + " detections under 50 hold a face");
        int middle = detections[2] + detections[3];
        assertTrue(faces[2] + faces[3] >= 0.5 * middle,
                (faces[2] + faces[3]) + " of the " + middle + " detections from 50 to 99 hold a face");
    }

    /**
     * How small a face the detector still finds: each evaluation photo scaled so that its faces are on average so many
     * pixels tall, in the middle of a black 1280x720 frame. The whole frame reaches the model at 256 px wide, so a face
     * of 40 px reaches it at 8. Of the faces of 64 px and more, at most 3 of the 22 are missed (recall 0.85 or more at
     * IoU 0.5; 0.91 measured); the smaller ones' figures are printed for docs/local-server.md.
     */
    @Test
    void findsMostFacesOf64PixelsAndMoreInA720pFrame() throws Exception {
        List<EvaluationSet.Photo> photos = EvaluationSet.photos();
        for (int height : new int[] { 24, 32, 40, 48, 56, 64, 80, 96 }) {
            Score total = new Score(0, 0, 0, 0, 100);
            for (EvaluationSet.Photo photo : photos) {
                try (Mat image = EvaluationSet.image(photo)) {
                    EvaluationSet.Camera camera = EvaluationSet.Camera.still(height / photo.faces().stream()
                            .mapToDouble(SampleVideos.Box::height).average().orElseThrow(), image.cols(), image.rows());
                    int[] size = camera.scaledSize(0, image.cols(), image.rows());
                    if (size[0] > SampleVideos.WIDTH || size[1] > SampleVideos.HEIGHT) {
                        continue;
                    }
                    List<SampleVideos.Box> truth = photo.faces().stream()
                            .map(face -> camera.box(face, 0, image.cols(), image.rows())).toList();
                    try (Mat frame = EvaluationSet.frame(image, camera, 0)) {
                        total = total.plus(match(truth, detector.detect(frame)));
                    }
                }
            }
            System.out.printf("faces %d px tall in 1280x720: %s%n", height, total);
            if (height >= 64) {
                assertEquals(22, total.expected(), "every photo fits the frame");
                assertTrue(total.recall() >= 0.85, height + " px: recall " + total.recall());
            }
        }
    }

    @Test
    void findsNothingInTheVideoWithoutFaces() throws Exception {
        VideoAnalyzer.Analysis analysis = analyzer.analyze(SampleVideos.noFace(), detector, null);
        assertEquals(15, analysis.samples().size());
        assertEquals(0, analysis.samples().stream().mapToInt(s -> s.faces().size()).sum());
    }
}
