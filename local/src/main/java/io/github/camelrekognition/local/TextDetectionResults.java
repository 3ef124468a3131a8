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

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelrekognition.local.detection.TextDetector;
import io.github.camelrekognition.local.detection.VideoAnalyzer;

/**
 * Text detection: the lines and words the {@link TextDetector} reads in the sampled frames, as
 * {@code TextDetectionResult}s (Timestamp, and a TextDetection with DetectedText, Type LINE or WORD, Id, ParentId of a
 * word's line, Confidence and Geometry), filtered as the Start request's {@code Filters} ask: {@code WordFilter}
 * (MinConfidence, 80 by default as the service's, MinBoundingBoxHeight and MinBoundingBoxWidth, ratios of the frame)
 * and {@code RegionsOfInterest} (a word is kept when its centre lies in one). A line is kept with its words that are
 * kept, and dropped without any. Ids number each frame's lines, then its words.
 */
final class TextDetectionResults implements AnalysisResults {

    /** The text model version of the Get response. */
    static final String MODEL_VERSION = "3.0";

    private final VideoAnalyzer analyzer;
    /** Created at the first job, shared by all (ONNX Runtime's sessions are thread safe). */
    private TextDetector detector;

    TextDetectionResults(VideoAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public String analysis() {
        return "TextDetection";
    }

    @Override
    public String resultsMember() {
        return "TextDetections";
    }

    @Override
    public void compute(VideoJobs.Job job, Path video) throws IOException, VideoAnalyzer.UnreadableVideoException {
        VideoAnalyzer.Sampled<List<TextDetector.Line>> sampled = analyzer.sample(video, detector()::detect, null);
        job.videoMetadata = AnalysisResults.videoMetadata(sampled.metadata());
        Filters filters = Filters.of(job.request.path("Filters"));
        List<ObjectNode> results = new ArrayList<>();
        for (VideoAnalyzer.Timed<List<TextDetector.Line>> frame : sampled.samples()) {
            results.addAll(detections(frame, filters));
        }
        job.results = List.copyOf(results);
        job.more = JSON.createObjectNode().put("TextModelVersion", MODEL_VERSION);
    }

    /** The lines, then the words, of one frame, as the filters keep them. */
    private static List<ObjectNode> detections(VideoAnalyzer.Timed<List<TextDetector.Line>> frame, Filters filters) {
        double width = frame.frameWidth();
        double height = frame.frameHeight();
        List<ObjectNode> lines = new ArrayList<>();
        List<ObjectNode> words = new ArrayList<>();
        List<List<TextDetector.Word>> kept = new ArrayList<>();
        for (TextDetector.Line line : frame.value()) {
            List<TextDetector.Word> keptWords = line.words().stream()
                    .filter(w -> filters.keeps(w, width, height)).toList();
            if (!keptWords.isEmpty()) {
                kept.add(keptWords);
                lines.add(detection(frame.timestampMillis(), line.text(), "LINE", lines.size(), null,
                        line.confidence(), line.corners(), width, height));
            }
        }
        int id = lines.size();
        for (int parent = 0; parent < kept.size(); parent++) {
            for (TextDetector.Word word : kept.get(parent)) {
                words.add(detection(frame.timestampMillis(), word.text(), "WORD", id++, parent, word.confidence(),
                        word.corners(), width, height));
            }
        }
        List<ObjectNode> all = new ArrayList<>(lines);
        all.addAll(words);
        return all;
    }

    private static ObjectNode detection(
            long timestamp, String text, String type, int id, Integer parentId, float confidence,
            List<TextDetector.Point> corners, double width, double height) {
        ObjectNode detection = JSON.createObjectNode().put("DetectedText", text).put("Type", type).put("Id", id);
        if (parentId != null) {
            detection.put("ParentId", parentId);
        }
        detection.put("Confidence", confidence);
        ObjectNode geometry = detection.putObject("Geometry");
        double left = 1;
        double top = 1;
        double right = 0;
        double bottom = 0;
        ArrayNode polygon = JSON.createArrayNode();
        for (TextDetector.Point p : corners) {
            double x = clamp(p.x() / width);
            double y = clamp(p.y() / height);
            polygon.addObject().put("X", (float) x).put("Y", (float) y);
            left = Math.min(left, x);
            top = Math.min(top, y);
            right = Math.max(right, x);
            bottom = Math.max(bottom, y);
        }
        geometry.putObject("BoundingBox").put("Width", (float) (right - left)).put("Height", (float) (bottom - top))
                .put("Left", (float) left).put("Top", (float) top);
        geometry.set("Polygon", polygon);
        ObjectNode result = JSON.createObjectNode().put("Timestamp", timestamp);
        result.set("TextDetection", detection);
        return result;
    }

    private static double clamp(double ratio) {
        return Math.max(0, Math.min(1, ratio));
    }

    /** The Start request's Filters. */
    record Filters(double minConfidence, double minHeight, double minWidth, List<List<double[]>> regions) {

        static Filters of(JsonNode filters) {
            JsonNode word = filters.path("WordFilter");
            List<List<double[]>> regions = new ArrayList<>();
            for (JsonNode region : filters.path("RegionsOfInterest")) {
                List<double[]> polygon = new ArrayList<>();
                if (region.has("Polygon")) {
                    region.get("Polygon").forEach(p -> polygon.add(new double[] {
                            p.path("X").asDouble(),
                            p.path("Y").asDouble() }));
                } else if (region.has("BoundingBox")) {
                    JsonNode box = region.get("BoundingBox");
                    double l = box.path("Left").asDouble();
                    double t = box.path("Top").asDouble();
                    double r = l + box.path("Width").asDouble();
                    double b = t + box.path("Height").asDouble();
                    polygon.add(new double[] { l, t });
                    polygon.add(new double[] { r, t });
                    polygon.add(new double[] { r, b });
                    polygon.add(new double[] { l, b });
                }
                if (polygon.size() >= 3) {
                    regions.add(polygon);
                }
            }
            return new Filters(
                    word.path("MinConfidence").asDouble(80), word.path("MinBoundingBoxHeight").asDouble(0),
                    word.path("MinBoundingBoxWidth").asDouble(0), regions);
        }

        boolean keeps(TextDetector.Word word, double width, double height) {
            double left = Double.MAX_VALUE;
            double top = Double.MAX_VALUE;
            double right = -Double.MAX_VALUE;
            double bottom = -Double.MAX_VALUE;
            for (TextDetector.Point p : word.corners()) {
                left = Math.min(left, p.x() / width);
                right = Math.max(right, p.x() / width);
                top = Math.min(top, p.y() / height);
                bottom = Math.max(bottom, p.y() / height);
            }
            if (word.confidence() < minConfidence || bottom - top < minHeight || right - left < minWidth) {
                return false;
            }
            double cx = (left + right) / 2;
            double cy = (top + bottom) / 2;
            return regions.isEmpty() || regions.stream().anyMatch(region -> inside(region, cx, cy));
        }

        /** Whether (x, y) lies in the polygon (ray casting). */
        private static boolean inside(List<double[]> polygon, double x, double y) {
            boolean in = false;
            for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
                double[] a = polygon.get(i);
                double[] b = polygon.get(j);
                if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) {
                    in = !in;
                }
            }
            return in;
        }
    }

    private synchronized TextDetector detector() {
        if (detector == null) {
            detector = new TextDetector();
        }
        return detector;
    }

    @Override
    public synchronized void close() {
        if (detector != null) {
            detector.close();
        }
    }
}
