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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.BridgeExceptionHandlerToErrorHandler;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.DefaultScheduledPollConsumerScheduler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.Protocol;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every option of the generated descriptor, endpoint and component, acts or is refused with a clear error. Each has a
 * check here, and the test fails when the descriptor lists an option that has none. Checks see the effect where it
 * shows: the request on the wire (a {@link RecordingRekognitionServer}), the emitted exchanges (the polling consumer
 * against the same server), or, for what the SQS-mode consumer hands to Camel's aws2-sqs consumer that reads the
 * queue, the configuration of that consumer (its first poll is an hour away: no SQS server is needed).
 */
class EndpointOptionsTest {

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

    static RecordingRekognitionServer server;
    static final Map<String, Check> ENDPOINT = new TreeMap<>();
    static final Map<String, Check> COMPONENT = new TreeMap<>();
    /** The CamelContexts the running check made. */
    static final List<CamelContext> CONTEXTS = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = new RecordingRekognitionServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void everyOptionOfTheDescriptorHasACheck() throws Exception {
        JsonNode descriptor = ComponentDescriptorTest.descriptor();
        assertEquals(names(descriptor.get("properties")), ENDPOINT.keySet(), "endpoint options with a check");
        assertEquals(names(descriptor.get("componentProperties")), COMPONENT.keySet(), "component options with a check");
    }

    @TestFactory
    Stream<DynamicTest> endpointOptions() {
        return ENDPOINT.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> run(e.getValue())));
    }

    @TestFactory
    Stream<DynamicTest> componentOptions() {
        return COMPONENT.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> run(e.getValue())));
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The producer: what reaches the wire

    static {
        ENDPOINT.put("bucketName", () -> assertEquals("from-option",
                start("bucketName=from-option", Map.of(OBJECT_KEY, "a.mp4")).at("/Video/S3Object/Bucket").asText()));
        ENDPOINT.put("snsTopicArn", () -> assertEquals(A_TOPIC,
                start("snsTopicArn=" + A_TOPIC + "&roleArn=" + A_ROLE, video()).at("/NotificationChannel/SNSTopicArn").asText()));
        ENDPOINT.put("roleArn", () -> assertEquals(A_ROLE,
                start("snsTopicArn=" + A_TOPIC + "&roleArn=" + A_ROLE, video()).at("/NotificationChannel/RoleArn").asText()));
        ENDPOINT.put("faceAttributes", () -> assertEquals("ALL",
                start("faceAttributes=ALL", video()).get("FaceAttributes").asText()));
        ENDPOINT.put("jobTag", () -> assertEquals("tagged", start("jobTag=tagged", video()).get("JobTag").asText()));
        ENDPOINT.put("minConfidence", () -> assertEquals(62.5,
                call("StartLabelDetection", "minConfidence=62.5", video()).get("MinConfidence").asDouble()));
        ENDPOINT.put("features", () -> assertEquals("[\"GENERAL_LABELS\"]",
                call("StartLabelDetection", "features=GENERAL_LABELS", video()).get("Features").toString()));
        ENDPOINT.put("collectionId", () -> assertEquals("staff",
                call("StartFaceSearch", "collectionId=staff", video()).get("CollectionId").asText()));
        ENDPOINT.put("faceMatchThreshold", () -> assertEquals(97.0, call("StartFaceSearch",
                "collectionId=staff&faceMatchThreshold=97", video()).get("FaceMatchThreshold").asDouble()));
        ENDPOINT.put("segmentTypes", () -> assertEquals("[\"SHOT\",\"TECHNICAL_CUE\"]",
                call("StartSegmentDetection", "segmentTypes=SHOT,TECHNICAL_CUE", video()).get("SegmentTypes").toString()));
        ENDPOINT.put("sortBy", () -> assertEquals("TIMESTAMP",
                call("GetPersonTracking", "sortBy=TIMESTAMP", Map.of(JOB_ID, "job-1")).get("SortBy").asText()));
        ENDPOINT.put("aggregateBy", () -> assertEquals("SEGMENTS",
                call("GetContentModeration", "aggregateBy=SEGMENTS", Map.of(JOB_ID, "job-1")).get("AggregateBy").asText()));
        ENDPOINT.put("deriveClientRequestToken", () -> {
            assertTrue(start("", video()).has("ClientRequestToken"), "derived by default");
            assertFalse(start("deriveClientRequestToken=false", video()).has("ClientRequestToken"), "none when false");
        });
        ENDPOINT.put("operation", () -> {
            server.reset();
            server.answer("GetFaceDetection", Map.of("JobStatus", "IN_PROGRESS"));
            send("operation=getFaceDetection", null, Map.of(JOB_ID, "job-1"));
            assertEquals("job-1", server.requests("GetFaceDetection").get(0).body().get("JobId").asText());
        });
        ENDPOINT.put("pojoRequest", () -> {
            StartFaceDetectionRequest request = StartFaceDetectionRequest.builder()
                    .video(v -> v.s3Object(o -> o.bucket("pojo").name("pojo.mp4"))).build();
            assertEquals("pojo", start("pojoRequest=true", request, Map.of()).at("/Video/S3Object/Bucket").asText());
        });
        ENDPOINT.put("lazyStartProducer", () -> {
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

    // ---------------------------------------------------------------------------------------------------------------
    // The SDK client: endpoint, region, credentials, proxy, TLS

    static {
        ENDPOINT.put("limitExceededWaitTimeout", () -> {
            server.reset();
            server.fail("StartFaceDetection", 400, "LimitExceededException", "20 jobs in progress")
                    .answer("StartFaceDetection", Map.of("JobId", "job-1"));
            send("limitExceededWaitTimeout=20s", null, video());
            assertEquals(2, server.requests("StartFaceDetection").size(), "retried until the quota had a slot");
        });
        ENDPOINT.put("retryMode", () -> assertInstanceOf(AdaptiveRetryStrategy.class, producerEndpoint("retryMode=ADAPTIVE_V2")
                .getRekognitionClient().serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow()));
        ENDPOINT.put("maxAttempts", () -> {
            assertEquals(2, producerEndpoint("maxAttempts=2").getRekognitionClient().serviceClientConfiguration()
                    .overrideConfiguration().retryStrategy().orElseThrow().maxAttempts());
            Exception refused = assertThrows(RekognitionVideo2ValidationException.class,
                    () -> producerEndpoint("maxAttempts=0"));
            assertEquals("option maxAttempts: must be at least 1, the first attempt included (1: no retry; it is 0)",
                    refused.getMessage());
        });
        ENDPOINT.put("region", () -> assertTrue(startRequest("region=eu-west-1").authorization()
                .contains("/eu-west-1/rekognition/aws4_request"), "signed for the region"));
        ENDPOINT.put("accessKey", () -> assertTrue(startRequest("accessKey=AKIDFROMOPTION&secretKey=s")
                .authorization().contains("Credential=AKIDFROMOPTION/"), "signed with the access key"));
        ENDPOINT.put("secretKey", () -> assertEquals("secret-from-option",
                producerEndpoint("accessKey=a&secretKey=secret-from-option").getRekognitionClient()
                        .serviceClientConfiguration().credentialsProvider().resolveIdentity().join().secretAccessKey()));
        Check sessionToken = () -> assertEquals("token-from-option",
                startRequest("useSessionCredentials=true&sessionToken=token-from-option").securityToken());
        ENDPOINT.put("sessionToken", sessionToken);
        ENDPOINT.put("useSessionCredentials", sessionToken);
        ENDPOINT.put("useDefaultCredentialsProvider", () -> assertTrue(
                credentialsProvider("useDefaultCredentialsProvider=true").contains("DefaultCredentialsProvider")));
        Check profile = () -> {
            String provider = credentialsProvider("useProfileCredentialsProvider=true&profileCredentialsName=option-profile");
            assertTrue(provider.contains("ProfileCredentialsProvider") && provider.contains("option-profile"), provider);
        };
        ENDPOINT.put("useProfileCredentialsProvider", profile);
        ENDPOINT.put("profileCredentialsName", profile);
        ENDPOINT.put("overrideEndpoint", () -> {
            assertTrue(producerEndpoint("overrideEndpoint=false").getRekognitionClient().serviceClientConfiguration()
                    .endpointOverride().isEmpty(), "AWS's endpoint without overrideEndpoint");
            assertNotNull(startRequest(""), "the override is used with it");
        });
        ENDPOINT.put("uriEndpointOverride", () -> assertEquals(Optional.of(server.endpoint()),
                producerEndpoint("").getRekognitionClient().serviceClientConfiguration().endpointOverride()));
        Check proxy = () -> {
            // the proxy is the recording server; the endpoint a host that does not exist: only the proxy can answer
            String toNowhere = "uriEndpointOverride=http://rekognition.invalid:9&proxyHost=127.0.0.1";
            assertNotNull(startRequest(toNowhere + "&proxyPort=" + server.endpoint().getPort() + "&proxyProtocol=HTTP"),
                    "the request went through the proxy");
            // an HTTPS proxy is spoken to in TLS: the first byte the proxy receives opens a TLS handshake record
            try (ServerSocket tlsProxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                List<Integer> firstBytes = new CopyOnWriteArrayList<>();
                Thread proxyThread = new Thread(() -> {
                    while (!tlsProxy.isClosed()) {
                        try (Socket connection = tlsProxy.accept()) {
                            firstBytes.add(connection.getInputStream().read());
                        } catch (IOException closed) {
                            // the test is over
                        }
                    }
                });
                proxyThread.setDaemon(true);
                proxyThread.start();
                sendFailing(toNowhere + "&proxyPort=" + tlsProxy.getLocalPort() + "&proxyProtocol=HTTPS", video());
                assertFalse(firstBytes.isEmpty(), "the client went to the proxy");
                assertEquals(0x16, firstBytes.get(0), "a TLS handshake record");
            }
        };
        ENDPOINT.put("proxyHost", proxy);
        ENDPOINT.put("proxyPort", proxy);
        ENDPOINT.put("proxyProtocol", proxy);
        ENDPOINT.put("trustAllCertificates", () -> {
            try (RecordingRekognitionServer tls = RecordingRekognitionServer.https()) {
                String over = "uriEndpointOverride=" + tls.endpoint();
                Exception untrusted = sendFailing(over, video());
                assertTrue(tls.requests().isEmpty(), "a self-signed certificate is refused by default: " + untrusted);
                tls.answer("StartFaceDetection", Map.of("JobId", "job-1"));
                send(over + "&trustAllCertificates=true", null, video());
                assertEquals(1, tls.requests("StartFaceDetection").size(), "trusted with trustAllCertificates");
            }
        });
        ENDPOINT.put("rekognitionClient", () -> {
            try (RekognitionClient client = client(Region.AP_SOUTHEAST_2)) {
                try (CamelContext context = context()) {
                    context.getRegistry().bind("myClient", client);
                    route(context, "direct:start", "aws2-rekognition-video:faces?rekognitionClient=#myClient");
                    context.start();
                    server.reset();
                    server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
                    context.createProducerTemplate().sendBodyAndHeaders("direct:start", null, video());
                    assertTrue(server.requests().get(0).authorization().contains("/ap-southeast-2/"), "the given client");
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The consumer: what it emits (polling, against the recording server), or what reads the queue (SQS mode)

    static {
        ENDPOINT.put("label", () -> {
            try (CamelContext context = context()) {
                route(context, "direct:start", "aws2-rekognition-video:faces");
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("aws2-rekognition-video:faces?initialDelay=3600000").routeId("same").to("mock:same");
                        from("aws2-rekognition-video:other?initialDelay=3600000").routeId("other").to("mock:other");
                    }
                });
                context.start();
                server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
                context.createProducerTemplate().sendBodyAndHeaders("direct:start", null, video());
                assertEquals(1, ((RekognitionVideo2PollingConsumer) context.getRoute("same").getConsumer()).watchedJobs());
                assertEquals(0, ((RekognitionVideo2PollingConsumer) context.getRoute("other").getConsumer()).watchedJobs());
            }
        });
        ENDPOINT.put("queueUrl", () -> {
            assertEquals(QUEUE_URL, sqs(queueReading("")).getQueueUrl());
            try (CamelContext context = context()) {
                route(context, "aws2-rekognition-video:faces?initialDelay=3600000", "mock:out");
                context.start();
                assertInstanceOf(RekognitionVideo2PollingConsumer.class, context.getRoutes().get(0).getConsumer(),
                        "polls GetFaceDetection without a queueUrl");
            }
        });
        ENDPOINT.put("resultMode", () -> assertEquals(2, polled("resultMode=item", 2).size(), "one exchange per face"));
        ENDPOINT.put("maxResults", () -> {
            polled("maxResults=7", 1);
            List<RecordingRekognitionServer.Request> gets = server.requests("GetFaceDetection");
            assertEquals(7, gets.get(gets.size() - 1).body().get("MaxResults").asInt(), "the page size of the fetch");
        });
        ENDPOINT.put("notificationApi", () -> {
            assertEquals(1, polled("", 1).size(), "face detection completions are taken by default");
            assertEquals(0, polled("notificationApi=StartLabelDetection", 1).size(), "others are not");
            assertEquals(1, polled("notificationApi=StartLabelDetection, StartFaceDetection", 1).size(),
                    "a list of analyses");
            Exception refused = refused("aws2-rekognition-video:faces?notificationApi=StartFaceDetection,DetectFaces",
                    Map.of());
            assertEquals("option notificationApi: 'DetectFaces' is not the Start operation of a Rekognition Video "
                         + "analysis: must be one or more of [StartFaceDetection, StartLabelDetection, "
                         + "StartCelebrityRecognition, StartContentModeration, StartFaceSearch, StartSegmentDetection, "
                         + "StartTextDetection, StartPersonTracking], separated by commas", refused.getMessage());
        });
        ENDPOINT.put("idempotentRepository", () -> {
            MemoryIdempotentRepository repository = new MemoryIdempotentRepository();
            polled("idempotentRepository=#repository", 1, Map.of("repository", repository));
            assertTrue(repository.contains("job-1:SUCCEEDED"), "the emitted completion is recorded in the given one");
        });
        ENDPOINT.put("inProgressRepository", () -> {
            // over the wire with PostgreSQL and instances that die: SharedRepositoryIT, SeveralNodesIT
            String key = "job-1:SUCCEEDED";
            IdempotentRepository done = MemoryIdempotentRepository.memoryIdempotentRepository();
            IdempotentRepository claims = MemoryIdempotentRepository.memoryIdempotentRepository();
            String options = "resultMode=notification&idempotentRepository=#done&inProgressRepository=#claims";
            Map<String, Object> beans = Map.of("done", done, "claims", claims);
            claims.add(key); // another instance emits it: left in the queue, nothing emitted
            assertInstanceOf(RekognitionVideo2QueueConsumer.LeftInQueueException.class,
                    failure(process(queueReading(options, beans), NOTIFICATION.formatted("StartFaceDetection"))));
            assertFalse(done.contains(key));
            claims.remove(key); // then emitted here: done, and the claim let go
            ScheduledPollConsumer reading = queueReading(options, beans);
            assertNull(failure(process(reading, NOTIFICATION.formatted("StartFaceDetection"))));
            assertEquals(1, reading.getEndpoint().getCamelContext().getEndpoint("mock:out", MockEndpoint.class)
                    .getReceivedCounter());
            assertTrue(done.contains(key));
            assertFalse(claims.contains(key));
            // a duplicate of a job done: dropped, not claimed
            ScheduledPollConsumer again = queueReading(options, beans);
            assertNull(failure(process(again, NOTIFICATION.formatted("StartFaceDetection"))));
            assertEquals(0, again.getEndpoint().getCamelContext().getEndpoint("mock:out", MockEndpoint.class)
                    .getReceivedCounter());
            assertFalse(claims.contains(key));
            refusedWithoutQueue("inProgressRepository=#claims", beans);
        });
        // reconciliation over the wire, notifications dropped by the local SNS: LostNotificationsIT, SharedRepositoryIT
        ENDPOINT.put("startedJobsRepository", () -> {
            MemoryAggregationRepository started = new MemoryAggregationRepository();
            server.reset();
            server.answer("StartFaceDetection", Map.of("JobId", "job-1")).answer("StartFaceDetection", Map.of("JobId", "job-2"));
            try (CamelContext context = context()) {
                context.getRegistry().bind("started", started);
                route(context, "direct:start", "aws2-rekognition-video:faces?startedJobsRepository=#started");
                context.start();
                Map<String, Object> notified = new HashMap<>(video());
                notified.put(SNS_TOPIC_ARN, A_TOPIC);
                notified.put(ROLE_ARN, A_ROLE);
                context.createProducerTemplate().sendBodyAndHeaders("direct:start", null, notified);
                // a job without a notification channel has no notification to wait for: not recorded
                context.createProducerTemplate().sendBodyAndHeaders("direct:start", null, video());
                assertEquals(Set.of("job-1"), started.getKeys());
                assertTrue(started.get(context, "job-1").getMessage().getBody(String.class)
                        .startsWith("StartFaceDetection "));
            }
            // the consumer strikes off the jobs it emits
            assertNull(failure(process(queueReading("resultMode=notification&startedJobsRepository=#started",
                    Map.of("started", started)), NOTIFICATION.formatted("StartFaceDetection"))));
            assertEquals(Set.of(), started.getKeys());
        });
        ENDPOINT.put("reconcileInterval", () -> {
            MemoryAggregationRepository started = new MemoryAggregationRepository();
            server.reset();
            server.answer("GetFaceDetection", Map.of("JobStatus", "SUCCEEDED", "JobTag", "t", "Video",
                    Map.of("S3Object", Map.of("Bucket", "videos", "Name", "a.mp4"))));
            try (CamelContext context = context()) {
                StartedJobs.record(started, context, RekognitionVideo2Analysis.FACE_DETECTION, "job-1", 0);
                // a job of an analysis this consumer does not take (notificationApi): left to the consumer that does
                StartedJobs.record(started, context, RekognitionVideo2Analysis.LABEL_DETECTION, "job-2", 0);
                context.getRegistry().bind("started", started);
                queueReading(context, "resultMode=notification&startedJobsRepository=#started&reconcileInterval=100"
                                      + "&reconcileAfter=1000");
                MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
                await().atMost(5, TimeUnit.SECONDS).until(() -> out.getReceivedCounter() == 1);
                assertEquals("job-1", out.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
                assertEquals(Set.of("job-2"), started.getKeys(), "job-1 struck off");
                Thread.sleep(300); // more rounds
                assertTrue(server.requests().stream().allMatch(r -> r.operation().equals("GetFaceDetection")),
                        "no Get call for the label detection job");
            }
            assertEquals("option reconcileInterval: reconciles the jobs recorded in startedJobsRepository, and none is "
                         + "set: set startedJobsRepository on the producers and this consumer",
                    refused(SQS + "&reconcileInterval=100", Map.of()).getMessage());
            refusedWithoutQueue("reconcileInterval=100");
        });
        ENDPOINT.put("reconcileAfter", () -> {
            MemoryAggregationRepository started = new MemoryAggregationRepository();
            server.reset();
            try (CamelContext context = context()) {
                StartedJobs.record(started, context, RekognitionVideo2Analysis.FACE_DETECTION, "job-1",
                        System.currentTimeMillis());
                context.getRegistry().bind("started", started);
                queueReading(context, "resultMode=notification&startedJobsRepository=#started&reconcileInterval=50"
                                      + "&reconcileAfter=60s");
                Thread.sleep(500);
                assertEquals(0, server.requests().size(), "a job started less than reconcileAfter ago is not checked");
                assertEquals(Set.of("job-1"), started.getKeys());
            }
            assertEquals("option reconcileAfter: must not be negative",
                    refused(SQS + "&reconcileAfter=-1", Map.of()).getMessage());
            refusedWithoutQueue("reconcileAfter=60s");
        });
        ENDPOINT.put("sendEmptyMessageWhenIdle", () -> {
            // polling: an idle poll sends an empty exchange
            try (CamelContext context = context()) {
                route(context, "aws2-rekognition-video:faces?sendEmptyMessageWhenIdle=true&initialDelay=0&delay=50",
                        "mock:out");
                context.start();
                MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
                await().atMost(5, TimeUnit.SECONDS).until(() -> !out.getReceivedExchanges().isEmpty());
                assertNull(out.getReceivedExchanges().get(0).getMessage().getBody());
            }
            // SQS mode: the queue reading's idle poll ends as an empty exchange of the route
            try (CamelContext context = context()) {
                ScheduledPollConsumer reading = queueReading(context, "sendEmptyMessageWhenIdle=true");
                assertTrue(reading.isSendEmptyMessageWhenIdle());
                Exchange idle = reading.createExchange(false);
                reading.getProcessor().process(idle);
                MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
                assertEquals(1, out.getReceivedExchanges().size());
                assertNull(out.getReceivedExchanges().get(0).getMessage().getBody());
            }
        });
        ENDPOINT.put("exchangePattern", () -> {
            try (CamelContext context = context()) {
                ScheduledPollConsumer reading = queueReading(context, "exchangePattern=InOut&resultMode=notification");
                process(reading, NOTIFICATION.formatted("StartFaceDetection"));
                assertEquals(ExchangePattern.InOut, context.getEndpoint("mock:out", MockEndpoint.class)
                        .getReceivedExchanges().get(0).getPattern());
            }
        });
        ENDPOINT.put("deleteIfFiltered", () -> {
            try (CamelContext context = context()) {
                // a notification of another API: deleted by default (the exchange of the queue message succeeds) ...
                Exchange kept = process(queueReading(context, "resultMode=notification"),
                        NOTIFICATION.formatted("StartLabelDetection"));
                assertNull(kept.getException(), "deleted");
            }
            try (CamelContext context = context()) {
                // ... and left in the queue for other consumers with deleteIfFiltered=false (the exchange fails)
                Exchange kept = process(queueReading(context, "resultMode=notification&deleteIfFiltered=false"),
                        NOTIFICATION.formatted("StartLabelDetection"));
                assertInstanceOf(RekognitionVideo2QueueConsumer.FilteredNotificationException.class, kept.getException());
            }
            refusedWithoutQueue("deleteIfFiltered=false");
        });
        // the SNS checks: each case in SnsNotificationVerifierTest, over the wire in NotificationSignatureIT
        ENDPOINT.put("verifyNotificationSignature", () -> {
            String unsigned = "{\"Type\":\"Notification\",\"TopicArn\":\"" + A_TOPIC + "\",\"Message\":"
                              + new ObjectMapper().writeValueAsString(NOTIFICATION.formatted("StartFaceDetection")) + "}";
            try (CamelContext context = context()) {
                assertInstanceOf(UntrustedNotificationException.class,
                        failure(process(queueReading(context, "resultMode=notification"), unsigned)));
            }
            try (CamelContext context = context()) {
                assertNull(failure(process(queueReading(context,
                        "resultMode=notification&verifyNotificationSignature=false"), unsigned)));
            }
            refusedWithoutQueue("verifyNotificationSignature=false");
        });
        ENDPOINT.put("requireSignedNotifications", () -> {
            try (CamelContext context = context()) {
                assertInstanceOf(UntrustedNotificationException.class, failure(process(queueReading(context,
                        "resultMode=notification&requireSignedNotifications=true"),
                        NOTIFICATION.formatted("StartFaceDetection"))));
            }
            refusedWithoutQueue("requireSignedNotifications=true");
        });
        ENDPOINT.put("notificationTopicArns", () -> {
            try (CamelContext context = context()) {
                assertInstanceOf(UntrustedNotificationException.class, failure(process(queueReading(context,
                        "resultMode=notification&notificationTopicArns=" + A_TOPIC),
                        NOTIFICATION.formatted("StartFaceDetection"))));
            }
            assertEquals("option notificationTopicArns: 'arn:aws:sqs:us-east-1:123456789012:q' is not an SNS topic ARN "
                         + "(arn:aws:sns:<region>:<account>:<name>)",
                    refused(SQS + "&notificationTopicArns=" + A_TOPIC + ",arn:aws:sqs:us-east-1:123456789012:q",
                            Map.of()).getMessage());
            refusedWithoutQueue("notificationTopicArns=" + A_TOPIC);
        });
        ENDPOINT.put("snsSigningCertificate", () -> {
            Path pem = Files.createTempFile("sns", ".pem");
            SnsTestSigner signer = SnsTestSigner.create(pem.getParent());
            Files.writeString(pem, signer.certificatePem());
            ObjectNode signed = signer.envelope(A_TOPIC, NOTIFICATION.formatted("StartFaceDetection"), "2",
                    "http://127.0.0.1:1/SimpleNotificationService-local.pem");
            try (CamelContext context = context()) {
                assertNull(failure(process(queueReading(context,
                        "resultMode=notification&snsSigningCertificate=file:" + pem), signed.toString())));
            }
            Files.writeString(pem, "not a certificate");
            assertTrue(refused(SQS + "&snsSigningCertificate=file:" + pem, Map.of()).getMessage().startsWith(
                    "option snsSigningCertificate: file:" + pem + " must hold a PEM certificate or RSA public key"));
            refusedWithoutQueue("snsSigningCertificate=file:" + pem);
        });
        ENDPOINT.put("waitTimeSeconds", () -> {
            assertEquals(7, sqs(queueReading("waitTimeSeconds=7")).getWaitTimeSeconds());
            refusedWithoutQueue("waitTimeSeconds=7");
        });
        ENDPOINT.put("maxMessagesPerPoll", () -> {
            assertEquals(4, ((Sqs2Endpoint) queueReading("maxMessagesPerPoll=4").getEndpoint()).getMaxMessagesPerPoll());
            refusedWithoutQueue("maxMessagesPerPoll=4");
        });
        ENDPOINT.put("concurrentConsumers", () -> {
            assertEquals(3, sqs(queueReading("concurrentConsumers=3")).getConcurrentConsumers());
            refusedWithoutQueue("concurrentConsumers=3");
        });
        ENDPOINT.put("visibilityTimeout", () -> {
            assertEquals(45, sqs(queueReading("visibilityTimeout=45")).getVisibilityTimeout());
            refusedWithoutQueue("visibilityTimeout=45");
        });
        ENDPOINT.put("extendMessageVisibility", () -> {
            assertFalse(sqs(queueReading("extendMessageVisibility=false")).isExtendMessageVisibility());
            refusedWithoutQueue("extendMessageVisibility=false");
        });
        ENDPOINT.put("sqsUriEndpointOverride", () -> {
            ScheduledPollConsumer reading = queueReading("sqsUriEndpointOverride=http://127.0.0.1:2");
            assertEquals(Optional.of(URI.create("http://127.0.0.1:2")),
                    sqs(reading).getAmazonSQSClient().serviceClientConfiguration().endpointOverride());
            refusedWithoutQueue("sqsUriEndpointOverride=http://127.0.0.1:2");
        });
        ENDPOINT.put("sqsClient", () -> {
            try (SqsClient client = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:1"))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
                assertSame(client, ((CompletionQueueClient) sqs(queueReading("sqsClient=#sqs", Map.of("sqs", client)))
                        .getAmazonSQSClient()).client(), "the queue is read with the given client");
                refusedWithoutQueue("sqsClient=#sqs", Map.of("sqs", client));
            }
        });
        ENDPOINT.put("bridgeErrorHandler", () -> {
            // the queue cannot be reached: with the bridge, the failed receive reaches the route's error handler
            try (CamelContext context = context()) {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        onException(Exception.class).handled(true).to("mock:error");
                        from(SQS_UNREACHABLE + "&bridgeErrorHandler=true").to("mock:out");
                    }
                });
                context.start();
                MockEndpoint error = context.getEndpoint("mock:error", MockEndpoint.class);
                await().atMost(20, TimeUnit.SECONDS).until(() -> !error.getReceivedExchanges().isEmpty());
                assertNotNull(error.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT));
                assertInstanceOf(BridgeExceptionHandlerToErrorHandler.class,
                        ((RekognitionVideo2QueueConsumer) context.getRoutes().get(0).getConsumer()).getExceptionHandler());
            }
        });
        ENDPOINT.put("exceptionHandler", () -> {
            List<Throwable> handled = new ArrayList<>();
            ExceptionHandler handler = new ExceptionHandler() {
                @Override
                public void handleException(Throwable exception) {
                    handleException(null, exception);
                }

                @Override
                public void handleException(String message, Throwable exception) {
                    handleException(message, null, exception);
                }

                @Override
                public synchronized void handleException(String message, Exchange exchange, Throwable exception) {
                    handled.add(exception);
                }
            };
            try (CamelContext context = context()) {
                context.getRegistry().bind("handler", handler);
                route(context, SQS_UNREACHABLE + "&exceptionHandler=#handler", "mock:out");
                context.start();
                await().atMost(20, TimeUnit.SECONDS).until(() -> {
                    synchronized (handler) {
                        return !handled.isEmpty();
                    }
                });
            }
        });
        ENDPOINT.put("pollStrategy", () -> {
            PollingConsumerPollStrategy strategy = new DefaultPollingConsumerPollStrategy();
            assertSame(strategy, queueReading("pollStrategy=#strategy", Map.of("strategy", strategy)).getPollStrategy());
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The scheduler: acts on the polling consumer as on any Camel polling consumer, and is handed to the queue reading

    static {
        scheduler("backoffErrorThreshold=3&backoffMultiplier=2", r -> assertEquals(3, r.getBackoffErrorThreshold()));
        scheduler("backoffIdleThreshold=4&backoffMultiplier=2", r -> assertEquals(4, r.getBackoffIdleThreshold()));
        scheduler("backoffMultiplier=5&backoffIdleThreshold=1", r -> assertEquals(5, r.getBackoffMultiplier()));
        scheduler("delay=1234", r -> assertEquals(1234, r.getDelay()));
        ENDPOINT.put("greedy", () -> {
            // the queue is read greedily unless the URI says otherwise: a receive with messages is followed at once
            assertTrue(queueReading("").isGreedy());
            assertFalse(queueReading("greedy=false").isGreedy());
            assertTrue(queueReading("greedy=true").isGreedy());
            // the polling consumer, as any Camel polling consumer
            try (CamelContext context = context()) {
                route(context, "aws2-rekognition-video:faces?initialDelay=3600000", "mock:out");
                route(context, "aws2-rekognition-video:faces?initialDelay=3600000&greedy=true", "mock:out");
                context.start();
                assertFalse(((ScheduledPollConsumer) context.getRoutes().get(0).getConsumer()).isGreedy());
                assertTrue(((ScheduledPollConsumer) context.getRoutes().get(1).getConsumer()).isGreedy());
            }
        });
        ENDPOINT.put("initialDelay", () -> assertEquals(3600000, queueReading("").getInitialDelay()));
        scheduler("repeatCount=9", r -> assertEquals(9, r.getRepeatCount()));
        scheduler("runLoggingLevel=DEBUG", r -> assertEquals(LoggingLevel.DEBUG, r.getRunLoggingLevel()));
        scheduler("timeUnit=HOURS", r -> assertEquals(TimeUnit.HOURS, r.getTimeUnit()));
        scheduler("useFixedDelay=false", r -> assertFalse(r.isUseFixedDelay()));
        ENDPOINT.put("scheduledExecutorService", () -> {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
            try {
                assertSame(executor, queueReading("scheduledExecutorService=#executor", Map.of("executor", executor))
                        .getScheduledExecutorService());
            } finally {
                executor.shutdownNow();
            }
        });
        ENDPOINT.put("scheduler", () -> {
            DefaultScheduledPollConsumerScheduler scheduler = new DefaultScheduledPollConsumerScheduler();
            assertSame(scheduler, queueReading("scheduler=#scheduler", Map.of("scheduler", scheduler)).getScheduler());
        });
        ENDPOINT.put("schedulerProperties", () -> assertEquals("2",
                String.valueOf(queueReading("scheduler.concurrentConsumers=2").getSchedulerProperties()
                        .get("concurrentConsumers"))));
        ENDPOINT.put("startScheduler", () -> {
            try (CamelContext context = context()) {
                route(context, "aws2-rekognition-video:faces?startScheduler=false", "mock:out");
                context.start();
                assertFalse(((ScheduledPollConsumer) context.getRoutes().get(0).getConsumer()).isSchedulerStarted(),
                        "polling waits for its scheduler to be started");
            }
            Exception refused = refused(SQS + "&startScheduler=false", Map.of());
            assertTrue(refused.getMessage().contains("option startScheduler"), refused.getMessage());
        });
    }

    /** A scheduler option: handed to the queue reading in SQS mode, and set on the polling consumer. */
    private static void scheduler(String options, java.util.function.Consumer<ScheduledPollConsumer> expect) {
        ENDPOINT.put(options.substring(0, options.indexOf('=')), () -> {
            expect.accept(queueReading(options));
            try (CamelContext context = context()) {
                route(context, "aws2-rekognition-video:faces?initialDelay=3600000&" + options, "mock:out");
                context.start();
                expect.accept((ScheduledPollConsumer) context.getRoutes().get(0).getConsumer());
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The component: its options are the defaults of its endpoints; some are its own

    static {
        for (String shared : List.of("bucketName", "concurrentConsumers", "deleteIfFiltered", "deriveClientRequestToken",
                "extendMessageVisibility", "faceAttributes", "jobTag", "maxMessagesPerPoll", "maxResults",
                "notificationApi", "operation", "overrideEndpoint", "pojoRequest", "profileCredentialsName", "proxyHost",
                "proxyPort", "proxyProtocol", "queueUrl", "region", "resultMode", "roleArn", "secretKey", "accessKey",
                "sessionToken", "snsTopicArn", "sqsUriEndpointOverride", "trustAllCertificates", "uriEndpointOverride",
                "useDefaultCredentialsProvider", "useProfileCredentialsProvider", "useSessionCredentials",
                "visibilityTimeout", "waitTimeSeconds", "idempotentRepository", "rekognitionClient", "sqsClient",
                "minConfidence", "features", "collectionId", "faceMatchThreshold", "segmentTypes", "sortBy",
                "aggregateBy", "retryMode", "maxAttempts", "limitExceededWaitTimeout", "verifyNotificationSignature",
                "requireSignedNotifications", "notificationTopicArns", "snsSigningCertificate", "inProgressRepository",
                "startedJobsRepository", "reconcileInterval", "reconcileAfter")) {
            COMPONENT.put(shared, () -> componentDefault(shared));
        }
        COMPONENT.put("configuration", () -> {
            RekognitionVideo2Configuration configuration = new RekognitionVideo2Configuration();
            configuration.setRegion("sa-east-1");
            configuration.setAccessKey("a");
            configuration.setSecretKey("b");
            try (CamelContext context = new DefaultCamelContext()) {
                context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class)
                        .setConfiguration(configuration);
                assertEquals("sa-east-1", context.getEndpoint("aws2-rekognition-video:faces",
                        RekognitionVideo2Endpoint.class).getConfiguration().getRegion());
            }
        });
        COMPONENT.put("bridgeErrorHandler", () -> {
            try (CamelContext context = context()) {
                context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).setBridgeErrorHandler(true);
                assertTrue(context.getEndpoint(SQS, RekognitionVideo2Endpoint.class).isBridgeErrorHandler());
            }
        });
        COMPONENT.put("lazyStartProducer", () -> {
            try (CamelContext context = context()) {
                context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).setLazyStartProducer(true);
                assertTrue(context.getEndpoint("aws2-rekognition-video:faces", RekognitionVideo2Endpoint.class)
                        .isLazyStartProducer());
            }
        });
        COMPONENT.put("autowiredEnabled", () -> {
            try (RekognitionClient client = client(Region.US_EAST_1)) {
                for (boolean autowired : new boolean[] { true, false }) {
                    try (CamelContext context = new DefaultCamelContext()) {
                        context.getRegistry().bind("client", client);
                        RekognitionVideo2Component component = new RekognitionVideo2Component();
                        component.setAutowiredEnabled(autowired);
                        context.addComponent("aws2-rekognition-video", component);
                        context.start();
                        assertEquals(autowired ? client : null, component.getConfiguration().getRekognitionClient(),
                                "autowiredEnabled=" + autowired);
                    }
                }
            }
        });
        COMPONENT.put("healthCheckProducerEnabled", () -> {
            assertEquals(List.of(true), healthChecks("producer:", false));
            assertEquals(List.of(false), healthChecks("producer:", true));
        });
        COMPONENT.put("healthCheckConsumerEnabled", () -> {
            assertEquals(List.of(true), healthChecks("consumer:", false));
            assertEquals(List.of(false), healthChecks("consumer:", true));
        });
    }

    /** A component option's value is the default of every endpoint of the component. */
    private static void componentDefault(String option) throws Exception {
        JsonNode property = ComponentDescriptorTest.descriptor().get("componentProperties").get(option);
        Object value = sampleValue(property);
        try (CamelContext context = context()) {
            RekognitionVideo2Component component = context.getComponent("aws2-rekognition-video",
                    RekognitionVideo2Component.class);
            new RekognitionVideo2ComponentConfigurer().configure(context, component, option, value, true);
            RekognitionVideo2Endpoint endpoint = context.getEndpoint("aws2-rekognition-video:faces",
                    RekognitionVideo2Endpoint.class);
            assertEquals(value, new RekognitionVideo2EndpointConfigurer().getOptionValue(endpoint, option, true),
                    "the endpoint takes the component's " + option);
        }
    }

    /** A value of the option's type other than its default. */
    private static Object sampleValue(JsonNode property) {
        String type = property.get("javaType").asText();
        if (property.has("enum")) {
            JsonNode values = property.get("enum");
            String text = values.get(values.size() - 1).asText();
            return switch (type) {
                case "io.github.camelrekognition.video.RekognitionVideo2Operations" -> RekognitionVideo2Operations.valueOf(text);
                case "io.github.camelrekognition.video.RekognitionVideo2ResultMode" -> RekognitionVideo2ResultMode.valueOf(text);
                case "software.amazon.awssdk.core.Protocol" -> Protocol.valueOf(text);
                case "software.amazon.awssdk.core.retry.RetryMode" -> RetryMode.valueOf(text);
                default -> text;
            };
        }
        return switch (type) {
            case "boolean" -> !property.path("defaultValue").asBoolean(false);
            case "int", "java.lang.Integer" -> 7;
            case "long" -> 7000L;
            case "java.lang.Float" -> 42.5f;
            case "java.lang.String" -> "sample";
            case "org.apache.camel.spi.IdempotentRepository" -> new MemoryIdempotentRepository();
            case "org.apache.camel.spi.AggregationRepository" -> new MemoryAggregationRepository();
            case "software.amazon.awssdk.services.rekognition.RekognitionClient" -> client(Region.US_EAST_1);
            case "software.amazon.awssdk.services.sqs.SqsClient" -> SqsClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
            default -> throw new AssertionError("no sample value of " + type);
        };
    }

    /** Whether the producer's or consumer's health check is enabled, with the component option turned off or not. */
    private static List<Boolean> healthChecks(String prefix, boolean turnedOff) throws Exception {
        try (CamelContext context = context()) {
            RekognitionVideo2Component component = context.getComponent("aws2-rekognition-video",
                    RekognitionVideo2Component.class);
            component.setHealthCheckProducerEnabled(!(turnedOff && prefix.equals("producer:")));
            component.setHealthCheckConsumerEnabled(!(turnedOff && prefix.equals("consumer:")));
            HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
            route(context, "direct:start", "aws2-rekognition-video:faces");
            route(context, SQS, "mock:out");
            context.start();
            List<Boolean> enabled = new ArrayList<>();
            for (String repository : List.of("producers", "consumers")) {
                HealthCheckHelper.getHealthCheckRepository(context, repository).stream()
                        .filter(check -> check.getId().startsWith(prefix))
                        .forEach(check -> enabled.add(check.isEnabled()));
            }
            if (prefix.equals("consumer:")) {
                // the consumers repository wraps the consumer's own check: look at the consumer's
                enabled.clear();
                HealthCheck own = ((RekognitionVideo2QueueConsumer) context.getRoutes().stream()
                        .filter(r -> r.getConsumer() instanceof RekognitionVideo2QueueConsumer).findFirst().get().getConsumer())
                        .getHealthCheck();
                enabled.add(own.isEnabled());
            }
            return enabled;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /** Runs a check, then stops every CamelContext it made (some checks hand an endpoint or consumer back). */
    private static void run(Check check) throws Exception {
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
        server.answer(operation, operation.startsWith("Start") ? Map.of("JobId", "job-1")
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
