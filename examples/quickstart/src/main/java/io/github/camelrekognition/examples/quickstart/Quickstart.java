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

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.main.Main;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The whole job, locally and in one command: starts the local Rekognition Video (with embedded S3 and SQS), runs the
 * YAML DSL routes of {@code routes/quickstart.camel.yaml} with Camel Main, uploads a video to the bucket, and waits
 * until the "faces found" event of its job reaches the downstream inbox.
 *
 * <pre>
 * --video=PATH          the video to analyse (default: the sample video with two faces)
 * --out=DIR             where the reports go (default: target/quickstart)
 * --watch               keep running and report every upload to the bucket, until Ctrl-C
 * --timeout-seconds=N   how long to wait for the job (default 180)
 * </pre>
 *
 * Exit codes: 0 the job succeeded, 1 bad input or environment, 2 bad usage, 3 the job failed, 4 no result in time.
 */
public final class Quickstart {

    static final String BUCKET = "videos";

    private Quickstart() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path video = null;
        Path output = Path.of("target", "quickstart");
        boolean watch = false;
        long timeoutSeconds = 180;
        for (String arg : args) {
            if (arg.equals("--watch")) {
                watch = true;
            } else if (arg.startsWith("--video=")) {
                video = Path.of(arg.substring("--video=".length()));
            } else if (arg.startsWith("--out=")) {
                output = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--timeout-seconds=")) {
                try {
                    timeoutSeconds = Long.parseLong(arg.substring("--timeout-seconds=".length()));
                } catch (NumberFormatException e) {
                    err.println("--timeout-seconds needs a number of seconds, not " + arg.substring(18));
                    return 2;
                }
            } else {
                err.println("Unknown argument: " + arg);
                err.println("usage: quickstart [--video=PATH] [--out=DIR] [--watch] [--timeout-seconds=N]");
                return 2;
            }
        }
        if (video != null && !Files.isRegularFile(video)) {
            err.println("No such file: " + video.toAbsolutePath());
            return 1;
        }
        if (video != null && !Files.isReadable(video)) {
            err.println("Cannot read " + video.toAbsolutePath());
            return 1;
        }
        try (LocalRekognitionVideo local = LocalRekognitionVideo.start()) {
            Path file = video != null ? video : SampleVideos.clearFrontal();
            Downstream downstream = new Downstream();
            Main main = new Main();
            main.addInitialProperty("local.s3", local.s3Endpoint().toString());
            main.addInitialProperty("local.sqs", local.sqsEndpoint().toString());
            main.addInitialProperty("local.sns", local.snsEndpoint().toString());
            main.addInitialProperty("local.rekognition", local.rekognitionEndpoint().toString());
            main.bind("faceReport", new FaceReport(output, local.s3Client()));
            main.bind("downstream", downstream);
            main.start();
            try {
                out.println("Uploading " + file + " to s3://" + BUCKET + "/" + file.getFileName());
                long uploaded = System.nanoTime();
                local.s3Client().putObject(b -> b.bucket(BUCKET).key(file.getFileName().toString()),
                        RequestBody.fromFile(file));
                JsonNode event = downstream.next(timeoutSeconds);
                if (event == null) {
                    err.println("No result within " + timeoutSeconds + " s");
                    return 4;
                }
                int code = summarize(event, (System.nanoTime() - uploaded) / 1_000_000, out, err);
                if (watch) {
                    out.println();
                    out.println("Watching s3://" + BUCKET + " at " + local.s3Endpoint() + " (region " + local.region()
                                + ", any credentials): upload more videos there; Ctrl-C stops.");
                    watch(downstream, out, err);
                }
                return code;
            } finally {
                main.stop();
            }
        } catch (Exception e) {
            err.println("The quickstart could not run: " + e.getMessage());
            return 1;
        }
    }

    /** Reports every further job until the thread is interrupted (Ctrl-C ends the JVM). */
    private static void watch(Downstream downstream, PrintStream out, PrintStream err) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                JsonNode event = downstream.next(60);
                if (event != null) {
                    summarize(event, -1, out, err);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int summarize(JsonNode event, long millis, PrintStream out, PrintStream err) {
        String status = event.path("status").asText();
        out.println();
        out.printf("Job %s %s%s%n", event.path("jobId").asText(), status,
                millis < 0 ? "" : String.format(Locale.ROOT, " in %.1f s", millis / 1000.0));
        out.printf("Video %s: %d faces found", event.path("video").asText(), event.path("faces").asInt());
        if (event.has("facesPerSecond")) {
            out.printf(" (%.1f per second of video)", event.path("facesPerSecond").asDouble());
        }
        out.println();
        out.println("Report: " + Path.of(event.path("report").asText()).resolve("report.html"));
        out.println("Result: " + Path.of(event.path("report").asText()).resolve("result.json"));
        if (!"SUCCEEDED".equals(status)) {
            err.println("The face detection job " + status + ": " + event.path("reason").asText("see result.json"));
            return 3;
        }
        return 0;
    }
}
