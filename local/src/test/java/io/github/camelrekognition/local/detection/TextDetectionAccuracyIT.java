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

import java.awt.geom.Point2D;
import java.nio.file.Path;
import java.util.List;

import io.github.camelrekognition.local.DetectorSettings;
import io.github.camelrekognition.local.TextSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text detector's accuracy on videos with known text ({@link TextSamples}): 7 captions of 22 to 56 pixels, in 3
 * fonts, up to 12 degrees, light on dark, dark on light and grey on grey, on boxes or straight on a photo, moving;
 * every sampled frame (one every 200 ms) of a 4 s 720p video. A caption is found when a line read in the frame has its
 * centre in the caption's box; its characters are compared without spaces (edit distance). Floors: 0.9 of the captions
 * found, 0.95 of their characters right (docs/local-server.md gives the figures of the last run).
 */
class TextDetectionAccuracyIT {

    static TextDetector detector;

    @BeforeAll
    static void detector() {
        detector = new TextDetector();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void findsTheCaptionsAndReadsTheirCharacters() throws Exception {
        Path video = TextSamples.video();
        VideoAnalyzer.Sampled<List<TextDetector.Line>> sampled = new VideoAnalyzer(DetectorSettings.defaults())
                .sample(video, detector::detect, null);
        int captions = 0;
        int found = 0;
        long characters = 0;
        long right = 0;
        StringBuilder misses = new StringBuilder();
        for (VideoAnalyzer.Timed<List<TextDetector.Line>> frame : sampled.samples()) {
            for (TextSamples.Drawn drawn : TextSamples.drawnAt(frame.timestampMillis() / 1000.0)) {
                captions++;
                String truth = drawn.caption().text().replace(" ", "");
                TextDetector.Line best = null;
                int bestDistance = Integer.MAX_VALUE;
                for (TextDetector.Line line : frame.value()) {
                    if (inside(line, drawn)) {
                        int distance = distance(line.text().replace(" ", ""), truth);
                        if (distance < bestDistance) {
                            bestDistance = distance;
                            best = line;
                        }
                    }
                }
                if (best == null) {
                    misses.append(String.format("%n%d ms: '%s' not found", frame.timestampMillis(), drawn.caption().text()));
                    continue;
                }
                found++;
                characters += truth.length();
                right += Math.max(0, truth.length() - bestDistance);
                if (bestDistance > 0) {
                    misses.append(String.format("%n%d ms: '%s' read '%s'", frame.timestampMillis(), drawn.caption().text(),
                            best.text()));
                }
            }
        }
        double recall = (double) found / captions;
        double accuracy = (double) right / characters;
        System.out.printf("TEXT captions=%d found=%d recall=%.3f characters=%d right=%d accuracy=%.4f%s%n", captions,
                found, recall, characters, right, accuracy, misses);
        assertTrue(recall >= 0.9, "recall " + recall + misses);
        assertTrue(accuracy >= 0.95, "character accuracy " + accuracy + misses);
    }

    /** Whether the line's centre lies in the caption's box (grown by a third of its height). */
    static boolean inside(TextDetector.Line line, TextSamples.Drawn drawn) {
        double cx = line.corners().stream().mapToDouble(TextDetector.Point::x).average().orElse(0);
        double cy = line.corners().stream().mapToDouble(TextDetector.Point::y).average().orElse(0);
        List<Point2D> c = drawn.corners();
        Point2D centre = drawn.centre();
        // in the caption's own frame: along its baseline and across it
        double ux = c.get(1).getX() - c.get(0).getX();
        double uy = c.get(1).getY() - c.get(0).getY();
        double length = Math.hypot(ux, uy);
        double vx = c.get(3).getX() - c.get(0).getX();
        double vy = c.get(3).getY() - c.get(0).getY();
        double height = Math.hypot(vx, vy);
        double along = ((cx - centre.getX()) * ux + (cy - centre.getY()) * uy) / length;
        double across = ((cx - centre.getX()) * vx + (cy - centre.getY()) * vy) / height;
        return Math.abs(along) <= length / 2 + height / 3 && Math.abs(across) <= height / 2 + height / 3;
    }

    /** Levenshtein's edit distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
