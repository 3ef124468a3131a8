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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cloudevents.CloudEvent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.DataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Results too large for a message, stored by reference ({@code largeResultBucket}) in the local server's S3: a job of
 * 50,000 faces becomes one small exchange (and CloudEvent) whose referenced object holds every face; the object is
 * there before the exchange is emitted, and a redelivered job writes the same object again; results under the limit
 * stay in the body. Notifications are sent to the local server's SQS; the GetFaceDetection pages come from a
 * {@link RecordingRekognitionServer} (a job's id is its number of faces).
 */
class LargeResultsIT extends ConsumerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "large-results";

    @RegisterExtension
    static RecordingRekognitionServer results = RecordingRekognitionServer.forTestClass();

    @BeforeAll
    static void resultsAndBucket() {
        Map<Long, FaceDetectionPages> pages = new ConcurrentHashMap<>();
        results.answerAlways("GetFaceDetection", request -> pages
                .computeIfAbsent(Long.parseLong(request.path("JobId").asText().split("-")[0]), FaceDetectionPages::new)
                .answer(request));
        local.get().s3Client().createBucket(b -> b.bucket(BUCKET));
    }

    private static void notify(String queue, String jobId) throws Exception {
        String notification = JSON.writeValueAsString(Map.of("JobId", jobId, "Status", "SUCCEEDED",
                "API", "StartFaceDetection", "Timestamp", System.currentTimeMillis(),
                "Video", Map.of("S3ObjectName", "long.mp4", "S3Bucket", "videos")));
        local.get().sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody(notification));
    }

    /** The consumer of a new queue, its results stored by reference in {@link #BUCKET}. */
    private static String largeResultsConsumer(String queue, String options) {
        return consumer(queue, "overrideEndpoint=true&uriEndpointOverride=" + results.endpoint()
                               + "&largeResultBucket=" + BUCKET + "&s3UriEndpointOverride=" + local.get().s3Endpoint()
                               + (options.isEmpty() ? "" : "&" + options));
    }

    private static byte[] object(String s3Uri) {
        String prefix = "s3://" + BUCKET + "/";
        assertTrue(s3Uri.startsWith(prefix), s3Uri);
        return local.get().s3Client()
                .getObjectAsBytes(b -> b.bucket(BUCKET).key(s3Uri.substring(prefix.length()))).asByteArray();
    }

    private static List<S3Object> objectsOf(String jobId) {
        return local.get().s3Client()
                .listObjectsV2(b -> b.bucket(BUCKET).prefix("rekognition-video-results/" + jobId + "/")).contents();
    }

    @Test
    void aJobOf50000FacesIsOneSmallEventWhoseObjectHoldsEveryFace() throws Exception {
        String queue = subscribedQueue(false);
        AtomicInteger objectsWhenEmitted = new AtomicInteger(-1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(largeResultsConsumer(queue, ""))
                        .process(e -> objectsWhenEmitted.set(objectsOf(e.getMessage().getHeader(JOB_ID, String.class)).size()))
                        .to("mock:reference")
                        .transformDataType(new DataType("aws2-rekognition-video:application-cloudevents+json"))
                        .to("mock:event");
            }
        });
        MockEndpoint reference = getMockEndpoint("mock:reference");
        MockEndpoint event = getMockEndpoint("mock:event");
        event.expectedMessageCount(1);

        notify(queue, "50000-faces");

        event.assertIsSatisfied(TimeUnit.SECONDS.toMillis(120));
        Message emitted = reference.getReceivedExchanges().get(0).getMessage();
        assertNull(emitted.getBody(), "no results in the body: they are in the referenced object");
        assertEquals(50_000, emitted.getHeader(RESULT_COUNT));
        String uri = emitted.getHeader(RESULT_REFERENCE, String.class);
        assertEquals("s3://" + BUCKET + "/rekognition-video-results/50000-faces/SUCCEEDED.json", uri);
        assertEquals(1, objectsWhenEmitted.get(), "the object was written before the exchange was emitted");

        JsonNode faces = JSON.readTree(object(uri));
        assertEquals(50_000, faces.size());
        for (int i = 0; i < faces.size(); i += 997) {
            assertEquals(i * 200L, faces.get(i).get("Timestamp").asLong(), "face " + i + " in order");
            assertTrue(faces.get(i).at("/Face/BoundingBox/Width").isNumber(), "face " + i + " whole");
        }

        String structured = event.getReceivedExchanges().get(0).getMessage().getBody(String.class);
        assertTrue(structured.getBytes(StandardCharsets.UTF_8).length < 2_000, structured);
        JsonNode cloudEvent = JSON.readTree(structured);
        assertEquals(uri, cloudEvent.get("dataref").asText());
        assertEquals("50000-faces:SUCCEEDED", cloudEvent.get("id").asText());
        assertFalse(cloudEvent.has("data"), structured);
        Message binary = event.getReceivedExchanges().get(0).getMessage();
        assertEquals(uri, binary.getHeader(CLOUD_EVENT_DATA_REF), "dataref in the binary form's headers too");
        assertEquals("50000-faces:SUCCEEDED", binary.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_ID));
    }

    @Test
    void aRedeliveredJobWritesTheSameObjectAgain() throws Exception {
        String queue = subscribedQueue(false);
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(largeResultsConsumer(queue, "visibilityTimeout=1&largeResultLimit=100000"))
                        .process(e -> {
                            if (attempts.incrementAndGet() == 1) {
                                throw new IllegalStateException("the bus refused it the first time");
                            }
                        })
                        .to("mock:reference");
            }
        });
        MockEndpoint reference = getMockEndpoint("mock:reference");
        reference.expectedMessageCount(1);

        notify(queue, "2000-redelivered");

        reference.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        assertEquals(2, attempts.get(), "emitted a second time after the failure");
        List<S3Object> objects = objectsOf("2000-redelivered");
        assertEquals(1, objects.size(), "one object for the job, however often it is emitted: " + objects);
        assertEquals(2000, JSON.readTree(object(reference.getReceivedExchanges().get(0).getMessage()
                .getHeader(RESULT_REFERENCE, String.class))).size());
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
    }

    @Test
    void resultsUnderTheLimitStayInTheBodyAndEachPartHasItsOwnObject() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(largeResultsConsumer(queue, "resultMode=page&maxResults=100&largeResultLimit=20000"))
                        .to("mock:pages");
            }
        });
        MockEndpoint pages = getMockEndpoint("mock:pages");
        pages.expectedMessageCount(3);

        notify(queue, "230-pages");

        pages.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        List<Exchange> emitted = pages.getReceivedExchanges();
        for (int i = 0; i < 2; i++) {
            Message page = emitted.get(i).getMessage();
            assertNull(page.getBody(), "a page of 100 faces, over 20,000 bytes, by reference");
            assertEquals("s3://" + BUCKET + "/rekognition-video-results/230-pages/SUCCEEDED-page-" + i + ".json",
                    page.getHeader(RESULT_REFERENCE));
            assertEquals(100, JSON.readTree(object(page.getHeader(RESULT_REFERENCE, String.class))).size());
        }
        Message last = emitted.get(2).getMessage();
        assertNull(last.getHeader(RESULT_REFERENCE), "30 faces, under the limit");
        assertEquals(30, last.getBody(List.class).size());
        assertEquals(2, objectsOf("230-pages").size());
    }

    @Test
    void pageModeWithoutALimitHasEveryPageUnderKafkasDefaultSize() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "overrideEndpoint=true&uriEndpointOverride=" + results.endpoint()
                                     + "&resultMode=page"))
                        .convertBodyTo(byte[].class).to("mock:pages");
            }
        });
        MockEndpoint pages = getMockEndpoint("mock:pages");
        pages.expectedMessageCount(50);

        notify(queue, "50000-paged");

        pages.assertIsSatisfied(TimeUnit.SECONDS.toMillis(120));
        int faces = 0;
        for (Exchange page : pages.getReceivedExchanges()) {
            byte[] json = page.getMessage().getBody(byte[].class);
            assertTrue(json.length < 1_000_000, "a page of the service's 1,000 faces: " + json.length + " bytes");
            faces += JSON.readTree(json).size();
        }
        assertEquals(50_000, faces);
    }
}
