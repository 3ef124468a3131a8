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
package io.github.camelrekognition.examples.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.examples.kafka.broker.KafkaBroker;
import io.github.camelrekognition.local.Faults;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example's routes and application.properties as they are, with Camel Main, against the local Rekognition Video
 * publishing every completion notification twice, and a Kafka broker: six videos land in the bucket, the application is
 * stopped and started again in the middle, and a plain Kafka consumer of the topic counts the CloudEvents by id: every
 * job exactly once.
 */
class FacesToKafkaIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension(
            LocalRekognitionVideo.builder()
                    .faults(Faults.parse("{\"notifications\": {\"duplicates\": 1}}")));

    @TempDir
    static Path work;
    static KafkaBroker kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = KafkaBroker.start(work.resolve("kafka"));
        LocalInfrastructure.create(local.get());
        LocalInfrastructure.createTopic(kafka.bootstrapServers(), "face-events");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Main application() throws Exception {
        Main main = new Main();
        LocalInfrastructure.configure(main, local.get(), kafka.bootstrapServers(), work.resolve("state"));
        main.start();
        return main;
    }

    private static void upload(String key) {
        local.get().s3Client().putObject(b -> b.bucket("videos").key(key),
                RequestBody.fromFile(SampleVideos.clearFrontal()));
    }

    @Test
    void everyJobReachesTheTopicExactlyOnceThroughDuplicatesAndARestart() throws Exception {
        Set<String> videos = new TreeSet<>();
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), "face-events")) {
            Main first = application();
            try {
                for (int i = 0; i < 3; i++) {
                    upload("before-restart-" + i + ".mp4");
                    videos.add("before-restart-" + i + ".mp4");
                }
                awaitEvents(reader, 1, 120);
            } finally {
                first.stop();
            }
            for (int i = 0; i < 3; i++) {
                upload("after-restart-" + i + ".mp4");
                videos.add("after-restart-" + i + ".mp4");
            }
            Main second = application();
            try {
                awaitEvents(reader, videos.size(), 180);
                // the duplicated notifications of the last jobs have had time to arrive, and to be dropped
                Thread.sleep(5_000);
            } finally {
                second.stop();
            }
            List<ConsumerRecord<String, byte[]>> records = reader.poll(1_000);

            Map<String, List<JsonNode>> byId = new TreeMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                JsonNode event = JSON.readTree(record.value());
                assertEquals(event.get("id").asText(), record.key(), "keyed by the CloudEvent id");
                byId.computeIfAbsent(event.get("id").asText(), id -> new ArrayList<>()).add(event);
            }
            assertEquals(videos, byId.values().stream().map(events -> events.get(0).get("subject").asText())
                    .collect(Collectors.toCollection(TreeSet::new)), "an event for every video");
            assertEquals(videos.size(), byId.size(), "one id per job: " + byId.keySet());
            assertEquals(videos.size(), records.size(), "every job exactly once on the topic");
            for (List<JsonNode> events : byId.values()) {
                JsonNode event = events.get(0);
                assertTrue(event.get("id").asText().endsWith(":SUCCEEDED"), event.toString());
                assertEquals("1.0", event.get("specversion").asText());
                assertEquals("org.apache.camel.event.aws.rekognition.video.FaceDetection.SUCCEEDED",
                        event.get("type").asText());
                assertEquals("aws.s3.bucket.videos", event.get("source").asText());
                assertTrue(event.get("data").isArray() && event.get("data").size() >= 54,
                        "every face of the job as the service's JSON: " + event.get("data").size());
            }
        }
        assertTrue(local.get().stats().getOrDefault("notifications.duplicated", 0L) >= videos.size(),
                "each notification was published twice: " + local.get().stats());
    }

    private static void awaitEvents(TopicReader reader, int events, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (reader.poll(500).size() < events) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(
                        events + " events expected on the topic within " + seconds + " s, "
                                         + reader.poll(0).size() + " arrived");
            }
        }
    }
}
