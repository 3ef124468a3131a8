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
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelrekognition.local.DetectorSettings;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes a video file with FFmpeg, samples one frame every {@link DetectorSettings#samplingIntervalMillis()} and
 * detects the faces in it, and, for segment detection, hands every frame to a {@link SegmentDetector}.
 */
public final class VideoAnalyzer {

    /** Rekognition's status message for a video it cannot decode. */
    public static final String UNSUPPORTED = "Unsupported codec/format.";

    /** The video's properties, as Rekognition reports them in VideoMetadata. */
    public record Metadata(String codec, long durationMillis, String format, float frameRate, long frameWidth,
            long frameHeight, String colorRange) {
    }

    /** The faces of one analysed frame. */
    public record Sample(long timestampMillis, int frameWidth, int frameHeight, List<FaceDetector.DetectedFace> faces) {
    }

    /** The audio stream's properties, as Rekognition reports them in AudioMetadata. */
    public record AudioMetadata(String codec, long durationMillis, long sampleRate, long numberOfChannels) {
    }

    /**
     * @param samples  the faces of each sampled frame (empty without face detection)
     * @param segments the segments (null without segment detection)
     * @param audio    the audio stream, or null when the video has none
     */
    public record Analysis(Metadata metadata, List<Sample> samples, List<ObjectNode> segments, AudioMetadata audio) {
    }

    /** The video cannot be decoded; the message says why, in the service's words first. */
    public static final class UnreadableVideoException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableVideoException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static {
        // FFmpeg's own messages go straight to stderr; a job's failure is reported in its StatusMessage instead.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private final DetectorSettings settings;

    public VideoAnalyzer(DetectorSettings settings) {
        this.settings = settings;
    }

    /** Opens the video of {@code grabber}; a file that is not a video, or has no video stream, is unreadable. */
    private static void start(FFmpegFrameGrabber grabber) throws UnreadableVideoException {
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException(UNSUPPORTED + " " + e.getMessage(), e);
        }
        if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
            throw new UnreadableVideoException(UNSUPPORTED + " The file has no video stream.", null);
        }
    }

    /** The metadata of {@code video}, read from its header without decoding its frames. */
    public Metadata probe(Path video) throws UnreadableVideoException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            start(grabber);
            return metadata(grabber);
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException(UNSUPPORTED + " " + e.getMessage(), e);
        }
    }

    /**
     * @param detector the face detector, or null for no face detection
     * @param segments what segments to detect, or null for none
     */
    public Analysis analyze(Path video, FaceDetector detector, SegmentDetector.Settings segments)
            throws UnreadableVideoException {
        Sampled<List<FaceDetector.DetectedFace>> sampled = sample(video, detector == null ? null : detector::detect,
                segments);
        return new Analysis(
                sampled.metadata(),
                sampled.samples().stream()
                        .map(t -> new Sample(t.timestampMillis(), t.frameWidth(), t.frameHeight(), t.value())).toList(),
                sampled.segments(), sampled.audio());
    }

    /** What {@code sampler} made of one frame sampled at {@code timestampMillis}. */
    public record Timed<T>(long timestampMillis, int frameWidth, int frameHeight, T value) {
    }

    /**
     * @param samples  what the sampler made of each sampled frame (empty without a sampler)
     * @param segments the segments (null without segment detection)
     * @param audio    the audio stream, or null when the video has none
     */
    public record Sampled<T>(Metadata metadata, List<Timed<T>> samples, List<ObjectNode> segments, AudioMetadata audio) {
    }

    /**
     * Decodes {@code video}, hands {@code sampler} one frame (BGR) every sampling interval, and detects the segments of
     * every frame.
     *
     * @param sampler  what to make of a sampled frame, or null for none
     * @param segments what segments to detect, or null for none
     */
    public <T> Sampled<T> sample(Path video, Function<Mat, T> sampler, SegmentDetector.Settings segments)
            throws UnreadableVideoException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            start(grabber);
            Metadata metadata = metadata(grabber);
            SegmentDetector segmentDetector = segments == null
                    ? null
                    : new SegmentDetector(segments, "LIMITED".equals(metadata.colorRange()));
            try {
                List<Timed<T>> samples = new ArrayList<>();
                double frameMillis = 1000.0 / frameRate(metadata);
                long next = 0;
                long last = -1;
                Frame frame;
                // Only the frames analysed are converted to BGR: those of segment detection (all), and for faces the
                // frame expected to be the first at or after the next sampling time. When a variable frame rate
                // defeats the guess, the sample is taken on the following frame, with that frame's timestamp.
                while ((frame = grab(grabber, segmentDetector != null
                        || (sampler != null && (last < 0 || last + frameMillis * 1.5 >= next))))
                       != null) {
                    long timestamp = grabber.getTimestamp() / 1000;
                    last = Math.max(last, timestamp);
                    if (frame.image == null) {
                        continue;
                    }
                    if (segmentDetector != null) {
                        segmentDetector.accept(converter.convert(frame));
                    }
                    if (sampler == null || timestamp < next) {
                        continue;
                    }
                    Mat mat = converter.convert(frame);
                    samples.add(new Timed<>(timestamp, mat.cols(), mat.rows(), sampler.apply(mat)));
                    while (next <= timestamp) {
                        next += settings.samplingIntervalMillis();
                    }
                }
                checkComplete(metadata, last);
                return new Sampled<>(
                        metadata, samples,
                        segmentDetector == null ? null : segmentDetector.segments(frameRate(metadata)), audio(grabber));
            } finally {
                if (segmentDetector != null) {
                    segmentDetector.close();
                }
            }
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException(UNSUPPORTED + " " + e.getMessage(), e);
        }
    }

    /** The next video frame; its image is null unless {@code convert}. */
    private static Frame grab(FFmpegFrameGrabber grabber, boolean convert) throws UnreadableVideoException {
        try {
            Frame frame = grabber.grabFrame(false, true, convert, false, false);
            if (frame != null && !convert) {
                frame.image = null;
            }
            return frame;
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException(UNSUPPORTED + " Decoding failed: " + e.getMessage(), e);
        }
    }

    private static double frameRate(Metadata metadata) {
        return metadata.frameRate() > 0 ? metadata.frameRate() : 25;
    }

    private static AudioMetadata audio(FFmpegFrameGrabber grabber) {
        if (grabber.getAudioStream() < 0 || grabber.getAudioChannels() <= 0) {
            return null;
        }
        return new AudioMetadata(
                grabber.getAudioCodecName(), grabber.getLengthInTime() / 1000,
                grabber.getSampleRate(), grabber.getAudioChannels());
    }

    /** A file whose frames end well before the duration its header announces is truncated. */
    private static void checkComplete(Metadata metadata, long lastFrameMillis) throws UnreadableVideoException {
        double frameMillis = metadata.frameRate() > 0 ? 1000.0 / metadata.frameRate() : 40.0;
        if (lastFrameMillis < 0) {
            throw new UnreadableVideoException(UNSUPPORTED + " No frame could be decoded.", null);
        }
        if (metadata.durationMillis() > 0 && lastFrameMillis + 3 * frameMillis < metadata.durationMillis()) {
            throw new UnreadableVideoException(
                    UNSUPPORTED + " The video data ends at " + lastFrameMillis
                                               + " ms of the " + metadata.durationMillis()
                                               + " ms its header announces: the file is truncated.",
                    null);
        }
    }

    private static Metadata metadata(FFmpegFrameGrabber grabber) {
        String format = grabber.getFormatContext() != null && grabber.getFormatContext().iformat() != null
                ? grabber.getFormatContext().iformat().long_name().getString()
                : grabber.getFormat();
        int range = grabber.getFormatContext() != null
                ? grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar().color_range()
                : avutil.AVCOL_RANGE_UNSPECIFIED;
        String colorRange = range == avutil.AVCOL_RANGE_JPEG ? "FULL" : range == avutil.AVCOL_RANGE_MPEG ? "LIMITED" : null;
        return new Metadata(
                grabber.getVideoCodecName(), grabber.getLengthInTime() / 1000, format,
                (float) grabber.getVideoFrameRate(), grabber.getImageWidth(), grabber.getImageHeight(), colorRange);
    }
}
