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
package io.github.camelrekognition.examples.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.Landmark;
import software.amazon.awssdk.services.rekognition.model.Pose;
import software.amazon.awssdk.services.rekognition.model.VideoMetadata;
import software.amazon.awssdk.services.s3.S3Client;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Writes what a completed job found into {@code <output>/<job id>/}: {@code result.json} (the GetFaceDetection shape),
 * {@code contact-sheet.png} (sampled frames with the detected boxes and landmarks drawn) and {@code report.html} (the
 * contact sheet and the timeline of detections). Its body becomes the short "faces found" event.
 */
public class FaceReport {

    static final int TILES = 12;
    static final int TILE_WIDTH = 320;
    static final int COLUMNS = 4;
    /** The colour of the boxes (BGR): green. */
    static final Scalar BOX_COLOUR = new Scalar(0, 230, 0, 0);
    /** The colour of the landmarks (BGR): magenta. */
    static final Scalar LANDMARK_COLOUR = new Scalar(255, 0, 255, 0);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path output;
    private final S3Client s3;

    public FaceReport(Path output, S3Client s3) {
        this.output = output;
        this.s3 = s3;
    }

    /** Writes the report of the job in the message; the body becomes the "faces found" event (JSON). */
    public void write(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String jobId = in.getHeader(JOB_ID, String.class);
        String status = in.getHeader(JOB_STATUS, String.class);
        String bucket = in.getHeader(BUCKET_NAME, String.class);
        String key = in.getHeader(OBJECT_KEY, String.class);
        VideoMetadata metadata = in.getHeader(VIDEO_METADATA, VideoMetadata.class);
        @SuppressWarnings("unchecked")
        List<FaceDetection> faces = in.getBody() == null ? List.of() : in.getBody(List.class);

        Path folder = Files.createDirectories(output.resolve(jobId));
        Files.writeString(folder.resolve("result.json"), resultJson(status, in.getHeader(STATUS_MESSAGE, String.class),
                metadata, faces), StandardCharsets.UTF_8);
        ObjectNode event = JSON.createObjectNode()
                .put("jobId", jobId)
                .put("status", status)
                .put("video", "s3://" + bucket + "/" + key)
                .put("faces", faces.size());
        if (in.getHeader(STATUS_MESSAGE) != null) {
            event.put("reason", in.getHeader(STATUS_MESSAGE, String.class));
        }
        if (metadata != null && metadata.durationMillis() != null && metadata.durationMillis() > 0) {
            event.put("facesPerSecond", Math.round(faces.size() * 10000.0 / metadata.durationMillis()) / 10.0);
            Path video = Files.createTempFile("quickstart-", ".video");
            try {
                Files.delete(video);
                s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(video));
                contactSheet(video, metadata, faces, folder.resolve("contact-sheet.png"));
            } finally {
                Files.deleteIfExists(video);
            }
            Files.writeString(folder.resolve("report.html"), html(jobId, bucket, key, metadata, faces),
                    StandardCharsets.UTF_8);
        }
        event.put("report", folder.toAbsolutePath().toString());
        in.setBody(event.toString());
    }

    // ---------------------------------------------------------------------------------------------------------------

    static String resultJson(String status, String statusMessage, VideoMetadata metadata, List<FaceDetection> faces)
            throws IOException {
        ObjectNode result = JSON.createObjectNode().put("JobStatus", status);
        if (statusMessage != null) {
            result.put("StatusMessage", statusMessage);
        }
        if (metadata != null) {
            result.putObject("VideoMetadata")
                    .put("Codec", metadata.codec())
                    .put("DurationMillis", metadata.durationMillis())
                    .put("Format", metadata.format())
                    .put("FrameRate", metadata.frameRate())
                    .put("FrameHeight", metadata.frameHeight())
                    .put("FrameWidth", metadata.frameWidth());
        }
        ArrayNode array = result.putArray("Faces");
        for (FaceDetection detection : faces) {
            ObjectNode face = array.addObject().put("Timestamp", detection.timestamp()).putObject("Face");
            BoundingBox box = detection.face().boundingBox();
            face.putObject("BoundingBox").put("Width", box.width()).put("Height", box.height()).put("Left", box.left())
                    .put("Top", box.top());
            ArrayNode landmarks = face.putArray("Landmarks");
            for (Landmark landmark : detection.face().landmarks()) {
                landmarks.addObject().put("Type", landmark.typeAsString()).put("X", landmark.x())
                        .put("Y", landmark.y());
            }
            Pose pose = detection.face().pose();
            if (pose != null) {
                face.putObject("Pose").put("Roll", pose.roll()).put("Yaw", pose.yaw()).put("Pitch", pose.pitch());
            }
            face.put("Confidence", detection.face().confidence());
            if (detection.face().quality() != null) {
                face.putObject("Quality").put("Brightness", detection.face().quality().brightness())
                        .put("Sharpness", detection.face().quality().sharpness());
            }
        }
        return JSON.writeValueAsString(result);
    }

    /** The faces by timestamp. */
    private static TreeMap<Long, List<FaceDetail>> byTimestamp(List<FaceDetection> faces) {
        return faces.stream().collect(Collectors.groupingBy(FaceDetection::timestamp, TreeMap::new,
                Collectors.mapping(FaceDetection::face, Collectors.toList())));
    }

    /**
     * Up to {@value #TILES} frames, evenly spread over the frames with faces (or the video), each {@value #TILE_WIDTH}
     * px wide, {@value #COLUMNS} a row: the boxes drawn in green, the landmarks as magenta dots.
     */
    static void contactSheet(Path video, VideoMetadata metadata, List<FaceDetection> faces, Path png) throws Exception {
        TreeMap<Long, List<FaceDetail>> details = byTimestamp(faces);
        List<Long> times = new ArrayList<>(details.keySet());
        if (times.isEmpty()) {
            for (int i = 0; i < 4; i++) {
                times.add(metadata.durationMillis() * i / 4);
            }
        }
        List<Long> picked = new ArrayList<>();
        int tiles = Math.min(TILES, times.size());
        for (int i = 0; i < tiles; i++) {
            picked.add(times.get(i * times.size() / tiles));
        }
        int tileHeight = (int) Math.round(TILE_WIDTH * (double) metadata.frameHeight() / metadata.frameWidth());
        int rows = (picked.size() + COLUMNS - 1) / COLUMNS;
        try (Mat sheet = new Mat(rows * tileHeight, COLUMNS * TILE_WIDTH, CV_8UC3, new Scalar(32, 32, 32, 0));
             FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            for (int i = 0; i < picked.size(); i++) {
                long time = picked.get(i);
                grabber.setVideoTimestamp(time * 1000);
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    continue;
                }
                try (Mat tile = new Mat()) {
                    resize(converter.convert(frame), tile, new Size(TILE_WIDTH, tileHeight), 0, 0, INTER_AREA);
                    for (FaceDetail face : details.getOrDefault(time, List.of())) {
                        BoundingBox box = face.boundingBox();
                        rectangle(tile, new Rect(
                                (int) (box.left() * TILE_WIDTH), (int) (box.top() * tileHeight),
                                (int) (box.width() * TILE_WIDTH), (int) (box.height() * tileHeight)),
                                BOX_COLOUR, 2, LINE_AA, 0);
                        for (Landmark landmark : face.landmarks()) {
                            circle(tile, new Point(
                                    (int) Math.round(landmark.x() * TILE_WIDTH),
                                    (int) Math.round(landmark.y() * tileHeight)), 2, LANDMARK_COLOUR, FILLED, LINE_8,
                                    0);
                        }
                    }
                    putText(tile, String.format(Locale.ROOT, "%.1f s", time / 1000.0), new Point(8, 22),
                            FONT_HERSHEY_SIMPLEX, 0.6, new Scalar(255, 255, 255, 0), 2, LINE_AA, false);
                    tile.copyTo(new Mat(
                            sheet, new Rect(
                                    (i % COLUMNS) * TILE_WIDTH, (i / COLUMNS) * tileHeight,
                                    TILE_WIDTH, tileHeight)));
                }
            }
            if (!imwrite(png.toString(), sheet)) {
                throw new IOException("Cannot write " + png);
            }
        }
    }

    /** A static page: the contact sheet and the timeline of detections, one tick per face. */
    static String html(String jobId, String bucket, String key, VideoMetadata metadata, List<FaceDetection> faces) {
        double duration = Math.max(1, metadata.durationMillis());
        StringBuilder ticks = new StringBuilder();
        for (FaceDetection face : faces) {
            double x = 10 + 780 * face.timestamp() / duration;
            double y = 20 + 100 * (face.face().boundingBox().left() + face.face().boundingBox().width() / 2);
            ticks.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#2a9d48\">"
                                                    + "<title>%d ms, confidence %.1f%s</title></circle>%n",
                    x, y, face.timestamp(), face.face().confidence(), pose(face.face().pose())));
        }
        Map<Long, Long> perTimestamp = faces.stream()
                .collect(Collectors.groupingBy(FaceDetection::timestamp, TreeMap::new, Collectors.counting()));
        long maxAtOnce = perTimestamp.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Faces in %s</title>
                <style>body{font-family:sans-serif;margin:2em;color:#222} td{padding:2px 12px} svg{background:#f4f4f4}</style>
                </head><body>
                <h1>Faces in s3://%s/%s</h1>
                <table>
                <tr><td>Job</td><td><code>%s</code></td></tr>
                <tr><td>Video</td><td>%s, %dx%d, %.0f fps, %.1f s</td></tr>
                <tr><td>Detections</td><td>%d in %d analysed frames, up to %d faces at once</td></tr>
                </table>
                <h2>Timeline</h2>
                <p>One dot per detected face: time from left to right, the face's horizontal position from top to bottom.</p>
                <svg width="800" height="140" viewBox="0 0 800 140" role="img" aria-label="timeline of detections">
                <line x1="10" y1="130" x2="790" y2="130" stroke="#888"/>
                <text x="10" y="140" font-size="10">0 s</text><text x="760" y="140" font-size="10">%.1f s</text>
                %s</svg>
                <h2>Frames</h2>
                <p>Boxes in green; landmarks (eyes, nose, mouth corners) as magenta dots.</p>
                <img src="contact-sheet.png" alt="sampled frames with the detected faces boxed and their landmarks marked" width="100%%">
                <p>Result in the GetFaceDetection shape: <a href="result.json">result.json</a></p>
                </body></html>
                """
                .formatted(key, bucket, key, jobId, metadata.codec(), metadata.frameWidth(), metadata.frameHeight(),
                        metadata.frameRate(), duration / 1000, faces.size(), perTimestamp.size(), maxAtOnce, duration / 1000,
                        ticks);
    }

    private static String pose(Pose pose) {
        return pose == null
                ? ""
                : String.format(Locale.ROOT, ", roll %.0f, yaw %.0f, pitch %.0f degrees", pose.roll(), pose.yaw(),
                        pose.pitch());
    }
}
