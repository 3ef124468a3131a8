package io.github.camelrekognition.examples.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.SampleVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the quickstart as README's command does, and with each bad input it names. */
class QuickstartTest {

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
        byte[] png = Files.readAllBytes(report.resolve("contact-sheet.png"));
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, java.util.Arrays.copyOf(png, 4));
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("<img src=\"contact-sheet.png\"") && html.contains("60 in 30 analysed frames"), html);
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
    void refusesAnUnknownArgument() {
        Run run = run("--frobnicate");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown argument: --frobnicate") && run.err().contains("usage:"), run.err());
    }
}
