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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelrekognition.local.SampleVideos;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The evaluation set of the face detector: six photographs of groups of people (demo/sample1.jpg to sample6.jpg of the
 * npm package {@code @vladmandic/face-api} 1.7.15, MIT, fetched at build time; 22 faces, several tilted, turned or
 * looking down), with every face annotated by hand ({@code evaluation/faces.csv}).
 * <p>
 * Each photo becomes a 1280x720, 25 fps, {@value #SECONDS} s H.264 video filmed by a moving camera: it starts on the
 * whole photo at 0.6 times the size that fills the frame (black around it; the smallest faces about 60 px tall), then
 * zooms in and pans, at a steady rate, until the faces fill the frame (at most 1.6 times that size). The camera is a
 * scale and an offset, so every face's box is known in every frame.
 */
final class EvaluationSet {

    static final int SECONDS = 4;
    static final String FOLDER = "io/github/camelrekognition/local/evaluation/";

    /** A photo of the set and its annotated faces (pixels of the photo). */
    record Photo(String name, List<SampleVideos.Box> faces) {
    }

    /** The camera at time t (0..1): photo pixel p goes to frame pixel {@code offset + p * scale}. */
    record Camera(double startScale, double startX, double startY, double endScale, double endX, double endY) {

        double scale(double t) {
            return startScale * Math.pow(endScale / startScale, t);
        }

        /** The photo's width and height once scaled, in whole pixels. */
        int[] scaledSize(double t, int photoWidth, int photoHeight) {
            return new int[] {
                    Math.max(1, (int) Math.round(photoWidth * scale(t))),
                    Math.max(1, (int) Math.round(photoHeight * scale(t))) };
        }

        /** Where the scaled photo's top-left corner lies in the frame, in whole pixels. */
        int[] offset(double t, int photoWidth, int photoHeight) {
            int[] size = scaledSize(t, photoWidth, photoHeight);
            double centreX = startX + (endX - startX) * t;
            double centreY = startY + (endY - startY) * t;
            return new int[] {
                    (int) Math.round(SampleVideos.WIDTH / 2.0 - centreX * size[0] / photoWidth),
                    (int) Math.round(SampleVideos.HEIGHT / 2.0 - centreY * size[1] / photoHeight) };
        }

        /** A camera that does not move: the photo scaled by {@code scale}, in the middle of the frame. */
        static Camera still(double scale, int photoWidth, int photoHeight) {
            return new Camera(scale, photoWidth / 2.0, photoHeight / 2.0, scale, photoWidth / 2.0, photoHeight / 2.0);
        }

        SampleVideos.Box box(SampleVideos.Box face, double t, int photoWidth, int photoHeight) {
            int[] size = scaledSize(t, photoWidth, photoHeight);
            int[] offset = offset(t, photoWidth, photoHeight);
            double kx = (double) size[0] / photoWidth;
            double ky = (double) size[1] / photoHeight;
            return new SampleVideos.Box(
                    offset[0] + face.x() * kx, offset[1] + face.y() * ky, face.width() * kx,
                    face.height() * ky);
        }
    }

    /** A video of the set: where its faces are at any time. */
    record Video(String name, Path file, Photo photo, Camera camera, int photoWidth, int photoHeight) {

        /** The faces in the frame shown at {@code millis}. */
        List<SampleVideos.Box> facesAt(long millis) {
            double t = time(Math.round(millis * SampleVideos.FPS / 1000.0));
            return photo.faces().stream().map(face -> camera.box(face, t, photoWidth, photoHeight)).toList();
        }
    }

    private EvaluationSet() {
    }

    static double time(long frame) {
        return Math.min(1.0, (double) frame / (SECONDS * SampleVideos.FPS - 1));
    }

    /** The photos and their faces, from {@code faces.csv}. */
    static List<Photo> photos() {
        Map<String, List<SampleVideos.Box>> faces = new LinkedHashMap<>();
        for (String line : new String(resource(FOLDER + "faces.csv"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split(",");
            faces.computeIfAbsent(f[0], name -> new ArrayList<>()).add(new SampleVideos.Box(
                    Integer.parseInt(f[1]),
                    Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4])));
        }
        return faces.entrySet().stream().map(e -> new Photo(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /** The photo's pixels (BGR). */
    static Mat image(Photo photo) {
        try (Mat bytes = new Mat(resource(FOLDER + photo.name()))) {
            return imdecode(bytes, IMREAD_COLOR);
        }
    }

    /** The videos of the set, composed on first use beside the sample videos. */
    static synchronized List<Video> videos() {
        List<Video> videos = new ArrayList<>();
        for (Photo photo : photos()) {
            try (Mat image = image(photo)) {
                Camera camera = camera(photo, image.cols(), image.rows());
                Path file = SampleVideos.videos().resolve("evaluation-" + photo.name().replace(".jpg", ".mp4"));
                if (!Files.exists(file)) {
                    compose(file, image, camera);
                }
                videos.add(new Video(photo.name(), file, photo, camera, image.cols(), image.rows()));
            }
        }
        return videos;
    }

    private static Camera camera(Photo photo, int width, int height) {
        double fit = Math.min((double) SampleVideos.WIDTH / width, (double) SampleVideos.HEIGHT / height);
        double left = Double.MAX_VALUE;
        double top = Double.MAX_VALUE;
        double right = 0;
        double bottom = 0;
        double faceSize = 0;
        for (SampleVideos.Box face : photo.faces()) {
            left = Math.min(left, face.x());
            top = Math.min(top, face.y());
            right = Math.max(right, face.x() + face.width());
            bottom = Math.max(bottom, face.y() + face.height());
            faceSize += face.height() / photo.faces().size();
        }
        // the faces and half a face around them
        left = Math.max(0, left - faceSize / 2);
        top = Math.max(0, top - faceSize / 2);
        right = Math.min(width, right + faceSize / 2);
        bottom = Math.min(height, bottom + faceSize / 2);
        double end = Math.min(1.6 * fit,
                Math.min(SampleVideos.WIDTH / (right - left), SampleVideos.HEIGHT / (bottom - top)));
        return new Camera(0.6 * fit, width / 2.0, height / 2.0, end, (left + right) / 2, (top + bottom) / 2);
    }

    private static void compose(Path file, Mat image, Camera camera) {
        SampleVideos.record(file, SECONDS * SampleVideos.FPS, false, i -> frame(image, camera, time(i)));
    }

    /** The 1280x720 frame the camera films at time {@code t}: the scaled photo where it lies, black around it. */
    static Mat frame(Mat image, Camera camera, double t) {
        int[] size = camera.scaledSize(t, image.cols(), image.rows());
        int[] offset = camera.offset(t, image.cols(), image.rows());
        Mat frame = new Mat(SampleVideos.HEIGHT, SampleVideos.WIDTH, CV_8UC3, new Scalar(0, 0, 0, 0));
        try (Mat scaled = new Mat()) {
            resize(image, scaled, new Size(size[0], size[1]), 0, 0, INTER_AREA);
            // the part of the scaled photo inside the frame
            int x0 = Math.max(0, offset[0]);
            int y0 = Math.max(0, offset[1]);
            int x1 = Math.min(SampleVideos.WIDTH, offset[0] + size[0]);
            int y1 = Math.min(SampleVideos.HEIGHT, offset[1] + size[1]);
            try (Mat from = new Mat(scaled, new Rect(x0 - offset[0], y0 - offset[1], x1 - x0, y1 - y0));
                 Mat to = new Mat(frame, new Rect(x0, y0, x1 - x0, y1 - y0))) {
                from.copyTo(to);
            }
        }
        return frame;
    }

    private static byte[] resource(String name) {
        try (InputStream in = EvaluationSet.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        name + " is not on the test classpath: the Maven build of "
                                                + "rekognition-video-local fetches the photos "
                                                + "(src/main/fixtures/fetch-npm-files.sh, needs npm)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
