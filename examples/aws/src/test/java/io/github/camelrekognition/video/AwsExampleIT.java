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
package io.github.camelrekognition.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/aws as it ships (its routes, application.properties and Repositories), against the local Rekognition Video
 * in place of AWS and a PostgreSQL cluster made with the statements the consumer guide shows: a video uploaded ends as
 * one event on the events topic, and the database holds what the instances share. In the package of the component's
 * tests for their PostgreSQL cluster.
 */
class AwsExampleIT {

    static final Path GUIDE = Path.of("../../docs/guide-sqs-consumer.md");
    static final Path SCHEMA = Path.of("src/main/resources/schema.sql");
    static final Path REPOSITORIES = Path.of("src/main/java/io/github/camelrekognition/examples/aws/Repositories.java");

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();

    static PostgresServer postgres;

    @BeforeAll
    static void database() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        postgres.close();
    }

    /** The fenced block of the guide in {@code language} that contains {@code text}. */
    static String guideBlock(String language, String text) throws Exception {
        Matcher blocks = Pattern.compile("(?m)^```" + language + "\\n(.*?)^```", Pattern.DOTALL)
                .matcher(Files.readString(GUIDE));
        while (blocks.find()) {
            if (blocks.group(1).contains(text)) {
                return blocks.group(1);
            }
        }
        throw new AssertionError("no " + language + " block with " + text + " in " + GUIDE);
    }

    static String normalized(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    @Test
    void theGuideShowsTheSchemaAndTheRepositoriesAsTheyAre() throws Exception {
        String schema = Files.readString(SCHEMA);
        assertTrue(normalized(schema).endsWith(normalized(guideBlock("sql", "CAMEL_MESSAGEPROCESSED"))),
                "the guide's statements are schema.sql's");
        String repositories = Files.readString(REPOSITORIES);
        String shown = guideBlock("java", "class Repositories");
        assertEquals(normalized(repositories.substring(repositories.indexOf("public class Repositories"))),
                normalized(shown), "the guide's class is Repositories.java");
    }

    @Test
    void aVideoUploadedEndsAsOneEventAndTheDatabaseHoldsWhatTheInstancesShare() throws Exception {
        try (Connection connection = postgres.dataSource().getConnection();
             Statement sql = connection.createStatement()) {
            for (String statement : guideBlock("sql", "CAMEL_MESSAGEPROCESSED").split(";")) {
                if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
                    sql.execute(statement);
                }
            }
        }
        LocalRekognitionVideo server = local.get();
        server.s3Client().createBucket(b -> b.bucket("videos"));
        String completions = subscribedQueue(server, "AmazonRekognitionFaceDetection", "face-detection-completions",
                false);
        String inbox = subscribedQueue(server, "face-events", "face-events-inbox", true);

        Main main = new Main();
        localAws(server).forEach(main::addOverrideProperty);
        main.addOverrideProperty("completions.queueUrl", completions);
        main.addOverrideProperty("db.url", postgres.jdbcUrl());
        main.addOverrideProperty("db.user", PostgresServer.USER);
        main.addOverrideProperty("db.password", "");
        main.start();
        try {
            server.s3Client().putObject(b -> b.bucket("videos").key("door.mp4"),
                    RequestBody.fromFile(SampleVideos.clearFrontal()));

            List<Message> events = new ArrayList<>();
            await().atMost(120, TimeUnit.SECONDS).until(() -> {
                events.addAll(server.sqsClient().receiveMessage(b -> b.queueUrl(inbox).waitTimeSeconds(1)).messages());
                return !events.isEmpty();
            });
            JsonNode event = new ObjectMapper().readTree(events.get(0).body());
            assertEquals("SUCCEEDED", event.get("status").asText());
            assertEquals("door.mp4", event.get("video").asText());
            assertTrue(event.get("faces").asInt() >= 54, event.toString());
            String job = event.get("jobId").asText();

            // what the instances share: the video started, the job emitted, no claim left, no job open
            await().atMost(30, TimeUnit.SECONDS).until(() -> count("select count(*) from started_jobs") == 0);
            assertEquals(1, count("select count(*) from CAMEL_MESSAGEPROCESSED where processorName = "
                                  + "'face-detection-uploads'"));
            assertEquals(1, count("select count(*) from CAMEL_MESSAGEPROCESSED where processorName = 'face-detection' "
                                  + "and messageId = '" + job + ":SUCCEEDED'"));
            assertEquals(0, count("select count(*) from CAMEL_MESSAGEPROCESSED where processorName = "
                                  + "'face-detection-claims'"));
        } finally {
            main.stop();
        }
    }

    static long count(String query) throws Exception {
        try (Connection connection = postgres.dataSource().getConnection();
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A queue subscribed to a topic of the local server; returns its URL. */
    static String subscribedQueue(LocalRekognitionVideo server, String topicName, String queueName, boolean raw) {
        String topic = server.snsClient().createTopic(b -> b.name(topicName)).topicArn();
        String queue = server.sqsClient().createQueue(b -> b.queueName(queueName)).queueUrl();
        String arn = server.sqsClient().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        server.snsClient().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn)
                .attributes(Map.of("RawMessageDelivery", String.valueOf(raw))));
        return queue;
    }

    /** The example's AWS, made the local server: its account, region, endpoints, keys and SNS certificate. */
    static Map<String, String> localAws(LocalRekognitionVideo server) {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("aws.region", server.region());
        properties.put("aws.account", LocalRekognitionVideo.ACCOUNT_ID);
        properties.put("videos.bucket", "videos");
        Map<String, String> endpoints = Map.of("aws2-s3", server.s3Endpoint().toString(), "aws2-sns",
                server.snsEndpoint().toString(), "aws2-rekognition-video", server.rekognitionEndpoint().toString());
        endpoints.forEach((component, endpoint) -> {
            String prefix = "camel.component." + component + ".";
            properties.put(prefix + "use-default-credentials-provider", "false");
            properties.put(prefix + "access-key", LocalRekognitionVideo.ACCESS_KEY);
            properties.put(prefix + "secret-key", LocalRekognitionVideo.SECRET_KEY);
            properties.put(prefix + "override-endpoint", "true");
            properties.put(prefix + "uri-endpoint-override", endpoint);
        });
        properties.put("camel.component.aws2-s3.force-path-style", "true");
        properties.put("camel.component.aws2-rekognition-video.sqs-uri-endpoint-override",
                server.sqsEndpoint().toString());
        properties.put("camel.component.aws2-rekognition-video.sns-signing-certificate",
                server.snsSigningCertificate().toString());
        return properties;
    }
}
