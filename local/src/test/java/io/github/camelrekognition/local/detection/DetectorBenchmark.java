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
import java.util.concurrent.TimeUnit;

import io.github.camelrekognition.local.DetectorSettings;
import io.github.camelrekognition.local.SampleVideos;
import io.github.camelrekognition.local.TextSamples;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The detector on the 720p sample video (1280x720, 25 fps, 6 s): how long one job's analysis takes, against the
 * baseline of decoding the same video without detection, measured in the same run.
 * <ul>
 * <li>{@code decodeOnly}: FFmpeg decodes every frame (the floor any analysis pays);</li>
 * <li>{@code analyze}: what a job does: decode, and detect faces every 200 ms of video (30 frames);</li>
 * <li>{@code analyzeTwoJobsAtOnce}: the same with two jobs running side by side (two threads sharing the detector, as
 * the server's workers do), time per job;</li>
 * <li>{@code detectOneFrame}: face detection on one decoded 720p frame (the model, and the box, landmarks, pose and
 * quality of each face);</li>
 * <li>{@code readTextJob}: what a text detection job does on the 720p captions video of the text evaluation (4 s, 25
 * fps, 7 captions): decode, and read the text every 200 ms of video (20 frames), against the 4 s of real time;</li>
 * <li>{@code readTextOneFrame}: text detection and recognition on one of its frames.</li>
 * </ul>
 * {@code mvn -B -q -pl local test-compile exec:exec@bench}; figures in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class DetectorBenchmark {

    private Path video;
    private DetectorSettings settings;
    private FaceDetector detector;
    private VideoAnalyzer analyzer;
    private Mat frame;
    private OpenCVFrameConverter.ToMat converter;
    private FFmpegFrameGrabber frameSource;
    private Path captions;
    private TextDetector text;
    private Mat captionFrame;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        video = SampleVideos.clearFrontal();
        settings = DetectorSettings.defaults();
        detector = new FaceDetector(settings);
        analyzer = new VideoAnalyzer(settings);
        frameSource = new FFmpegFrameGrabber(video.toFile());
        frameSource.start();
        frameSource.setTimestamp(2_000_000);
        converter = new OpenCVFrameConverter.ToMat();
        frame = converter.convert(frameSource.grabImage()).clone();
        captions = TextSamples.video();
        text = new TextDetector();
        captionFrame = TextSamples.mat(TextSamples.frameAt(TextSamples.photo(), 2.0));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        frameSource.close();
        detector.close();
        text.close();
    }

    @Benchmark
    public int decodeOnly() throws Exception {
        int frames = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            Frame decoded;
            while ((decoded = grabber.grabImage()) != null) {
                frames += decoded.imageWidth > 0 ? 1 : 0;
            }
        }
        return frames;
    }

    @Benchmark
    public int analyze() throws Exception {
        return analyzer.analyze(video, detector, null).samples().size();
    }

    @Benchmark
    @Threads(2)
    public int analyzeTwoJobsAtOnce() throws Exception {
        return analyzer.analyze(video, detector, null).samples().size();
    }

    @Benchmark
    public int readTextJob() throws Exception {
        return analyzer.sample(captions, text::detect, null).samples().size();
    }

    @Benchmark
    public int readTextOneFrame() {
        return text.detect(captionFrame).size();
    }

    @Benchmark
    public int detectOneFrame() {
        return detector.detect(frame).size();
    }
}
