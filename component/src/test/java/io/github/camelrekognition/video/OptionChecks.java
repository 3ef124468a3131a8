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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * What the option checks share: a {@link RecordingRekognitionServer} for the tests of each class, the routes and
 * consumers a check makes, and the CamelContexts it made, stopped after it. Each option group is a test class of its
 * own ({@link ProducerOptionsTest}, {@link ClientOptionsTest}, {@link ConsumerOptionsTest},
 * {@link SchedulerOptionsTest}, {@link ComponentOptionsTest}); {@link EndpointOptionsTest} checks that every option of
 * the descriptor has a check in one of them.
 */
abstract class OptionChecks {

    static final String QUEUE_URL = "http://127.0.0.1:1/000000000000/completions";
    /** An SQS-mode consumer whose queue reading never starts polling during a check. */
    static final String SQS = "aws2-rekognition-video:faces?queueUrl=" + QUEUE_URL + "&initialDelay=3600000";
    /** An SQS-mode consumer that polls at once a queue nothing serves. */
    static final String SQS_UNREACHABLE = "aws2-rekognition-video:faces?queueUrl=" + QUEUE_URL
                                          + "&sqsUriEndpointOverride=http://127.0.0.1:1&initialDelay=0&waitTimeSeconds=0";
    static final String A_TOPIC = RekognitionVideo2TestSupport.A_TOPIC_ARN;
    static final String A_ROLE = RekognitionVideo2TestSupport.A_ROLE_ARN;
    static final String NOTIFICATION = "{\"JobId\":\"job-1\",\"Status\":\"SUCCEEDED\",\"API\":\"%s\",\"JobTag\":\"t\","
                                       + "\"Timestamp\":1,\"Video\":{\"S3ObjectName\":\"a.mp4\",\"S3Bucket\":\"videos\"}}";

    interface Check {
        void run() throws Exception;
    }

    @RegisterExtension
    static RecordingRekognitionServer server = RecordingRekognitionServer.forTestClass();
    /** The CamelContexts the running check made. */
    static final List<CamelContext> CONTEXTS = new ArrayList<>();

    /** A test per check of {@code checks}, in the order of their option names. */
    static Stream<DynamicTest> dynamicTests(Map<String, Check> checks) {
        return checks.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> run(e.getValue())));
    }

    /** Runs a check, then stops every CamelContext it made (some checks hand an endpoint or consumer back). */
    static void run(Check check) throws Exception {
        try {
            check.run();
        } finally {
            for (CamelContext context : CONTEXTS) {
                context.close();
            }
            CONTEXTS.clear();
        }
    }

    static CamelContext context() {
        CamelContext context = new DefaultCamelContext();
        CONTEXTS.add(context);
        return RekognitionVideo2TestSupport.pointAt(context, server.endpoint(), "us-east-1");
    }

    static RekognitionClient client(Region region) {
        return RekognitionClient.builder().endpointOverride(server.endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "key"))).build();
    }

    static void route(CamelContext context, String from, String to) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        });
    }

    static Map<String, Object> video() {
        return Map.of(BUCKET_NAME, "videos", OBJECT_KEY, "a.mp4");
    }

    static Stream<HealthCheck> producerChecks(CamelContext context) {
        return HealthCheckHelper.getHealthCheckRepository(context, "producers").stream()
                .filter(check -> check.getId().startsWith("producer:aws2-rekognition-video"));
    }

    /** Sends through {@code to(aws2-rekognition-video:faces?options)}; the exchange must succeed. */
    static void send(String options, Object body, Map<String, Object> headers) throws Exception {
        try (CamelContext context = context()) {
            route(context, "direct:start", "aws2-rekognition-video:faces?" + options);
            context.start();
            Exchange done = context.createProducerTemplate().request("direct:start", e -> {
                e.getMessage().setBody(body);
                e.getMessage().setHeaders(new HashMap<>(headers));
            });
            if (done.getException() != null) {
                throw new AssertionError("the exchange failed", done.getException());
            }
        }
    }

    /** Sends through {@code to(aws2-rekognition-video:faces?options)}; the exchange must fail: its exception. */
    static Exception sendFailing(String options, Map<String, Object> headers) throws Exception {
        try (CamelContext context = context()) {
            route(context, "direct:start", "aws2-rekognition-video:faces?" + options);
            context.start();
            Exchange done = context.createProducerTemplate().request("direct:start",
                    e -> e.getMessage().setHeaders(new HashMap<>(headers)));
            assertNotNull(done.getException(), "the exchange failed");
            return done.getException();
        }
    }

    /** The StartFaceDetection body the SDK sent. */
    static JsonNode start(String options, Map<String, Object> headers) throws Exception {
        return start(options, null, headers);
    }

    static JsonNode start(String options, Object body, Map<String, Object> headers) throws Exception {
        server.reset();
        server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
        send(options, body, headers);
        return server.requests("StartFaceDetection").get(0).body();
    }

    /** The body of the one {@code operation} call a message makes through an endpoint with {@code options}. */
    static JsonNode call(String operation, String options, Map<String, Object> headers) throws Exception {
        server.reset();
        server.answer(operation, operation.startsWith("Start")
                ? Map.of("JobId", "job-1")
                : Map.of("JobStatus", "IN_PROGRESS"));
        send("operation=" + Character.toLowerCase(operation.charAt(0)) + operation.substring(1) + "&" + options, null,
                headers);
        return server.requests(operation).get(0).body();
    }

    static RecordingRekognitionServer.Request startRequest(String options) throws Exception {
        start(options, video());
        return server.requests("StartFaceDetection").get(0);
    }

    static RekognitionVideo2Endpoint producerEndpoint(String options) throws Exception {
        CamelContext context = context();
        RekognitionVideo2Endpoint endpoint = context.getEndpoint("aws2-rekognition-video:faces?" + options,
                RekognitionVideo2Endpoint.class);
        endpoint.start();
        return endpoint;
    }

    static String credentialsProvider(String options) throws Exception {
        return producerEndpoint(options).getRekognitionClient().serviceClientConfiguration().credentialsProvider()
                .toString();
    }

    /** Starts a job through a producer, and returns what a polling consumer with the options emitted for it. */
    static List<Exchange> polled(String options, int faces) throws Exception {
        return polled(options, faces, Map.of());
    }

    static List<Exchange> polled(String options, int faces, Map<String, Object> beans) throws Exception {
        server.reset();
        List<Map<String, Object>> detected = new ArrayList<>();
        for (int i = 0; i < faces; i++) {
            detected.add(Map.of("Timestamp", i * 200, "Face", Map.of("Confidence", 99.0,
                    "BoundingBox", Map.of("Left", 0.1, "Top", 0.1, "Width", 0.2, "Height", 0.2))));
        }
        Map<String, Object> page = Map.of("JobStatus", "SUCCEEDED", "Faces", detected,
                "Video", Map.of("S3Object", Map.of("Bucket", "videos", "Name", "a.mp4")));
        server.answer("StartFaceDetection", Map.of("JobId", "job-1"))
                .answer("GetFaceDetection", page)  // the status check
                .answer("GetFaceDetection", page); // the fetch of the results
        try (CamelContext context = context()) {
            beans.forEach(context.getRegistry()::bind);
            route(context, "direct:start", "aws2-rekognition-video:faces");
            route(context, "aws2-rekognition-video:faces?delay=100" + (options.isEmpty() ? "" : "&" + options), "mock:out");
            context.start();
            context.createProducerTemplate().sendBodyAndHeaders("direct:start", null, video());
            RekognitionVideo2PollingConsumer consumer = (RekognitionVideo2PollingConsumer) context.getRoutes().stream()
                    .filter(r -> r.getConsumer() instanceof RekognitionVideo2PollingConsumer).findFirst().get()
                    .getConsumer();
            await().atMost(10, TimeUnit.SECONDS).until(() -> consumer.watchedJobs() == 0);
            return context.getEndpoint("mock:out", MockEndpoint.class).getReceivedExchanges();
        }
    }

    /** The aws2-sqs consumer that reads the queue of an SQS-mode consumer with the options (its context left open). */
    static ScheduledPollConsumer queueReading(String options) throws Exception {
        return queueReading(context(), options);
    }

    static ScheduledPollConsumer queueReading(String options, Map<String, Object> beans) throws Exception {
        CamelContext context = context();
        beans.forEach(context.getRegistry()::bind);
        return queueReading(context, options);
    }

    static ScheduledPollConsumer queueReading(CamelContext context, String options) throws Exception {
        route(context, SQS + (options.isEmpty() ? "" : "&" + options), "mock:out");
        context.start();
        Consumer consumer = context.getRoutes().get(0).getConsumer();
        return ((RekognitionVideo2QueueConsumer) consumer).queueConsumer();
    }

    static Sqs2Configuration sqs(ScheduledPollConsumer reading) {
        return ((Sqs2Endpoint) reading.getEndpoint()).getConfiguration();
    }

    /** Hands a queue message to the SQS-mode consumer as its queue reading does; returns that message's exchange. */
    static Exchange process(ScheduledPollConsumer reading, String body) throws Exception {
        Exchange queued = reading.createExchange(false);
        queued.getMessage().setBody(body);
        queued.getMessage().setHeader(Sqs2Constants.MESSAGE_ID, "message-1");
        reading.getProcessor().process(queued);
        return queued;
    }

    /** The failure of a queue message's exchange (null when it succeeded); a failed one emitted nothing. */
    static Exception failure(Exchange queued) {
        if (queued.getException() != null) {
            assertEquals(0, queued.getContext().getEndpoint("mock:out", MockEndpoint.class).getReceivedCounter());
        }
        return queued.getException();
    }

    static void refusedWithoutQueue(String options) throws Exception {
        refusedWithoutQueue(options, Map.of());
    }

    /** A polling consumer (no queueUrl) with an option of the queue reading does not start, and says why. */
    static void refusedWithoutQueue(String options, Map<String, Object> beans) throws Exception {
        String option = options.substring(0, options.indexOf('='));
        Exception refused = refused("aws2-rekognition-video:faces?" + options, beans);
        assertInstanceOf(RekognitionVideo2ValidationException.class, refused);
        assertTrue(refused.getMessage().contains("option " + option) && refused.getMessage().contains("queueUrl"),
                refused.getMessage());
    }

    /** The cause of the failure to start a route from {@code uri}. */
    static Exception refused(String uri, Map<String, Object> beans) throws Exception {
        try (CamelContext context = context()) {
            beans.forEach(context.getRegistry()::bind);
            route(context, uri, "mock:out");
            Exception failed = assertThrows(Exception.class, context::start);
            Throwable cause = failed;
            while (cause.getCause() != null && !(cause instanceof RekognitionVideo2ValidationException)) {
                cause = cause.getCause();
            }
            return (Exception) cause;
        }
    }
}
