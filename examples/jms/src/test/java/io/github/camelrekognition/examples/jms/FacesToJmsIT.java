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
package io.github.camelrekognition.examples.jms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.Faults;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example's routes and application.properties as they are, with Camel Main, against the local Rekognition Video
 * publishing every completion notification twice, and an embedded ActiveMQ broker: three videos land in the bucket, the
 * application is stopped and started again in the middle, and a plain JMS consumer of the queue counts the face events
 * by id: every face of every job (as the Get call of the job lists them) exactly once, in order.
 */
class FacesToJmsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension(
            LocalRekognitionVideo.builder()
                    .faults(Faults.parse("{\"notifications\": {\"duplicates\": 1}}")));

    static BrokerService broker;

    @BeforeAll
    static void broker() throws Exception {
        broker = JmsExample.broker();
        JmsExample.createInfrastructure(local.get());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }

    private static Main application() throws Exception {
        Main main = new Main();
        JmsExample.configure(main, local.get(), JmsExample.brokerUrl(broker));
        main.start();
        return main;
    }

    private static void upload(String key) {
        local.get().s3Client().putObject(b -> b.bucket("videos").key(key),
                RequestBody.fromFile(SampleVideos.clearFrontal()));
    }

    @Test
    void everyFaceReachesTheQueueOnceByIdThroughDuplicatesAndARestart() throws Exception {
        Set<String> videos = new TreeSet<>();
        List<Message> received = new ArrayList<>();
        try (Connection connection = new ActiveMQConnectionFactory(JmsExample.brokerUrl(broker)).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer reader = session.createConsumer(session.createQueue("face-events"));
            Main first = application();
            try {
                upload("before-restart.mp4");
                videos.add("before-restart.mp4");
                await(reader, received, 1, 120);
            } finally {
                first.stop();
            }
            upload("after-restart-0.mp4");
            upload("after-restart-1.mp4");
            videos.add("after-restart-0.mp4");
            videos.add("after-restart-1.mp4");
            Main second = application();
            try {
                // each job is about 60 faces; wait until all three jobs have their last face, and the duplicated
                // notifications had time to arrive
                await(reader, received, 150, 180);
                Thread.sleep(5_000);
                drain(reader, received);
            } finally {
                second.stop();
            }
            drain(reader, received);
        }

        Map<String, Map<Integer, JsonNode>> byJob = new TreeMap<>();
        Map<String, String> videoOfJob = new TreeMap<>();
        Set<String> ids = new TreeSet<>();
        for (Message message : received) {
            JsonNode event = JSON.readTree(((TextMessage) message).getText());
            String id = event.get("id").asText();
            assertEquals(id, message.getStringProperty("eventId"), "the event id as a JMS property");
            String[] parts = id.split(":");
            assertEquals("SUCCEEDED", parts[1]);
            int index = Integer.parseInt(parts[2].substring("item-".length()));
            JsonNode earlier = byJob.computeIfAbsent(parts[0], job -> new TreeMap<>()).putIfAbsent(index, event);
            if (earlier != null) {
                assertEquals(earlier, event, "a duplicate is the same event: " + id);
            }
            ids.add(id);
            videoOfJob.put(parts[0], event.get("subject").asText());
        }
        assertEquals(videos, new TreeSet<>(videoOfJob.values()), "faces of every video");
        int faces = 0;
        for (Map.Entry<String, Map<Integer, JsonNode>> job : byJob.entrySet()) {
            GetFaceDetectionResponse truth = local.get().rekognitionClient()
                    .getFaceDetection(b -> b.jobId(job.getKey()).maxResults(1000));
            assertEquals(truth.faces().size(), job.getValue().size(), "every face of " + job.getKey() + " once");
            for (int i = 0; i < truth.faces().size(); i++) {
                assertEquals(truth.faces().get(i).timestamp().longValue(),
                        job.getValue().get(i).at("/data/Timestamp").asLong(), "face " + i + " of " + job.getKey());
            }
            faces += truth.faces().size();
        }
        assertEquals(faces, ids.size());
        assertTrue(local.get().stats().getOrDefault("notifications.duplicated", 0L) >= videos.size(),
                "each notification was published twice: " + local.get().stats());
    }

    private static void await(MessageConsumer reader, List<Message> received, int messages, int seconds)
            throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (received.size() < messages) {
            Message message = reader.receive(500);
            if (message != null) {
                received.add(message);
            } else if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(
                        messages + " messages expected within " + seconds + " s, "
                                         + received.size() + " arrived");
            }
        }
    }

    private static void drain(MessageConsumer reader, List<Message> received) throws Exception {
        Message message;
        while ((message = reader.receive(1000)) != null) {
            received.add(message);
        }
    }
}
