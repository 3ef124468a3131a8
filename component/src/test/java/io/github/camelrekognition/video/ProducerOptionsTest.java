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

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer's options: what reaches the wire, seen by a {@link RecordingRekognitionServer}.
 */
class ProducerOptionsTest extends OptionChecks {

    static final Map<String, Check> CHECKS = new TreeMap<>();

    static {
        CHECKS.put("bucketName", () -> assertEquals("from-option",
                start("bucketName=from-option", Map.of(OBJECT_KEY, "a.mp4")).at("/Video/S3Object/Bucket").asText()));
        CHECKS.put("snsTopicArn", () -> assertEquals(A_TOPIC,
                start("snsTopicArn=" + A_TOPIC + "&roleArn=" + A_ROLE, video()).at("/NotificationChannel/SNSTopicArn")
                        .asText()));
        CHECKS.put("roleArn", () -> assertEquals(A_ROLE,
                start("snsTopicArn=" + A_TOPIC + "&roleArn=" + A_ROLE, video()).at("/NotificationChannel/RoleArn").asText()));
        CHECKS.put("faceAttributes", () -> assertEquals("ALL",
                start("faceAttributes=ALL", video()).get("FaceAttributes").asText()));
        CHECKS.put("jobTag", () -> assertEquals("tagged", start("jobTag=tagged", video()).get("JobTag").asText()));
        CHECKS.put("minConfidence", () -> assertEquals(62.5,
                call("StartLabelDetection", "minConfidence=62.5", video()).get("MinConfidence").asDouble()));
        CHECKS.put("features", () -> assertEquals("[\"GENERAL_LABELS\"]",
                call("StartLabelDetection", "features=GENERAL_LABELS", video()).get("Features").toString()));
        CHECKS.put("collectionId", () -> assertEquals("staff",
                call("StartFaceSearch", "collectionId=staff", video()).get("CollectionId").asText()));
        CHECKS.put("faceMatchThreshold", () -> assertEquals(97.0, call("StartFaceSearch",
                "collectionId=staff&faceMatchThreshold=97", video()).get("FaceMatchThreshold").asDouble()));
        CHECKS.put("segmentTypes", () -> assertEquals("[\"SHOT\",\"TECHNICAL_CUE\"]",
                call("StartSegmentDetection", "segmentTypes=SHOT,TECHNICAL_CUE", video()).get("SegmentTypes").toString()));
        CHECKS.put("sortBy", () -> assertEquals("TIMESTAMP",
                call("GetPersonTracking", "sortBy=TIMESTAMP", Map.of(JOB_ID, "job-1")).get("SortBy").asText()));
        CHECKS.put("aggregateBy", () -> assertEquals("SEGMENTS",
                call("GetContentModeration", "aggregateBy=SEGMENTS", Map.of(JOB_ID, "job-1")).get("AggregateBy").asText()));
        CHECKS.put("concurrentJobLimit", () -> {
            CamelContext context = context();
            context.getRegistry().bind("started", new MemoryAggregationRepository());
            route(context, "direct:start", "aws2-rekognition-video:faces?concurrentJobLimit=1"
                                           + "&startedJobsRepository=#started&snsTopicArn=" + A_TOPIC + "&roleArn=" + A_ROLE);
            context.start();
            server.reset();
            server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
            ProducerTemplate template = context.createProducerTemplate();
            assertNull(template.request("direct:start", e -> e.getMessage().setHeaders(new HashMap<>(video())))
                    .getException(), "the first job takes the one slot");
            Exception second = template.request("direct:start", e -> e.getMessage().setHeaders(new HashMap<>(video())))
                    .getException();
            assertInstanceOf(LimitExceededException.class, second, "the second finds none");
            assertEquals(1, server.requests("StartFaceDetection").size());
        });
        CHECKS.put("deriveClientRequestToken", () -> {
            assertTrue(start("", video()).has("ClientRequestToken"), "derived by default");
            assertFalse(start("deriveClientRequestToken=false", video()).has("ClientRequestToken"), "none when false");
        });
        CHECKS.put("operation", () -> {
            server.reset();
            server.answer("GetFaceDetection", Map.of("JobStatus", "IN_PROGRESS"));
            send("operation=getFaceDetection", null, Map.of(JOB_ID, "job-1"));
            assertEquals("job-1", server.requests("GetFaceDetection").get(0).body().get("JobId").asText());
        });
        CHECKS.put("pojoRequest", () -> {
            StartFaceDetectionRequest request = StartFaceDetectionRequest.builder()
                    .video(v -> v.s3Object(o -> o.bucket("pojo").name("pojo.mp4"))).build();
            assertEquals("pojo", start("pojoRequest=true", request, Map.of()).at("/Video/S3Object/Bucket").asText());
        });
        CHECKS.put("lazyStartProducer", () -> {
            try (CamelContext context = context()) {
                HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
                route(context, "direct:start", "aws2-rekognition-video:faces?lazyStartProducer=true");
                context.start();
                // the producer registers its health check when it starts: not before the first message
                assertFalse(producerChecks(context).findAny().isPresent(), "no producer started yet");
                server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
                context.createProducerTemplate().sendBodyAndHeaders("direct:start", null, video());
                assertTrue(producerChecks(context).findAny().isPresent(), "started by the first message");
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> checks() {
        return dynamicTests(CHECKS);
    }
}
