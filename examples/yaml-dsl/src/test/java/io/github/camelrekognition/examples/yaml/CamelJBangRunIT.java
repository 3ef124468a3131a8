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
package io.github.camelrekognition.examples.yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code camel run application.properties face-detection.camel.yaml}, Camel JBang's run command, in a process of its
 * own with the component on its class path, against a local Rekognition Video on free ports.
 */
class CamelJBangRunIT {

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();

    @Test
    void camelRunRunsTheExampleRoutes(@TempDir Path work) throws Exception {
        LocalRekognitionVideo server = local.get();
        Path resources = Path.of("src", "main", "resources");
        Files.copy(resources.resolve("camel/face-detection.camel.yaml"), work.resolve("face-detection.camel.yaml"));
        Path events = work.resolve("events");
        Files.writeString(work.resolve("application.properties"),
                Files.readString(resources.resolve("application.properties"))
                                                                  + "\nlocal.rekognition = " + server.rekognitionEndpoint()
                                                                  + "\nlocal.sns = " + server.snsEndpoint()
                                                                  + "\nlocal.s3 = " + server.s3Endpoint()
                                                                  + "\nlocal.sqs = " + server.sqsEndpoint()
                                                                  + "\nevents.folder = " + events + "\n");
        Process camel = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CamelJBang.class.getName(),
                "run", "application.properties", "face-detection.camel.yaml", "--max-seconds=120")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("camel.log").toFile())
                .start();
        try {
            awaitLog(work.resolve("camel.log"), "Started downstream", 90);
            server.s3Client().putObject(b -> b.bucket("videos").key("jbang.mp4"),
                    RequestBody.fromFile(SampleVideos.clearFrontal()));

            Path event = awaitEvent(events, 90);

            String text = Files.readString(event);
            assertTrue(text.contains("\\\"status\\\":\\\"SUCCEEDED\\\"") && text.contains("jbang.mp4"), text);
            assertTrue(Files.readString(work.resolve("camel.log")).contains("60 faces in jbang.mp4"));
        } finally {
            camel.destroy();
            camel.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void awaitLog(Path log, String line, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!(Files.exists(log) && Files.readString(log).contains(line))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("camel run did not log '" + line + "':\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private static Path awaitEvent(Path folder, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> found = files.toList();
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no event in " + folder);
    }
}
