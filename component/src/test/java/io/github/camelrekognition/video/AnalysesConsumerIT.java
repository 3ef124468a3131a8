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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.ContentModerationDetection;
import software.amazon.awssdk.services.rekognition.model.LabelDetection;
import software.amazon.awssdk.services.rekognition.model.SegmentDetection;
import software.amazon.awssdk.services.rekognition.model.TextDetectionResult;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The consumer takes the analyses its notificationApi names, from the API field of each notification, and fetches that
 * analysis's results through every page of its Get call. Notifications travel through the local server's SNS and SQS;
 * the Get calls go to a {@link RecordingRekognitionServer} that pages the results of each analysis.
 */
class AnalysesConsumerIT extends ConsumerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static RecordingRekognitionServer results = RecordingRekognitionServer.forTestClass();
    /** The Get calls answered: operation and job id. */
    static final Set<String> GETS = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startResults() throws Exception {
        local.get().s3Client().putObject(b -> b.bucket("videos").key("shots.mp4"),
                RequestBody.fromFile(SampleVideos.shots()));
        pages("GetLabelDetection", "Labels", 2);
        pages("GetSegmentDetection", "Segments", 3);
        pages("GetContentModeration", "ModerationLabels", 2);
        pages("GetTextDetection", "TextDetections", 3);
        pages("GetCelebrityRecognition", "Celebrities", 1);
    }

    /**
     * Answers {@code operation} with {@code count} results, one per page, NextToken the index of the next; a job whose
     * id starts with "failed" has FAILED.
     */
    private static void pages(String operation, String member, int count) {
        results.answerAlways(operation, (JsonNode request) -> {
            GETS.add(operation + " " + request.get("JobId").asText());
            if (request.get("JobId").asText().startsWith("failed")) {
                return "{\"JobStatus\":\"FAILED\",\"StatusMessage\":\"Unsupported codec\"}";
            }
            int index = request.path("NextToken").asInt(0);
            String result = "{\"Timestamp\":" + index * 1000 + ",\"StartTimestampMillis\":" + index * 1000
                            + ",\"Label\":{\"Name\":\"Label " + index + "\"},\"ModerationLabel\":{\"Name\":\"M" + index
                            + "\"},\"Type\":\"SHOT\"}";
            return "{\"JobStatus\":\"SUCCEEDED\",\"" + member + "\":[" + result + "]"
                   + (index + 1 < count ? ",\"NextToken\":\"" + (index + 1) + "\"" : "") + "}";
        });
    }

    private static void publish(String jobId, String api, String status) throws Exception {
        String notification = JSON.writeValueAsString(Map.of("JobId", jobId, "Status", status, "API", api,
                "JobTag", "analyses", "Timestamp", System.currentTimeMillis(),
                "Video", Map.of("S3ObjectName", "clip.mp4", "S3Bucket", "videos")));
        local.get().snsClient().publish(b -> b.topicArn(topicArn).message(notification));
    }

    private static String resultsServer() {
        return "overrideEndpoint=true&uriEndpointOverride=" + results.endpoint();
    }

    @Test
    void takesTheNamedAnalysesAndStreamsEachOnesResults() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "notificationApi=StartLabelDetection,StartSegmentDetection&resultMode=item&"
                                     + resultsServer()))
                        .to("mock:items");
            }
        });
        MockEndpoint items = getMockEndpoint("mock:items");
        items.expectedMessageCount(5);

        publish("labels-1", "StartLabelDetection", "SUCCEEDED");
        publish("text-1", "StartTextDetection", "SUCCEEDED");
        publish("segments-1", "StartSegmentDetection", "SUCCEEDED");

        items.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        List<Exchange> labels = items.getReceivedExchanges().stream()
                .filter(e -> "labels-1".equals(e.getMessage().getHeader(JOB_ID))).toList();
        List<Exchange> segments = items.getReceivedExchanges().stream()
                .filter(e -> "segments-1".equals(e.getMessage().getHeader(JOB_ID))).toList();
        assertEquals(2, labels.size(), "one exchange per label, across pages");
        assertEquals(3, segments.size(), "one exchange per segment, across pages");
        for (int i = 0; i < labels.size(); i++) {
            Exchange label = labels.get(i);
            assertEquals("Label " + i, assertInstanceOf(LabelDetection.class, label.getMessage().getBody()).label().name());
            assertEquals("StartLabelDetection", label.getMessage().getHeader(API));
            assertEquals(1, label.getMessage().getHeader(RESULT_COUNT));
            assertNull(label.getMessage().getHeader(FACE_COUNT), "no face count for labels");
        }
        assertEquals(2, labels.get(1).getProperty(ExchangePropertyKey.SPLIT_SIZE), "the size, on the last");
        for (Exchange segment : segments) {
            assertInstanceOf(SegmentDetection.class, segment.getMessage().getBody());
            assertEquals("StartSegmentDetection", segment.getMessage().getHeader(API));
        }
        assertEquals(true, segments.get(2).getProperty(ExchangePropertyKey.SPLIT_COMPLETE));
        assertFalse(GETS.contains("GetTextDetection text-1"),
                "a text detection is not fetched by a consumer that does not take it");
    }

    @Test
    void aFailedJobOfAnotherAnalysisCarriesItsStatusMessage() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "notificationApi=StartContentModeration&" + resultsServer())).to("mock:jobs");
            }
        });
        MockEndpoint jobs = getMockEndpoint("mock:jobs");
        jobs.expectedMessageCount(2);

        publish("failed-moderation", "StartContentModeration", "FAILED");
        publish("moderation-1", "StartContentModeration", "SUCCEEDED");

        jobs.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        Exchange failed = jobs.getReceivedExchanges().stream()
                .filter(e -> "failed-moderation".equals(e.getMessage().getHeader(JOB_ID))).findFirst().orElseThrow();
        assertEquals("FAILED", failed.getMessage().getHeader(JOB_STATUS));
        assertEquals("Unsupported codec", failed.getMessage().getHeader(STATUS_MESSAGE));
        assertNull(failed.getMessage().getBody());
        Exchange done = jobs.getReceivedExchanges().stream()
                .filter(e -> "moderation-1".equals(e.getMessage().getHeader(JOB_ID))).findFirst().orElseThrow();
        List<?> labels = done.getMessage().getBody(List.class);
        assertEquals(2, labels.size(), "every page in one exchange");
        assertEquals("M1", ((ContentModerationDetection) labels.get(1)).moderationLabel().name());
        assertEquals(2, done.getMessage().getHeader(RESULT_COUNT));
    }

    @Test
    void pageAndNotificationModesWorkForOtherAnalyses() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "notificationApi=StartTextDetection&resultMode=page&maxResults=1&"
                                     + resultsServer()))
                        .to("mock:pages");
            }
        });
        String notifications = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(notifications, "notificationApi=StartCelebrityRecognition&resultMode=notification&"
                                             + resultsServer()))
                        .to("mock:notifications");
            }
        });
        MockEndpoint pages = getMockEndpoint("mock:pages");
        pages.expectedMessageCount(3);
        MockEndpoint celebrities = getMockEndpoint("mock:notifications");
        celebrities.expectedMessageCount(1);

        publish("text-2", "StartTextDetection", "SUCCEEDED");
        publish("celebrities-1", "StartCelebrityRecognition", "SUCCEEDED");

        pages.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        celebrities.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        for (int i = 0; i < 3; i++) {
            Exchange page = pages.getReceivedExchanges().get(i);
            List<?> texts = page.getMessage().getBody(List.class);
            assertEquals(1, texts.size(), "one text per page of 1");
            assertInstanceOf(TextDetectionResult.class, texts.get(0));
            assertEquals(i, page.getProperty(ExchangePropertyKey.BATCH_INDEX));
            assertEquals(i == 2, page.getProperty(ExchangePropertyKey.BATCH_COMPLETE));
        }
        Exchange notification = celebrities.getReceivedExchanges().get(0);
        assertEquals("celebrities-1", assertInstanceOf(RekognitionVideo2Notification.class,
                notification.getMessage().getBody()).jobId());
        assertFalse(GETS.contains("GetCelebrityRecognition celebrities-1"), "notification mode makes no Get call");
    }

    @Test
    void segmentDetectionRunsEndToEndOnTheLocalServer() throws Exception {
        String queue = subscribedQueue(true);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cuts").to("aws2-rekognition-video:cuts?operation=startSegmentDetection"
                                       + "&segmentTypes=SHOT,TECHNICAL_CUE&bucketName=videos");
                from(consumer(queue, "notificationApi=StartSegmentDetection")).to("mock:segments");
            }
        });
        MockEndpoint segments = getMockEndpoint("mock:segments");
        segments.expectedMessageCount(1);

        template.sendBodyAndHeaders("direct:cuts", null, Map.of(OBJECT_KEY, "shots.mp4", SNS_TOPIC_ARN, topicArn,
                ROLE_ARN, local.get().roleArn("RekognitionPublishToSns")));

        segments.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        Exchange done = segments.getReceivedExchanges().get(0);
        assertEquals("SUCCEEDED", done.getMessage().getHeader(JOB_STATUS));
        List<?> found = done.getMessage().getBody(List.class);
        assertEquals(SampleVideos.SHOT_STARTS.size() + SampleVideos.BLACK_RUNS.size(), found.size(), found.toString());
        assertEquals(found.size(), done.getMessage().getHeader(RESULT_COUNT));
        assertInstanceOf(List.class, done.getMessage().getHeader(VIDEO_METADATA), "a list for segment detection");
    }

    @Test
    void thePollingConsumerWatchesTheJobsOfTheAnalysisTheProducerStarted() throws Exception {
        results.answerAlways("StartLabelDetection", Map.of("JobId", "polled-labels"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:labels").to("aws2-rekognition-video:labels?operation=startLabelDetection&" + resultsServer());
                from("aws2-rekognition-video:labels?notificationApi=StartLabelDetection&delay=100&" + resultsServer())
                        .to("mock:polled");
            }
        });
        MockEndpoint polled = getMockEndpoint("mock:polled");
        polled.expectedMessageCount(1);

        template.sendBodyAndHeaders("direct:labels", null, Map.of(BUCKET_NAME, "videos", OBJECT_KEY, "clip.mp4"));

        polled.assertIsSatisfied(TimeUnit.SECONDS.toMillis(10));
        Exchange job = polled.getReceivedExchanges().get(0);
        assertEquals("polled-labels", job.getMessage().getHeader(JOB_ID));
        assertEquals("StartLabelDetection", job.getMessage().getHeader(API));
        assertEquals(2, job.getMessage().getBody(List.class).size());
    }
}
