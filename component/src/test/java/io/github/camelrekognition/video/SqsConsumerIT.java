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

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cloudevents.CloudEvent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.DataType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.VideoMetadata;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumer reading completions from SQS, end to end: producer, local Rekognition, SNS, SQS, consumer. */
class SqsConsumerIT extends ConsumerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private void route(String from, String to) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        });
    }

    @Test
    void emitsEveryFaceOfACompletedJobAndDeletesTheMessage() throws Exception {
        String queue = subscribedQueue(false);
        route(consumer(queue, ""), "mock:faces");
        MockEndpoint faces = getMockEndpoint("mock:faces");
        faces.expectedMessageCount(1);

        String jobId = startJob("clear.mp4", "door-cam");

        faces.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        Exchange result = faces.getReceivedExchanges().get(0);
        assertEquals(jobId, result.getMessage().getHeader(JOB_ID));
        assertEquals("SUCCEEDED", result.getMessage().getHeader(JOB_STATUS));
        assertEquals("StartFaceDetection", result.getMessage().getHeader(API));
        assertEquals("door-cam", result.getMessage().getHeader(JOB_TAG));
        assertEquals("videos", result.getMessage().getHeader(BUCKET_NAME));
        assertEquals("clear.mp4", result.getMessage().getHeader(OBJECT_KEY));
        assertTrue(result.getMessage().getHeader(COMPLETION_TIMESTAMP, Long.class) > 0);
        assertEquals(1280L, result.getMessage().getHeader(VIDEO_METADATA, VideoMetadata.class).frameWidth());
        JsonNode metadata = JSON.readTree(result.getMessage().getHeader(VIDEO_METADATA_JSON, String.class));
        assertEquals(1280, metadata.get("FrameWidth").asInt(), "the metadata in the service's member names");
        assertEquals(jobId + ":SUCCEEDED", result.getMessage().getHeader(MESSAGE_ID));
        List<?> body = result.getMessage().getBody(List.class);
        assertTrue(body.size() >= 54, body.size() + " faces, of the 60 in the video");
        assertInstanceOf(FaceDetection.class, body.get(0));
        assertEquals(body.size(), result.getMessage().getHeader(FACE_COUNT));
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
    }

    @Test
    void aRouteConvertsTheResultsToTheJsonOfTheService() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "")).convertBodyTo(String.class).to("mock:json");
            }
        });
        MockEndpoint json = getMockEndpoint("mock:json");
        json.expectedMessageCount(1);

        startJob("clear.mp4", "json");

        json.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        String text = json.getReceivedExchanges().get(0).getMessage().getBody(String.class);
        JsonNode faces = JSON.readTree(text);
        assertTrue(faces.isArray() && faces.size() >= 54, "every face, as a JSON array: " + text.substring(0, 200));
        JsonNode face = faces.get(0);
        assertTrue(face.has("Timestamp"), face.toString());
        for (String member : List.of("BoundingBox", "Landmarks", "Pose", "Quality", "Confidence")) {
            assertTrue(face.get("Face").has(member), "FaceDetail." + member + " in " + face);
        }
        assertTrue(face.at("/Face/BoundingBox/Width").isNumber(), face.toString());
        FaceDetection back = context.getTypeConverter().mandatoryConvertTo(FaceDetection.class, face.toString());
        assertEquals(face, JSON.readTree(context.getTypeConverter().convertTo(String.class, back)), "JSON, SDK, JSON");
    }

    @Test
    void eachResultBecomesACloudEventWithAStableId() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "resultMode=item"))
                        .transformDataType(new DataType("aws2-rekognition-video:application-cloudevents")).to("mock:binary")
                        .transformDataType(new DataType("application-cloudevents+json")).to("mock:structured");
            }
        });
        MockEndpoint binary = getMockEndpoint("mock:binary");
        MockEndpoint structured = getMockEndpoint("mock:structured");

        String jobId = startJob("clear.mp4", "events");

        await().atMost(60, TimeUnit.SECONDS).until(() -> structured.getReceivedExchanges().stream()
                .anyMatch(e -> e.getProperty(ExchangePropertyKey.SPLIT_COMPLETE, false, Boolean.class)));
        List<Exchange> events = binary.getReceivedExchanges();
        assertTrue(events.size() >= 54, events.size() + " faces");
        for (int i = 0; i < events.size(); i++) {
            Message event = events.get(i).getMessage();
            assertEquals(jobId + ":SUCCEEDED:item-" + i, event.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_ID));
            assertEquals("1.0", event.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_VERSION));
            assertEquals("org.apache.camel.event.aws.rekognition.video.FaceDetection.SUCCEEDED",
                    event.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_TYPE));
            assertEquals("aws.s3.bucket.videos", event.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_SOURCE));
            assertEquals("clear.mp4", event.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_SUBJECT));
            assertEquals(Instant.ofEpochMilli(event.getHeader(COMPLETION_TIMESTAMP, Long.class)).toString(),
                    event.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_TIME));
            assertEquals("application/json", event.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_DATA_CONTENT_TYPE));
            assertTrue(JSON.readTree(event.getBody(String.class)).at("/Face/BoundingBox").isObject(),
                    "the face as the service's JSON: " + event.getBody());
        }
        JsonNode first = JSON.readTree(structured.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertEquals(jobId + ":SUCCEEDED:item-0", first.get("id").asText(), first.toString());
        assertEquals("org.apache.camel.event.aws.rekognition.video.FaceDetection.SUCCEEDED", first.get("type").asText());
        assertEquals("aws.s3.bucket.videos", first.get("source").asText());
        assertEquals("clear.mp4", first.get("subject").asText());
        assertEquals("application/json", first.get("datacontenttype").asText());
        assertTrue(first.at("/data/Face/BoundingBox").isObject(), "the face as the event's JSON data: " + first);
    }

    @Test
    void readsRawDeliveryAndEmitsTheNotificationOnly() throws Exception {
        String queue = subscribedQueue(true);
        route(consumer(queue, "resultMode=notification"), "mock:notifications");
        MockEndpoint notifications = getMockEndpoint("mock:notifications");
        notifications.expectedMessageCount(1);

        String jobId = startJob("empty.mp4", "raw");

        notifications.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        RekognitionVideo2Notification notification = notifications.getReceivedExchanges().get(0).getMessage()
                .getBody(RekognitionVideo2Notification.class);
        assertEquals(jobId, notification.jobId());
        assertEquals("SUCCEEDED", notification.status());
        assertEquals("raw", notification.jobTag());
        assertEquals("empty.mp4", notification.s3ObjectName());
        Message message = notifications.getReceivedExchanges().get(0).getMessage();
        assertEquals(jobId + ":SUCCEEDED", message.getHeader(MESSAGE_ID));
        JsonNode json = JSON.readTree(message.getBody(String.class));
        assertEquals(jobId, json.get("JobId").asText(), "the notification as Rekognition publishes it: " + json);
        assertEquals("StartFaceDetection", json.get("API").asText());
        assertEquals("empty.mp4", json.at("/Video/S3ObjectName").asText());
    }

    @Test
    void emitsOneExchangePerPage() throws Exception {
        String queue = subscribedQueue(false);
        route(consumer(queue, "resultMode=page&maxResults=25"), "mock:pages");
        MockEndpoint pages = getMockEndpoint("mock:pages");

        startJob("clear.mp4", "pages");

        await().atMost(60, TimeUnit.SECONDS).until(() -> pages.getReceivedExchanges().stream()
                .anyMatch(e -> e.getProperty(ExchangePropertyKey.BATCH_COMPLETE, false, Boolean.class)));
        List<Exchange> received = pages.getReceivedExchanges();
        int total = received.stream().mapToInt(e -> e.getMessage().getBody(List.class).size()).sum();
        assertEquals((total + 24) / 25, received.size());
        for (int i = 0; i < received.size(); i++) {
            assertEquals(i, received.get(i).getProperty(ExchangePropertyKey.BATCH_INDEX));
            assertEquals(i == received.size() - 1, received.get(i).getProperty(ExchangePropertyKey.BATCH_COMPLETE));
            String jobId = received.get(i).getMessage().getHeader(JOB_ID, String.class);
            assertEquals(jobId + ":SUCCEEDED:page-" + i, received.get(i).getMessage().getHeader(MESSAGE_ID));
        }
    }

    @Test
    void emitsOneExchangePerFaceWithSplitProperties() throws Exception {
        String queue = subscribedQueue(false);
        route(consumer(queue, "resultMode=item"), "mock:items");
        MockEndpoint items = getMockEndpoint("mock:items");

        startJob("clear.mp4", "items");

        await().atMost(60, TimeUnit.SECONDS).until(() -> items.getReceivedExchanges().stream()
                .anyMatch(e -> e.getProperty(ExchangePropertyKey.SPLIT_COMPLETE, false, Boolean.class)));
        List<Exchange> received = items.getReceivedExchanges();
        // streamed: the size is known, and set, on the last exchange only (as Camel's streaming splitter does)
        Exchange last = received.get(received.size() - 1);
        assertEquals(received.size(), last.getProperty(ExchangePropertyKey.SPLIT_SIZE, Integer.class));
        assertEquals(received.size(), last.getProperty(ExchangePropertyKey.BATCH_SIZE, Integer.class));
        for (int i = 0; i < received.size(); i++) {
            assertInstanceOf(FaceDetection.class, received.get(i).getMessage().getBody());
            String jobId = received.get(i).getMessage().getHeader(JOB_ID, String.class);
            assertEquals(jobId + ":SUCCEEDED:item-" + i, received.get(i).getMessage().getHeader(MESSAGE_ID));
            assertEquals(i, received.get(i).getProperty(ExchangePropertyKey.SPLIT_INDEX));
            assertEquals(i == received.size() - 1, received.get(i).getProperty(ExchangePropertyKey.SPLIT_COMPLETE));
            if (i < received.size() - 1) {
                assertNull(received.get(i).getProperty(ExchangePropertyKey.SPLIT_SIZE));
            }
        }
    }

    @Test
    void aFailedJobNeverLooksLikeSuccess() throws Exception {
        String queue = subscribedQueue(false);
        route(consumer(queue, ""), "mock:failed");
        MockEndpoint failed = getMockEndpoint("mock:failed");
        failed.expectedMessageCount(1);

        startJob("text.mp4", "not-a-video");

        failed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        Exchange result = failed.getReceivedExchanges().get(0);
        assertEquals("FAILED", result.getMessage().getHeader(JOB_STATUS));
        assertTrue(result.getMessage().getHeader(STATUS_MESSAGE, String.class).startsWith("Unsupported codec/format."));
        assertNull(result.getMessage().getBody(), "no face list");
    }

    @Test
    void takesOnlyItsJobTagAndApi() throws Exception {
        String queue = subscribedQueue(false);
        route(consumer(queue, "jobTag=mine"), "mock:mine");
        MockEndpoint mine = getMockEndpoint("mock:mine");
        mine.expectedMessageCount(1);
        mine.expectedHeaderReceived(JOB_TAG, "mine");

        startJob("empty.mp4", "theirs");
        startJob("empty.mp4", "mine");

        mine.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        mine.assertIsSatisfied(500);
    }

    @Test
    void aRouteFailureLeavesTheMessageToComeBack() throws Exception {
        String queue = subscribedQueue(false);
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "visibilityTimeout=1"))
                        .process(e -> {
                            if (attempts.incrementAndGet() == 1) {
                                throw new IllegalStateException("downstream is down");
                            }
                        })
                        .to("mock:recovered");
            }
        });
        MockEndpoint recovered = getMockEndpoint("mock:recovered");
        recovered.expectedMessageCount(1);

        String jobId = startJob("empty.mp4", "flaky");

        recovered.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        assertEquals(jobId, recovered.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
        assertEquals(2, attempts.get(), "failed once, then the message came back and succeeded");
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        recovered.assertIsSatisfied(1500);
    }
}
