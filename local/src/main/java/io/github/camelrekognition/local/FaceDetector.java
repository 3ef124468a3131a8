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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;

/**
 * Finds frontal faces in a frame with OpenCV's LBP cascade ({@code lbpcascade_frontalface_improved.xml}, shipped in
 * the bytedeco OpenCV jar). One instance per thread: OpenCV's cascade classifier is not thread safe.
 * <p>
 * What it reports, and how:
 * <ul>
 * <li>the bounding box, in pixels of the frame;</li>
 * <li>{@code agreement}: how many overlapping detection windows the cascade merged into the face (at least
 * {@code minNeighbors}); Confidence is computed from it, see {@link DetectedFace#confidence()};</li>
 * <li>brightness and sharpness of the face region, measured on its pixels.</li>
 * </ul>
 * It gives no landmarks, pose, age, emotions or other attributes: none are reported.
 */
final class FaceDetector implements AutoCloseable {

    static final String CASCADE
            = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml";

    /** A face found in a frame: box in pixels, the cascade's agreement, and quality measured on the face pixels. */
    record DetectedFace(int x, int y, int width, int height, int agreement, int minNeighbors, float brightness,
            float sharpness) {

        /**
         * Confidence in percent: {@code 100 * n / (n + minNeighbors)} with {@code n} the number of agreeing windows.
         * It grows with the agreement (50 at the detector's acceptance threshold, towards 100 as more windows agree);
         * it is not a calibrated probability like Rekognition's.
         */
        float confidence() {
            return 100f * agreement / (agreement + minNeighbors);
        }
    }

    private final CascadeClassifier classifier;
    private final DetectorSettings settings;

    FaceDetector(DetectorSettings settings) {
        this.settings = settings;
        URL resource = FaceDetector.class.getResource(CASCADE);
        if (resource == null) {
            throw new IllegalStateException("The OpenCV cascade " + CASCADE + " is not on the classpath");
        }
        try {
            File file = Loader.cacheResource(resource);
            classifier = new CascadeClassifier(file.getAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + CASCADE, e);
        }
        if (classifier.empty()) {
            throw new IllegalStateException("OpenCV could not load the cascade " + CASCADE);
        }
    }

    /** The faces of a BGR frame. */
    List<DetectedFace> detect(Mat bgr) {
        try (Mat gray = new Mat(); Mat small = new Mat(); RectVector faces = new RectVector();
             IntPointer agreement = new IntPointer()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            double scale = bgr.rows() > settings.detectionHeight() ? (double) settings.detectionHeight() / bgr.rows() : 1.0;
            Mat detectOn = gray;
            if (scale < 1.0) {
                resize(gray, small, new Size((int) Math.round(gray.cols() * scale), settings.detectionHeight()), 0, 0,
                        INTER_AREA);
                detectOn = small;
            }
            try (Mat equalized = new Mat()) {
                equalizeHist(detectOn, equalized);
                int minSize = (int) Math.round(settings.minFaceSize() * Math.min(1.0, scale));
                classifier.detectMultiScale2(equalized, faces, agreement, settings.scaleFactor(),
                        settings.minNeighbors(), 0, new Size(minSize, minSize), new Size());
            }
            List<DetectedFace> answer = new ArrayList<>();
            for (int i = 0; i < faces.size(); i++) {
                Rect r = faces.get(i);
                int x = clamp((int) Math.round(r.x() / scale), gray.cols());
                int y = clamp((int) Math.round(r.y() / scale), gray.rows());
                int w = Math.min((int) Math.round(r.width() / scale), gray.cols() - x);
                int h = Math.min((int) Math.round(r.height() / scale), gray.rows() - y);
                try (Mat face = new Mat(gray, new Rect(x, y, w, h))) {
                    answer.add(new DetectedFace(x, y, w, h, agreement.get(i), settings.minNeighbors(),
                            brightness(face), sharpness(face)));
                }
            }
            return answer;
        }
    }

    /** Mean luminance of the face, 0 (black) to 100 (white). */
    private static float brightness(Mat face) {
        try (Mat mean = new Mat(); Mat stddev = new Mat()) {
            meanStdDev(face, mean, stddev);
            return (float) (mean.createIndexer().getDouble(0) * 100.0 / 255.0);
        }
    }

    /**
     * Sharpness 0 to 100: {@code 100 * v / (v + 100)} with {@code v} the variance of the Laplacian of the face
     * (a standard focus measure; flat, blurred faces score low).
     */
    private static float sharpness(Mat face) {
        try (Mat laplacian = new Mat(); Mat mean = new Mat(); Mat stddev = new Mat()) {
            Laplacian(face, laplacian, CV_64F);
            meanStdDev(laplacian, mean, stddev);
            double sd = stddev.createIndexer().getDouble(0);
            double variance = sd * sd;
            return (float) (100.0 * variance / (variance + 100.0));
        }
    }

    private static int clamp(int value, int limit) {
        return Math.max(0, Math.min(value, limit - 1));
    }

    @Override
    public void close() {
        classifier.close();
    }

}
