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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Sample videos with known face positions, for tests, examples and the quickstart; composed on first use into a folder
 * (the system property {@code sample.videos.dir}, else {@code rekognition-video-samples} in the temporary folder).
 * <p>
 * Source photo: {@code demo/sample3.jpg} of the npm package {@code @vladmandic/face-api} 1.7.15 (licence MIT, bundled
 * beside it as {@code LICENSE.face-api}), fetched at build time by {@code src/main/fixtures/fetch-npm-files.sh}: three
 * people facing the camera. The face boxes below are annotated by hand (hairline to chin, cheek to cheek), as are those
 * of the evaluation set the accuracy tests use.
 * <p>
 * The clear frontal video: 1280x720, 25 fps, H.264 in MP4, {@value #CLEAR_SECONDS} s. Over a blurred noise background,
 * two of the faces (each cut out with a margin of half a face around it and scaled to a face of about 150 px) glide
 * across the frame on straight lines, so the face box of every frame is known exactly.
 */
public final class SampleVideos {

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;
    public static final int FPS = 25;
    public static final int CLEAR_SECONDS = 6;
    static final String PHOTO = "io/github/camelrekognition/local/samples/face-api-sample3.jpg";

    /**
     * A face of the photo, in pixels of the full-size photo: the square a cut-out is centred on ({@code x}, {@code y},
     * {@code size}), and the face's box as annotated by hand in Rekognition's convention (the evaluation set's
     * {@code faces.csv}: hairline to chin, cheek to cheek).
     */
    public record PhotoFace(int x, int y, int size, Box box) {
    }

    static final PhotoFace LEFT_FACE = new PhotoFace(591, 393, 169, new Box(593, 353, 190, 232));
    static final PhotoFace MIDDLE_FACE = new PhotoFace(1076, 294, 173, new Box(1070, 223, 235, 280));

    /** A face box in a frame, in pixels. */
    public record Box(double x, double y, double width, double height) {
        public double iou(Box other) {
            double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
            double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
            double inter = ix * iy;
            return inter / (width * height + other.width * other.height - inter);
        }
    }

    /** A face moving on a straight line: where its box is at any time. */
    public record Track(PhotoFace face, double scale, double fromX, double fromY, double toX, double toY) {
        /** The top-left corner of the pasted cut-out at time {@code t} (0..1 of the video). */
        public double cutX(double t) {
            return fromX + (toX - fromX) * t;
        }

        public double cutY(double t) {
            return fromY + (toY - fromY) * t;
        }

        /**
         * The face's box at time {@code t}: its annotated box, carried with the cut-out (a margin of half a face around
         * the square, scaled).
         */
        public Box box(double t) {
            int cutSize = (int) Math.round(face.size() * 2 * scale);
            double k = cutSize / (face.size() * 2.0);
            double cutLeft = face.x() - face.size() / 2;
            double cutTop = face.y() - face.size() / 2;
            return new Box(
                    Math.round(cutX(t)) + (face.box().x() - cutLeft) * k,
                    Math.round(cutY(t)) + (face.box().y() - cutTop) * k, face.box().width() * k,
                    face.box().height() * k);
        }
    }

    static final double SCALE = 150.0 / 170;
    static final List<Track> CLEAR_TRACKS = List.of(
            new Track(LEFT_FACE, SCALE, 40, 40, 880, 120),
            new Track(MIDDLE_FACE, SCALE, 900, 380, 60, 330));

    static {
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private SampleVideos() {
    }

    private static Mat photo() {
        try (InputStream in = SampleVideos.class.getClassLoader().getResourceAsStream(PHOTO)) {
            if (in == null) {
                throw new IllegalStateException(
                        PHOTO + " is not on the classpath: the Maven build of "
                                                + "rekognition-video-local fetches it (src/main/fixtures/fetch-npm-files.sh, "
                                                + "needs npm)");
            }
            try (Mat bytes = new Mat(in.readAllBytes())) {
                return imdecode(bytes, IMREAD_COLOR);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder the sample videos are composed into. */
    public static Path videos() {
        Path dir = Path.of(System.getProperty("sample.videos.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "rekognition-video-samples").toString()));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The faces of {@link #clearFrontal()} in its frame at {@code millis}, in pixels. */
    public static List<Box> clearFacesAt(long millis) {
        double t = Math.min(1.0, (double) Math.round(millis * FPS / 1000.0) / (CLEAR_SECONDS * FPS - 1));
        List<Box> boxes = new ArrayList<>();
        CLEAR_TRACKS.forEach(track -> boxes.add(track.box(t)));
        return boxes;
    }

    /** Two faces gliding across a 1280x720, 25 fps, 6 s H.264 MP4. */
    public static synchronized Path clearFrontal() {
        Path file = videos().resolve("clear-frontal.mp4");
        if (!Files.exists(file)) {
            compose(file, CLEAR_TRACKS, CLEAR_SECONDS, false);
        }
        return file;
    }

    /** A 3 s video of the same background, without a face. */
    public static synchronized Path noFace() {
        Path file = videos().resolve("no-face.mp4");
        if (!Files.exists(file)) {
            compose(file, List.of(), 3, false);
        }
        return file;
    }

    /** A text file named like a video. */
    public static synchronized Path notAVideo() {
        Path file = videos().resolve("not-a-video.mp4");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, "This is a text file, not a video.\n".repeat(100), StandardCharsets.UTF_8);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first half of an MP4 whose index comes first (faststart): the header announces the whole duration, the frames
     * stop half-way, as after an interrupted upload.
     */
    public static synchronized Path truncated() {
        Path file = videos().resolve("truncated.mp4");
        try {
            if (!Files.exists(file)) {
                Path whole = videos().resolve("faststart.mp4");
                if (!Files.exists(whole)) {
                    compose(whole, CLEAR_TRACKS, 4, true);
                }
                byte[] bytes = Files.readAllBytes(whole);
                Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compose(Path file, List<Track> tracks, int seconds, boolean faststart) {
        try (Mat photo = photo();
             Mat background = background()) {
            List<Mat> cuts = new ArrayList<>();
            for (Track track : tracks) {
                cuts.add(cut(photo, track.face(), track.scale()));
            }
            int frames = seconds * FPS;
            record(file, frames, faststart, i -> {
                double t = frames == 1 ? 0 : (double) i / (frames - 1);
                Mat frame = background.clone();
                for (int k = 0; k < tracks.size(); k++) {
                    Track track = tracks.get(k);
                    Mat cut = cuts.get(k);
                    int x = (int) Math.round(track.cutX(t));
                    int y = (int) Math.round(track.cutY(t));
                    cut.copyTo(new Mat(frame, new Rect(x, y, cut.cols(), cut.rows())));
                }
                return frame;
            });
            cuts.forEach(Mat::close);
        }
    }

    /** A face of the photo with a margin of half a face around it, scaled by {@code scale}. */
    private static Mat cut(Mat photo, PhotoFace face, double scale) {
        int margin = face.size() / 2;
        Mat cut = new Mat();
        int cutSize = (int) Math.round(face.size() * 2 * scale);
        resize(new Mat(photo, new Rect(face.x() - margin, face.y() - margin, face.size() * 2, face.size() * 2)),
                cut, new Size(cutSize, cutSize), 0, 0, INTER_AREA);
        return cut;
    }

    /** Records {@code frames} frames (each closed once recorded) as a 1280x720, 25 fps H.264 MP4. */
    public static void record(Path file, int frames, boolean faststart, IntFunction<Mat> frameAt) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp.mp4");
        try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(tmp.toFile(), WIDTH, HEIGHT)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setVideoBitrate(2_000_000);
            if (faststart) {
                recorder.setOption("movflags", "+faststart");
            }
            recorder.start();
            for (int i = 0; i < frames; i++) {
                try (Mat frame = frameAt.apply(i)) {
                    recorder.record(converter.convert(frame));
                }
            }
            recorder.stop();
            Files.move(tmp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compose " + file, e);
        }
    }

    /** The first frame of each shot of {@link #shots()}. */
    public static final List<Integer> SHOT_STARTS = List.of(0, 25, 75, 125);
    /** The first and last frame of each run of black frames of {@link #shots()}. */
    public static final List<int[]> BLACK_RUNS = List.of(new int[] { 0, 24 }, new int[] { 125, 149 });

    /**
     * Four shots in 6 s (1280x720, 25 fps, H.264 MP4), cut without transition: 1 s of black, 2 s of the whole photo, 2
     * s of one face over the noise background, 1 s of black.
     */
    public static synchronized Path shots() {
        Path file = videos().resolve("shots.mp4");
        if (!Files.exists(file)) {
            try (Mat photo = photo();
                 Mat wholePhoto = new Mat();
                 Mat background = background();
                 Mat face = cut(photo, MIDDLE_FACE, SCALE)) {
                resize(photo, wholePhoto, new Size(WIDTH, HEIGHT), 0, 0, INTER_AREA);
                face.copyTo(new Mat(background, new Rect(500, 200, face.cols(), face.rows())));
                record(file, 6 * FPS, false, i -> i < SHOT_STARTS.get(1) || i >= SHOT_STARTS.get(3)
                        ? new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(0, 0, 0, 0))
                        : (i < SHOT_STARTS.get(2) ? wholePhoto : background).clone());
            }
        }
        return file;
    }

    /**
     * Blurred noise around mid-grey: texture without anything face-like. The same noise every time, whatever was
     * composed before: a generator of its own, in the state OpenCV's per-thread generator starts in.
     */
    private static Mat background() {
        Mat noise = new Mat(HEIGHT, WIDTH, CV_8UC3);
        try (RNG random = new RNG(0xffffffffL)) {
            random._fill(noise, RNG.NORMAL, new Mat(1, 1, CV_64F, new Scalar(120)), new Mat(1, 1, CV_64F, new Scalar(40)));
        }
        GaussianBlur(noise, noise, new Size(0, 0), 6);
        return noise;
    }
}
