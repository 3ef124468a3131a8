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
package io.github.camelrekognition.examples.java;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.FaceAttributes;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java DSL routes with Camel Main against a local Rekognition Video on free ports: a video uploaded to the bucket,
 * an S3 Event Notification on a queue, and a POJO request each end as a "faces found" event downstream.
 */
class JavaDslExampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();

    /** The downstream team's inbox: the events of the face-events topic. */
    public static class Inbox extends RouteBuilder {
        static final BlockingQueue<JsonNode> EVENTS = new LinkedBlockingQueue<>();

        @Override
        public void configure() {
            from("aws2-sqs:face-events-inbox?autoCreateQueue=true&waitTimeSeconds=1")
                    .process(e -> EVENTS.add(JSON.readTree(JSON.readTree(e.getMessage().getBody(String.class))
                            .get("Message").asText())));
        }
    }

    @Test
    void threeWaysInOneWayOut() throws Exception {
        LocalRekognitionVideo server = local.get();
        BlockingQueue<JsonNode> events = Inbox.EVENTS;
        Main main = new Main(FaceDetectionApplication.class);
        // FaceDetectionRoutes and Inbox are found by Camel Main in the package of FaceDetectionApplication
        main.addOverrideProperty("local.rekognition", server.rekognitionEndpoint().toString());
        main.addOverrideProperty("local.sns", server.snsEndpoint().toString());
        main.addOverrideProperty("local.s3", server.s3Endpoint().toString());
        main.addOverrideProperty("local.sqs", server.sqsEndpoint().toString());
        main.start();
        try {
            server.s3Client().createBucket(b -> b.bucket("archive"));
            server.s3Client().putObject(b -> b.bucket("archive").key("back door.mp4"),
                    RequestBody.fromFile(SampleVideos.noFace()));
            server.s3Client().putObject(b -> b.bucket("archive").key("pojo.mp4"),
                    RequestBody.fromFile(SampleVideos.noFace()));

            // 1. an upload to the watched bucket
            server.s3Client().putObject(b -> b.bucket("videos").key("door.mp4"),
                    RequestBody.fromFile(SampleVideos.clearFrontal()));
            // 2. an S3 Event Notification on the queue (keys are URL-encoded in S3 events)
            String queue = server.sqsClient().getQueueUrl(b -> b.queueName("s3-events")).queueUrl();
            server.sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody("""
                    {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
                      "s3":{"bucket":{"name":"archive"},"object":{"key":"back+door.mp4","size":31540}}}]}"""));
            // 3. a POJO request
            StartFaceDetectionResponse started = main.getCamelContext().createProducerTemplate().requestBody(
                    "direct:start-request",
                    StartFaceDetectionRequest.builder()
                            .video(v -> v.s3Object(o -> o.bucket("archive").name("pojo.mp4")))
                            .faceAttributes(FaceAttributes.DEFAULT)
                            .notificationChannel(c -> c.snsTopicArn(server.topicArn("AmazonRekognitionFaces"))
                                    .roleArn(server.roleArn("RekognitionPublishToSns")))
                            .build(),
                    StartFaceDetectionResponse.class);
            assertNotNull(started.jobId());

            Set<String> videos = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                JsonNode event = events.poll(90, TimeUnit.SECONDS);
                assertNotNull(event, "event " + (i + 1) + " of 3; got " + videos);
                assertEquals("SUCCEEDED", event.get("status").asText());
                videos.add(event.get("video").asText());
                if (event.get("video").asText().equals("door.mp4")) {
                    assertTrue(event.get("faces").asInt() >= 54, event.toString());
                }
            }
            assertEquals(Set.of("door.mp4", "back door.mp4", "pojo.mp4"), videos);
        } finally {
            main.stop();
        }
    }
}
