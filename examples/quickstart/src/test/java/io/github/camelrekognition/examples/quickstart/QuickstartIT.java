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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.SampleVideos;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the quickstart as README's command does, and with each bad input it names. */
class QuickstartIT {

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Quickstart.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path onlyReport(Path output) throws Exception {
        try (Stream<Path> jobs = Files.list(output)) {
            return jobs.findFirst().orElseThrow();
        }
    }

    @Test
    void findsTheFacesOfTheSampleVideoAndWritesTheReport(@TempDir Path output) throws Exception {
        Run run = run("--out=" + output);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("SUCCEEDED"), run.out());
        assertTrue(run.out().contains("faces found (10.0 per second of video)"), run.out());
        Path report = onlyReport(output);
        JsonNode result = new ObjectMapper().readTree(report.resolve("result.json").toFile());
        assertEquals("SUCCEEDED", result.get("JobStatus").asText());
        assertEquals(SampleVideos.WIDTH, result.at("/VideoMetadata/FrameWidth").asInt());
        assertEquals(60, result.get("Faces").size(), "both faces in all 30 analysed frames");
        for (JsonNode face : result.get("Faces")) {
            assertEquals(5, face.at("/Face/Landmarks").size(), face.toString());
            assertTrue(face.at("/Face/Pose").has("Roll"), face.toString());
        }
        byte[] png = Files.readAllBytes(report.resolve("contact-sheet.png"));
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, Arrays.copyOf(png, 4));
        // the first tile shows the first analysed frame: each of its landmarks is a magenta dot where it lies
        try (Mat sheet = imread(report.resolve("contact-sheet.png").toString());
             UByteIndexer pixels = sheet.createIndexer()) {
            int tileHeight = FaceReport.TILE_WIDTH * SampleVideos.HEIGHT / SampleVideos.WIDTH;
            int dots = 0;
            for (JsonNode face : result.get("Faces")) {
                if (face.get("Timestamp").asLong() != result.at("/Faces/0/Timestamp").asLong()) {
                    continue;
                }
                for (JsonNode landmark : face.at("/Face/Landmarks")) {
                    int x = (int) Math.round(landmark.get("X").asDouble() * FaceReport.TILE_WIDTH);
                    int y = (int) Math.round(landmark.get("Y").asDouble() * tileHeight);
                    assertEquals(List.of(255, 0, 255), List.of(pixels.get(y, x, 0), pixels.get(y, x, 1),
                            pixels.get(y, x, 2)), landmark + " drawn");
                    dots++;
                }
            }
            assertEquals(10, dots, "two faces of five landmarks each in the first tile");
        }
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("<img src=\"contact-sheet.png\"") && html.contains("60 in 30 analysed frames"), html);
    }

    @Test
    void watchesForMoreUploadsUntilInterrupted(@TempDir Path output) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int[] exit = { -1 };
        Thread quickstart = new Thread(
                () -> exit[0] = Quickstart.run(
                        new String[] { "--out=" + output, "--watch" }, print, print),
                "quickstart");
        quickstart.start();

        String watching = await(out, "Watching s3://videos at ");
        Matcher endpoint = Pattern.compile("at (http://\\S+) ").matcher(watching);
        assertTrue(endpoint.find(), watching);
        try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(URI.create(endpoint.group(1))).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(io.github.camelrekognition.local.LocalRekognitionVideo.credentials()).build()) {
            s3.putObject(b -> b.bucket("videos").key("second.mp4"),
                    software.amazon.awssdk.core.sync.RequestBody.fromFile(SampleVideos.noFace()));
        }
        await(out, "Video s3://videos/second.mp4: 0 faces found");

        quickstart.interrupt();
        quickstart.join(30_000);
        assertEquals(0, exit[0], out.toString(StandardCharsets.UTF_8));
        try (Stream<Path> reports = Files.list(output)) {
            assertEquals(2, reports.count(), "a report per job");
        }
    }

    private static String await(ByteArrayOutputStream out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            String printed = out.toString(StandardCharsets.UTF_8);
            int at = printed.indexOf(text);
            if (at >= 0) {
                return printed.substring(at);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("'" + text + "' was not printed:\n" + out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void saysWhenTheVideoDoesNotExist(@TempDir Path output) {
        Run run = run("--out=" + output, "--video=" + output.resolve("missing.mp4"));

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("No such file: "), run.err());
    }

    @Test
    void saysWhenTheFileIsNotAVideo(@TempDir Path output) {
        Run run = run("--out=" + output, "--video=" + SampleVideos.notAVideo());

        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("The face detection job FAILED: Unsupported codec/format."), run.err());
    }

    @Test
    void saysWhenNoResultCameInTime(@TempDir Path output) {
        // no time at all: the job cannot have completed when the wait ends
        Run run = run("--out=" + output, "--timeout-seconds=0");

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("No result within 0 s"), run.err());
    }

    @Test
    void refusesAnUnknownArgument() {
        Run run = run("--frobnicate");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown argument: --frobnicate") && run.err().contains("usage:"), run.err());
    }
}
