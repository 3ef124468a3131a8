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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Segment detection on every frame of a video: shots (cuts where the colour histogram of a frame differs from the
 * previous one's) and the BlackFrames technical cue (runs of frames whose pixels are black), with the
 * {@code StartSegmentDetection} filters, as the {@code SegmentDetection} results of {@code GetSegmentDetection}.
 * <p>
 * Each frame is scaled down to {@value #WIDTH}x{@value #HEIGHT}. Its histogram has 8 bins per colour channel (512
 * bins); the change between two frames is the total variation distance of their histograms, 0 (same colours) to 1 (no
 * colour in common). A change of at least {@value #CUT} starts a shot, with the confidence
 * {@code 50 + 50 * (change - CUT) / (1 - CUT)}: 50 at the threshold, 100 for frames with no colour in common; the first
 * shot starts with the video, confidence 100. A frame is black when at least {@code MinCoveragePercentage} (99 by
 * default) of its pixels have a luminance at most {@code MaxPixelThreshold} (0.2 by default) of the way from black to
 * white in the video's colour range (16 to 235 for limited range, 0 to 255 for full), as the service defines it; a
 * run's confidence is the mean share of black pixels of its frames (in percent). Segments below the filters'
 * {@code MinSegmentConfidence} (50 by default) are left out; a cut below it does not start a shot.
 */
public final class SegmentDetector {

    public static final String MODEL_VERSION = "local-1.0";
    static final int WIDTH = 160;
    static final int HEIGHT = 90;
    static final double CUT = 0.35;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to detect and the filters of the request, with the service's defaults. */
    public record Settings(boolean shots, boolean technicalCues, double shotMinConfidence, double cueMinConfidence,
            double maxPixelThreshold, double minCoveragePercentage) {

        public static Settings of(JsonNode request) {
            List<String> types = new ArrayList<>();
            request.path("SegmentTypes").forEach(type -> types.add(type.asText()));
            JsonNode filters = request.path("Filters");
            JsonNode cue = filters.path("TechnicalCueFilter");
            return new Settings(
                    types.contains("SHOT"), types.contains("TECHNICAL_CUE"),
                    filters.path("ShotFilter").path("MinSegmentConfidence").asDouble(50),
                    cue.path("MinSegmentConfidence").asDouble(50),
                    cue.path("BlackFrame").path("MaxPixelThreshold").asDouble(0.2),
                    cue.path("BlackFrame").path("MinCoveragePercentage").asDouble(99));
        }
    }

    private final Settings settings;
    private final int blackLuminance;
    private final Mat small = new Mat();
    private final byte[] pixels = new byte[WIDTH * HEIGHT * 3];
    private float[] previous;
    /** The confidence of the cut before each frame (0: none), and each frame's share of black pixels. */
    private final List<Float> cuts = new ArrayList<>();
    private final List<Float> blackShares = new ArrayList<>();

    /** @param limitedRange whether the video's luminance is in 16..235 (else 0..255) */
    SegmentDetector(Settings settings, boolean limitedRange) {
        this.settings = settings;
        int min = limitedRange ? 16 : 0;
        int range = limitedRange ? 235 - 16 : 255;
        this.blackLuminance = (int) Math.floor(min + settings.maxPixelThreshold() * range);
    }

    /** Takes the next frame of the video (BGR). */
    void accept(Mat frame) {
        resize(frame, small, new Size(WIDTH, HEIGHT), 0, 0, INTER_AREA);
        small.data().get(pixels);
        float[] histogram = new float[512];
        int black = 0;
        for (int i = 0; i < pixels.length; i += 3) {
            int b = pixels[i] & 0xff;
            int g = pixels[i + 1] & 0xff;
            int r = pixels[i + 2] & 0xff;
            histogram[(r >> 5) << 6 | (g >> 5) << 3 | b >> 5]++;
            if (0.299 * r + 0.587 * g + 0.114 * b <= blackLuminance) {
                black++;
            }
        }
        int count = WIDTH * HEIGHT;
        float change = 0;
        if (previous != null) {
            for (int i = 0; i < histogram.length; i++) {
                change += Math.abs(histogram[i] - previous[i]);
            }
            change /= 2 * count;
        }
        cuts.add(previous == null || change < CUT ? 0f : (float) (50 + 50 * (change - CUT) / (1 - CUT)));
        blackShares.add(100f * black / count);
        previous = histogram;
    }

    /** The segments of the frames taken, in the order of their start, for a video of {@code frameRate} frames/s. */
    List<ObjectNode> segments(double frameRate) {
        List<ObjectNode> segments = new ArrayList<>();
        int frames = cuts.size();
        if (frames == 0) {
            return segments;
        }
        if (settings.technicalCues()) {
            int start = -1;
            double shares = 0;
            for (int i = 0; i <= frames; i++) {
                boolean isBlack = i < frames && blackShares.get(i) >= settings.minCoveragePercentage();
                if (isBlack && start < 0) {
                    start = i;
                    shares = 0;
                }
                if (isBlack) {
                    shares += blackShares.get(i);
                } else if (start >= 0) {
                    double confidence = shares / (i - start);
                    if (confidence >= settings.cueMinConfidence()) {
                        ObjectNode segment = segment("TECHNICAL_CUE", start, i - 1, frameRate);
                        segment.putObject("TechnicalCueSegment").put("Type", "BlackFrames")
                                .put("Confidence", (float) confidence);
                        segments.add(segment);
                    }
                    start = -1;
                }
            }
        }
        if (settings.shots()) {
            int start = 0;
            float confidence = 100;
            int index = 0;
            for (int i = 1; i <= frames; i++) {
                if (i == frames || cuts.get(i) >= settings.shotMinConfidence() && cuts.get(i) > 0) {
                    ObjectNode segment = segment("SHOT", start, i - 1, frameRate);
                    segment.putObject("ShotSegment").put("Index", index++).put("Confidence", confidence);
                    segments.add(segment);
                    if (i < frames) {
                        start = i;
                        confidence = cuts.get(i);
                    }
                }
            }
        }
        segments.sort((a, b) -> Long.compare(a.get("StartFrameNumber").asLong(), b.get("StartFrameNumber").asLong()));
        return segments;
    }

    /** The members every segment has: frames {@code first} to {@code last}, both included. */
    private static ObjectNode segment(String type, int first, int last, double frameRate) {
        long startMillis = Math.round(first * 1000 / frameRate);
        long endMillis = Math.round((last + 1) * 1000 / frameRate);
        return JSON.createObjectNode()
                .put("Type", type)
                .put("StartTimestampMillis", startMillis)
                .put("EndTimestampMillis", endMillis)
                .put("DurationMillis", endMillis - startMillis)
                .put("StartTimecodeSMPTE", timecode(first, frameRate))
                .put("EndTimecodeSMPTE", timecode(last + 1, frameRate))
                .put("DurationSMPTE", timecode(last + 1 - first, frameRate))
                .put("StartFrameNumber", first)
                .put("EndFrameNumber", last)
                .put("DurationFrames", last + 1 - first);
    }

    /** HH:MM:SS:FF of {@code frames} frames (non-drop-frame, at the nearest whole frame rate). */
    static String timecode(long frames, double frameRate) {
        long perSecond = Math.max(1, Math.round(frameRate));
        long seconds = frames / perSecond;
        return String.format(Locale.ROOT, "%02d:%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60,
                frames % perSecond);
    }

    void close() {
        small.close();
    }
}
