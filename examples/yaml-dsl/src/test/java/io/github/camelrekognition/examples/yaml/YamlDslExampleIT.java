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
import io.github.camelrekognition.local.TextSamples;
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
    void aVideoInTheBucketEndsAsAFacesFoundEvent(@TempDir Path events, @TempDir Path labels, @TempDir Path text)
            throws Exception {
        LocalRekognitionVideo server = local.get();
        Main main = new Main();
        main.addOverrideProperty("local.rekognition", server.rekognitionEndpoint().toString());
        main.addOverrideProperty("local.sns", server.snsEndpoint().toString());
        main.addOverrideProperty("local.s3", server.s3Endpoint().toString());
        main.addOverrideProperty("local.sqs", server.sqsEndpoint().toString());
        main.addOverrideProperty("events.folder", events.toString());
        main.addOverrideProperty("labels.folder", labels.toString());
        main.addOverrideProperty("text.folder", text.toString());
        main.start();
        try {
            // labels supplied beside door.mp4 (the local server does not compute them); none beside plain.mp4
            server.s3Client().putObject(b -> b.bucket("videos").key("door.mp4.LabelDetection.json"),
                    RequestBody.fromString("{\"Labels\": [{\"Timestamp\": 0, \"Label\": {\"Name\": \"Door\", "
                                           + "\"Confidence\": 95.0}}, {\"Timestamp\": 400, \"Label\": {\"Name\": "
                                           + "\"Person\", \"Confidence\": 88.0}}, {\"Timestamp\": 800, \"Label\": "
                                           + "{\"Name\": \"Hat\", \"Confidence\": 60.0}}]}"));
            server.s3Client().putObject(b -> b.bucket("videos").key("door.mp4"),
                    RequestBody.fromFile(SampleVideos.clearFrontal()));
            server.s3Client().putObject(b -> b.bucket("videos").key("plain.mp4"),
                    RequestBody.fromFile(SampleVideos.noFace()));
            server.s3Client().putObject(b -> b.bucket("videos").key("captions.mp4"),
                    RequestBody.fromFile(TextSamples.video()));

            List<Path> files = awaitFiles(events, 120, 3);
            Thread.sleep(3000); // more polls of the bucket: the supplied document starts no job
            assertEquals(3, awaitFiles(events, 1, 3).size(), "one event per video, none for the supplied document");
            JsonNode event = null;
            for (Path file : files) {
                JsonNode candidate = new ObjectMapper().readTree(new ObjectMapper().readTree(file.toFile())
                        .get("Message").asText());
                if (candidate.get("video").asText().equals("door.mp4")) {
                    event = candidate;
                }
            }
            assertTrue(event != null, "the event of door.mp4");
            assertEquals("SUCCEEDED", event.get("status").asText());
            assertTrue(event.get("faces").asInt() >= 54, event.toString());

            // the label routes ran too: door.mp4's supplied labels of 80% or more, and plain.mp4's refusal by name
            awaitFiles(labels, 60, 3);
            JsonNode doorLabels = new ObjectMapper().readTree(labels.resolve("door.mp4.json").toFile());
            assertTrue(doorLabels.get("started").asBoolean(), doorLabels.toString());
            assertEquals("SUCCEEDED", doorLabels.get("status").asText());
            assertEquals(2, doorLabels.get("labels").asInt(), "Door and Person, not Hat (minConfidence 80)");
            JsonNode plainLabels = new ObjectMapper().readTree(labels.resolve("plain.mp4.json").toFile());
            assertFalse(plainLabels.get("started").asBoolean());
            assertEquals("NotSupportedLocallyException", plainLabels.get("error").asText());

            // and the text routes: the lines read in the captions video, appended to its file
            Path captions = text.resolve("captions.mp4.txt");
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!(Files.exists(captions) && Files.readString(captions).contains("Gate B12 closes at 14:45"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String lines = Files.readString(captions);
            assertTrue(lines.contains(" Platform 9 to Camden Town\n") && lines.contains(" Gate B12 closes at 14:45\n"),
                    lines);
            assertTrue(lines.startsWith("0 "), "each line after its timestamp: " + lines);
        } finally {
            main.stop();
        }
    }

    private static List<Path> awaitFiles(Path folder, int seconds, int count) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Path> found = List.of();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(folder)) {
                found = files.filter(p -> p.toString().endsWith(".json")).toList();
                if (found.size() >= count) {
                    return found;
                }
            }
            Thread.sleep(200);
        }
        if (found.size() >= count) {
            return found;
        }
        throw new AssertionError(found.size() + " of " + count + " events in " + folder + " after " + seconds + " s");
    }
}
