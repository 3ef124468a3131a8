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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.BridgeExceptionHandlerToErrorHandler;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer's options: what it emits (polling, against the recording server), or what reads the queue (SQS mode: the
 * configuration of Camel's aws2-sqs consumer, whose first poll is an hour away).
 */
class ConsumerOptionsTest extends OptionChecks {

    static final Map<String, Check> CHECKS = new TreeMap<>();

    static {
        CHECKS.put("label", () -> {
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
        CHECKS.put("queueUrl", () -> {
            assertEquals(QUEUE_URL, sqs(queueReading("")).getQueueUrl());
            try (CamelContext context = context()) {
                route(context, "aws2-rekognition-video:faces?initialDelay=3600000", "mock:out");
                context.start();
                assertInstanceOf(RekognitionVideo2PollingConsumer.class, context.getRoutes().get(0).getConsumer(),
                        "polls GetFaceDetection without a queueUrl");
            }
        });
        CHECKS.put("resultMode", () -> assertEquals(2, polled("resultMode=item", 2).size(), "one exchange per face"));
        CHECKS.put("maxResults", () -> {
            polled("maxResults=7", 1);
            List<RecordingRekognitionServer.Request> gets = server.requests("GetFaceDetection");
            assertEquals(7, gets.get(gets.size() - 1).body().get("MaxResults").asInt(), "the page size of the fetch");
        });
        CHECKS.put("notificationApi", () -> {
            assertEquals(1, polled("", 1).size(), "face detection completions are taken by default");
            assertEquals(0, polled("notificationApi=StartLabelDetection", 1).size(), "others are not");
            assertEquals(1, polled("notificationApi=StartLabelDetection, StartFaceDetection", 1).size(),
                    "a list of analyses");
            Exception refused = refused("aws2-rekognition-video:faces?notificationApi=StartFaceDetection,DetectFaces",
                    Map.of());
            assertEquals("option notificationApi: 'DetectFaces' is not the Start operation of a Rekognition Video "
                         + "analysis: must be one or more of [StartFaceDetection, StartLabelDetection, "
                         + "StartCelebrityRecognition, StartContentModeration, StartFaceSearch, StartSegmentDetection, "
                         + "StartTextDetection, StartPersonTracking], separated by commas",
                    refused.getMessage());
        });
        CHECKS.put("idempotentRepository", () -> {
            MemoryIdempotentRepository repository = new MemoryIdempotentRepository();
            polled("idempotentRepository=#repository", 1, Map.of("repository", repository));
            assertTrue(repository.contains("job-1:SUCCEEDED"), "the emitted completion is recorded in the given one");
        });
        CHECKS.put("inProgressRepository", () -> {
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
        CHECKS.put("startedJobsRepository", () -> {
            MemoryAggregationRepository started = new MemoryAggregationRepository();
            server.reset();
            server.answer("StartFaceDetection", Map.of("JobId", "job-1")).answer("StartFaceDetection",
                    Map.of("JobId", "job-2"));
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
        CHECKS.put("reconcileInterval", () -> {
            MemoryAggregationRepository started = new MemoryAggregationRepository();
            server.reset();
            server.answer("GetFaceDetection", Map.of("JobStatus", "SUCCEEDED", "JobTag", "t", "Video",
                    Map.of("S3Object", Map.of("Bucket", "videos", "Name", "a.mp4"))));
            try (CamelContext context = context()) {
                StartedJobs.record(started, context, RekognitionVideo2Analysis.FACE_DETECTION, "job-1", 0, null);
                // a job of an analysis this consumer does not take (notificationApi): left to the consumer that does
                StartedJobs.record(started, context, RekognitionVideo2Analysis.LABEL_DETECTION, "job-2", 0, null);
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
        CHECKS.put("reconcileAfter", () -> {
            MemoryAggregationRepository started = new MemoryAggregationRepository();
            server.reset();
            try (CamelContext context = context()) {
                StartedJobs.record(started, context, RekognitionVideo2Analysis.FACE_DETECTION, "job-1",
                        System.currentTimeMillis(), null);
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
        CHECKS.put("sendEmptyMessageWhenIdle", () -> {
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
        CHECKS.put("exchangePattern", () -> {
            try (CamelContext context = context()) {
                ScheduledPollConsumer reading = queueReading(context, "exchangePattern=InOut&resultMode=notification");
                process(reading, NOTIFICATION.formatted("StartFaceDetection"));
                assertEquals(ExchangePattern.InOut, context.getEndpoint("mock:out", MockEndpoint.class)
                        .getReceivedExchanges().get(0).getPattern());
            }
        });
        CHECKS.put("deleteIfFiltered", () -> {
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
        CHECKS.put("verifyNotificationSignature", () -> {
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
        CHECKS.put("requireSignedNotifications", () -> {
            try (CamelContext context = context()) {
                assertInstanceOf(UntrustedNotificationException.class, failure(process(queueReading(context,
                        "resultMode=notification&requireSignedNotifications=true"),
                        NOTIFICATION.formatted("StartFaceDetection"))));
            }
            refusedWithoutQueue("requireSignedNotifications=true");
        });
        CHECKS.put("notificationTopicArns", () -> {
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
        CHECKS.put("snsSigningCertificate", () -> {
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
        CHECKS.put("waitTimeSeconds", () -> {
            assertEquals(7, sqs(queueReading("waitTimeSeconds=7")).getWaitTimeSeconds());
            refusedWithoutQueue("waitTimeSeconds=7");
        });
        CHECKS.put("maxMessagesPerPoll", () -> {
            assertEquals(4, ((Sqs2Endpoint) queueReading("maxMessagesPerPoll=4").getEndpoint()).getMaxMessagesPerPoll());
            refusedWithoutQueue("maxMessagesPerPoll=4");
        });
        CHECKS.put("concurrentConsumers", () -> {
            assertEquals(3, sqs(queueReading("concurrentConsumers=3")).getConcurrentConsumers());
            refusedWithoutQueue("concurrentConsumers=3");
        });
        CHECKS.put("visibilityTimeout", () -> {
            assertEquals(45, sqs(queueReading("visibilityTimeout=45")).getVisibilityTimeout());
            refusedWithoutQueue("visibilityTimeout=45");
        });
        CHECKS.put("extendMessageVisibility", () -> {
            assertFalse(sqs(queueReading("extendMessageVisibility=false")).isExtendMessageVisibility());
            refusedWithoutQueue("extendMessageVisibility=false");
        });
        CHECKS.put("sqsUriEndpointOverride", () -> {
            ScheduledPollConsumer reading = queueReading("sqsUriEndpointOverride=http://127.0.0.1:2");
            assertEquals(Optional.of(URI.create("http://127.0.0.1:2")),
                    sqs(reading).getAmazonSQSClient().serviceClientConfiguration().endpointOverride());
            refusedWithoutQueue("sqsUriEndpointOverride=http://127.0.0.1:2");
        });
        CHECKS.put("sqsClient", () -> {
            try (SqsClient client = SqsClient.builder().region(Region.US_EAST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:1"))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
                assertSame(client, ((CompletionQueueClient) sqs(queueReading("sqsClient=#sqs", Map.of("sqs", client)))
                        .getAmazonSQSClient()).client(), "the queue is read with the given client");
                refusedWithoutQueue("sqsClient=#sqs", Map.of("sqs", client));
            }
        });
        // results stored by reference, over the wire with the local server's S3: LargeResultsIT
        CHECKS.put("largeResultBucket", () -> {
            RekognitionVideo2Endpoint endpoint = largeResultsEndpoint("");
            assertEquals("rekognition-video-results/job-1/SUCCEEDED-page-2.json",
                    LargeResults.of(endpoint).key(notification("job-1"), "page-2"));
            assertEquals("option largeResultBucket: must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots "
                         + "and hyphens, starting and ending with a letter or digit (it is 's3://results'; give the name, "
                         + "not an s3:// URI or an ARN)",
                    refused("aws2-rekognition-video:faces?largeResultBucket=s3://results", Map.of()).getMessage());
            assertEquals("option largeResultBucket: stores results, and resultMode notification emits none: leave "
                         + "largeResultBucket out, or choose the aggregate, page or item result mode",
                    refused("aws2-rekognition-video:faces?resultMode=notification&largeResultBucket=results", Map.of())
                            .getMessage());
        });
        CHECKS.put("largeResultKeyPrefix", () -> {
            assertEquals("clips/faces/job-1/SUCCEEDED.json", LargeResults.of(
                    largeResultsEndpoint("largeResultKeyPrefix=clips/faces/")).key(notification("job-1"), null));
            assertEquals("option largeResultKeyPrefix: must not start with '/' and must be at most 512 characters, so "
                         + "that the S3 keys it starts stay under S3's 1,024 bytes (it is '/clips/')",
                    refused("aws2-rekognition-video:faces?largeResultBucket=results&largeResultKeyPrefix=/clips/",
                            Map.of()).getMessage());
            refusedWithoutBucket("largeResultKeyPrefix=clips/");
        });
        CHECKS.put("largeResultLimit", () -> {
            assertEquals(1_000_000, largeResultsEndpoint("").getConfiguration().getLargeResultLimit(),
                    "under Kafka's default maximum message size");
            assertEquals("option largeResultLimit: must be at least 1 byte (it is 0)",
                    refused("aws2-rekognition-video:faces?largeResultBucket=results&largeResultLimit=0", Map.of())
                            .getMessage());
            refusedWithoutBucket("largeResultLimit=1000");
        });
        CHECKS.put("s3UriEndpointOverride", () -> {
            assertEquals(Optional.of(URI.create("http://127.0.0.1:2")),
                    largeResultsEndpoint("s3UriEndpointOverride=http://127.0.0.1:2").getS3Client()
                            .serviceClientConfiguration().endpointOverride());
            refusedWithoutBucket("s3UriEndpointOverride=http://127.0.0.1:2");
        });
        CHECKS.put("s3Client", () -> {
            try (S3Client client = S3Client.builder().region(Region.US_EAST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:1"))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
                CamelContext context = context();
                context.getRegistry().bind("s3", client);
                assertSame(client, largeResultsEndpoint(context, "s3Client=#s3").getS3Client(),
                        "results are stored with the given client");
            }
        });
        CHECKS.put("bridgeErrorHandler", () -> {
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
        CHECKS.put("exceptionHandler", () -> {
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
        CHECKS.put("pollStrategy", () -> {
            PollingConsumerPollStrategy strategy = new DefaultPollingConsumerPollStrategy();
            assertSame(strategy, queueReading("pollStrategy=#strategy", Map.of("strategy", strategy)).getPollStrategy());
        });
    }

    /** A started polling consumer's endpoint that stores large results in the bucket "results". */
    static RekognitionVideo2Endpoint largeResultsEndpoint(String options) throws Exception {
        return largeResultsEndpoint(context(), options);
    }

    static RekognitionVideo2Endpoint largeResultsEndpoint(CamelContext context, String options) throws Exception {
        route(context, "aws2-rekognition-video:faces?initialDelay=3600000&largeResultBucket=results"
                       + (options.isEmpty() ? "" : "&" + options),
                "mock:out");
        context.start();
        return (RekognitionVideo2Endpoint) context.getRoutes().get(0).getEndpoint();
    }

    static RekognitionVideo2Notification notification(String jobId) throws Exception {
        return RekognitionVideo2Notification.parse(
                "{\"JobId\":\"" + jobId + "\",\"Status\":\"SUCCEEDED\",\"API\":\"StartFaceDetection\","
                                                   + "\"Timestamp\":1,\"Video\":{\"S3ObjectName\":\"a.mp4\","
                                                   + "\"S3Bucket\":\"videos\"}}");
    }

    /** A consumer with an option of results stored by reference and no largeResultBucket does not start. */
    static void refusedWithoutBucket(String options) throws Exception {
        String option = options.substring(0, options.indexOf('='));
        assertEquals("option " + option + ": applies to results stored by reference, and largeResultBucket is not set: "
                     + "set largeResultBucket, or leave " + option + " out",
                refused("aws2-rekognition-video:faces?" + options, Map.of()).getMessage());
    }

    @TestFactory
    Stream<DynamicTest> checks() {
        return dynamicTests(CHECKS);
    }
}
