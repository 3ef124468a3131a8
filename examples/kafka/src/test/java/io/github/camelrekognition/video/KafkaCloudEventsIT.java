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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.examples.kafka.TopicReader;
import io.github.camelrekognition.examples.kafka.broker.KafkaBroker;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cloudevents.CloudEvent;
import org.apache.camel.cloudevents.CloudEvents;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.DataType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelrekognition.examples.kafka.TopicReader.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CloudEvents of the consumer on a real Kafka broker, in both modes of the CloudEvents Kafka protocol binding, read by
 * a plain Kafka consumer: structured (the event as the record's JSON value) for a job of 50,000 faces stored by
 * reference, and binary (the attributes as {@code ce_} headers, the data as the value) for each face of a job in
 * {@code item} mode. The notifications are sent to the local server's SQS; the GetFaceDetection pages come from a
 * {@link RecordingRekognitionServer} (a job's id starts with its number of faces); results by reference go to the local
 * server's S3. (In the component's test package, for the recording server and its pages.)
 */
class KafkaCloudEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();

    @RegisterExtension
    static RecordingRekognitionServer results = RecordingRekognitionServer.forTestClass();

    @TempDir
    static Path work;
    static KafkaBroker kafka;

    @BeforeAll
    static void servers() throws Exception {
        kafka = KafkaBroker.start(work.resolve("kafka"));
        Map<Long, FaceDetectionPages> pages = new ConcurrentHashMap<>();
        results.answerAlways("GetFaceDetection", request -> pages
                .computeIfAbsent(Long.parseLong(request.path("JobId").asText().split("-")[0]), FaceDetectionPages::new)
                .answer(request));
        local.get().s3Client().createBucket(b -> b.bucket("video-results"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** A context whose component reads completions from the local SQS and results from the recording server. */
    private static CamelContext context(RouteBuilder routes) throws Exception {
        LocalRekognitionVideo server = local.get();
        CamelContext context = new DefaultCamelContext();
        RekognitionVideo2Configuration configuration = context
                .getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration();
        configuration.setRegion(server.region());
        configuration.setAccessKey("local-access-key");
        configuration.setSecretKey("local-secret-key");
        configuration.setOverrideEndpoint(true);
        configuration.setUriEndpointOverride(results.endpoint().toString());
        configuration.setSqsUriEndpointOverride(server.sqsEndpoint().toString());
        configuration.setS3UriEndpointOverride(server.s3Endpoint().toString());
        configuration.setWaitTimeSeconds(1);
        context.getComponent("kafka", KafkaComponent.class).getConfiguration().setBrokers(kafka.bootstrapServers());
        context.addRoutes(routes);
        context.start();
        return context;
    }

    private static String queueWithNotification(String jobId) throws Exception {
        String queue = local.get().sqsClient().createQueue(b -> b.queueName("completions-" + jobId)).queueUrl();
        String notification = JSON.writeValueAsString(Map.of("JobId", jobId, "Status", "SUCCEEDED",
                "API", "StartFaceDetection", "Timestamp", 1_765_090_000_000L,
                "Video", Map.of("S3ObjectName", "door-cam/long.mp4", "S3Bucket", "videos")));
        local.get().sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody(notification));
        return queue;
    }

    private static List<ConsumerRecord<String, byte[]>> await(TopicReader reader, int records) {
        long deadline = System.currentTimeMillis() + 120_000;
        List<ConsumerRecord<String, byte[]>> read;
        while ((read = reader.poll(500)).size() < records) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(records + " records expected, " + read.size() + " arrived");
            }
        }
        return read;
    }

    @Test
    void aJobOf50000FacesIsOneSmallStructuredEventWhoseDatarefHoldsEveryFace() throws Exception {
        String queue = queueWithNotification("50000-faces");
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), "structured");
             CamelContext context = context(new RouteBuilder() {
                 @Override
                 public void configure() {
                     from("aws2-rekognition-video:faces?queueUrl=" + queue + "&largeResultBucket=video-results")
                             .transformDataType(new DataType("aws2-rekognition-video:application-cloudevents+json"))
                             .setHeader(KafkaConstants.KEY, header(CloudEvent.CAMEL_CLOUD_EVENT_ID))
                             .to("kafka:structured");
                 }
             })) {
            ConsumerRecord<String, byte[]> record = await(reader, 1).get(0);

            assertTrue(record.value().length < 2_000, "a small event: " + record.value().length + " bytes");
            JsonNode event = JSON.readTree(record.value());
            assertEquals("50000-faces:SUCCEEDED", event.get("id").asText());
            assertEquals(event.get("id").asText(), record.key());
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals("org.apache.camel.event.aws.rekognition.video.FaceDetection.SUCCEEDED",
                    event.get("type").asText());
            assertEquals("door-cam/long.mp4", event.get("subject").asText());
            assertEquals("2025-12-07T06:46:40Z", event.get("time").asText());
            assertFalse(event.has("data"), "the results are referenced, not carried: " + event);
            String dataref = event.get("dataref").asText();
            assertEquals("s3://video-results/rekognition-video-results/50000-faces/SUCCEEDED.json", dataref);
            JsonNode faces = JSON.readTree(local.get().s3Client().getObjectAsBytes(b -> b.bucket("video-results")
                    .key("rekognition-video-results/50000-faces/SUCCEEDED.json")).asByteArray());
            assertEquals(50_000, faces.size());
            assertEquals(49_999 * 200L, faces.get(49_999).get("Timestamp").asLong());
        }
    }

    @Test
    void eachFaceIsABinaryEventWithCeHeaders() throws Exception {
        String queue = queueWithNotification("5-faces");
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), "binary");
             CamelContext context = context(new RouteBuilder() {
                 @Override
                 public void configure() {
                     from("aws2-rekognition-video:faces?resultMode=item&queueUrl=" + queue)
                             .transformDataType(new DataType("aws2-rekognition-video:application-cloudevents"))
                             .process(exchange -> kafkaBinaryBinding(exchange.getMessage()))
                             .to("kafka:binary");
                 }
             })) {
            List<ConsumerRecord<String, byte[]>> records = await(reader, 5);

            assertEquals(5, records.size());
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, byte[]> record = records.get(i);
                assertEquals("1.0", header(record, "ce_specversion"));
                assertEquals("5-faces:SUCCEEDED:item-" + i, header(record, "ce_id"));
                assertEquals("org.apache.camel.event.aws.rekognition.video.FaceDetection.SUCCEEDED",
                        header(record, "ce_type"));
                assertEquals("aws.s3.bucket.videos", header(record, "ce_source"));
                assertEquals("door-cam/long.mp4", header(record, "ce_subject"));
                assertEquals("2025-12-07T06:46:40Z", header(record, "ce_time"));
                assertEquals("application/json", header(record, "content-type"));
                JsonNode face = JSON.readTree(record.value());
                assertEquals(i * 200L, face.get("Timestamp").asLong());
                assertTrue(face.at("/Face/BoundingBox/Width").isNumber(), face.toString());
                for (Header header : record.headers()) {
                    assertFalse(header.key().startsWith("Camel"), "Camel's headers stay in Camel: " + header.key());
                }
            }
        }
    }

    /**
     * The CloudEvents Kafka protocol binding, binary mode: each attribute of Camel's CloudEvent headers as a
     * {@code ce_<attribute>} record header, {@code datacontenttype} as {@code content-type}.
     */
    static void kafkaBinaryBinding(Message message) {
        // Camel's headers are case-insensitive: Content-Type goes, so that content-type keeps its spelling
        message.removeHeader(CloudEvent.CAMEL_CLOUD_EVENT_CONTENT_TYPE);
        for (CloudEvent.Attribute attribute : CloudEvents.v1_0.attributes()) {
            Object value = message.getHeader(attribute.id());
            if (value != null) {
                message.setHeader(attribute.json().equals("datacontenttype") ? "content-type" : "ce_" + attribute.json(),
                        value.toString());
            }
        }
        Object dataref = message.getHeader(RekognitionVideo2Constants.CLOUD_EVENT_DATA_REF);
        if (dataref != null) {
            message.setHeader("ce_dataref", dataref.toString());
        }
    }
}
