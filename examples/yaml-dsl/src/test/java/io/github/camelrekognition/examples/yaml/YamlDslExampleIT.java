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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the example's YAML routes and application.properties with Camel Main, as they are, against a local Rekognition
 * Video on free ports (only the local.* endpoints and the events folder are overridden).
 */
class YamlDslExampleIT {

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();

    @Test
    void aVideoInTheBucketEndsAsAFacesFoundEvent(@TempDir Path events, @TempDir Path labels) throws Exception {
        LocalRekognitionVideo server = local.get();
        Main main = new Main();
        main.addOverrideProperty("local.rekognition", server.rekognitionEndpoint().toString());
        main.addOverrideProperty("local.sns", server.snsEndpoint().toString());
        main.addOverrideProperty("local.s3", server.s3Endpoint().toString());
        main.addOverrideProperty("local.sqs", server.sqsEndpoint().toString());
        main.addOverrideProperty("events.folder", events.toString());
        main.addOverrideProperty("labels.folder", labels.toString());
        main.start();
        try {
            server.s3Client().putObject(b -> b.bucket("videos").key("door.mp4"),
                    RequestBody.fromFile(SampleVideos.clearFrontal()));

            List<Path> files = awaitFiles(events, 90);

            assertEquals(1, files.size());
            JsonNode event = new ObjectMapper().readTree(new ObjectMapper().readTree(files.get(0).toFile())
                    .get("Message").asText());
            assertEquals("SUCCEEDED", event.get("status").asText());
            assertEquals("door.mp4", event.get("video").asText());
            assertTrue(event.get("faces").asInt() >= 54, event.toString());

            // the label routes ran too: the local server refuses label detection, by name, and the route says so
            JsonNode label = new ObjectMapper().readTree(awaitFiles(labels, 30).get(0).toFile());
            assertEquals("door.mp4", label.get("video").asText());
            assertFalse(label.get("started").asBoolean());
            assertEquals("NotSupportedLocallyException", label.get("error").asText());
        } finally {
            main.stop();
        }
    }

    private static List<Path> awaitFiles(Path folder, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> found = files.filter(p -> p.toString().endsWith(".json")).toList();
                if (!found.isEmpty()) {
                    return found;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no event in " + folder + " after " + seconds + " s");
    }
}
