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
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Consumer throughput and latency, against the route a user would write instead: notifications of finished jobs (in SNS
 * envelopes, as SNS delivers them to SQS) are read from an ElasticMQ queue on loopback, and each job's faces are
 * fetched from a {@link RecordingRekognitionServer} on loopback through every GetFaceDetection page.
 * <ul>
 * <li>{@code component}: {@code from("aws2-rekognition-video:faces?queueUrl=...")}, aggregate mode (the default), each
 * envelope's SNS signature verified (the default; signed with a key the benchmark makes, whose certificate the route
 * trusts through {@code snsSigningCertificate});</li>
 * <li>{@code hand-written}: {@code from("aws2-sqs:...")} with the same queue-reading options, Jackson for the envelope
 * and the notification, and a GetFaceDetection paginator collecting the faces into one list.</li>
 * </ul>
 * For each job size, number of consumers and set of options: <b>throughput</b>, the jobs emitted per second while
 * draining a queue that holds {@code notifications} messages at the start; <b>latency</b>, from sending a notification
 * to the queue to the exchange with its faces reaching the end of the route, for {@code paced} notifications sent one
 * at a time at a pace the route keeps up with (p50, p99). Each variant runs {@code bench.repeats} times (2 by default),
 * every other time in the reverse order; throughput is the mean of its runs, latency percentiles are of all its runs.
 * <p>
 * Arguments: {@code notifications paced [route:options...]}, each options a URI query (default: the hand-written route
 * with its defaults and with {@code greedy=true}, the component with {@code greedy=false}, as it read the queue before
 * it read greedily, and with its defaults); system properties {@code bench.jobs} (the start of a job size's name, e.g.
 * {@code 100}) and {@code bench.routes} ({@code component} or {@code hand-written}) select runs.
 * {@code mvn -B -q -pl benchmarks -am test-compile exec:exec@bench-consumer} (docs/performance.md).
 */
public final class ConsumerThroughputBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:AmazonRekognitionFaces";
    private static final Path KEYS = keys();
    private static final SnsTestSigner SNS = SnsTestSigner.create(KEYS);
    private static final Path CERTIFICATE = KEYS.resolve("sns.pem");

    private static Path keys() {
        try {
            return Files.createTempDirectory("sns-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jobs of a run: how many faces each has, in pages of {@code pageSize} (the consumer's maxResults). */
    record Jobs(String name, int faces, int pageSize) {
    }

    /** One run: the queue drained in {@code seconds}, and the latency of each paced notification. */
    record Run(double jobsPerSecond, long[] latencies) {
    }

    /** The runs of one route and options: throughput averaged, latencies pooled. */
    record Result(String jobs, int consumers, String options, String route, List<Run> runs) {

        double jobsPerSecond() {
            return runs.stream().mapToDouble(Run::jobsPerSecond).average().orElseThrow();
        }

        double percentile(double p) {
            long[] all = runs.stream().flatMapToLong(run -> Arrays.stream(run.latencies())).sorted().toArray();
            return all[(int) Math.ceil(p * all.length) - 1] / 1e6;
        }
    }

    private ConsumerThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Files.writeString(CERTIFICATE, SNS.certificatePem());
        int notifications = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int paced = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        // route:options; the component with greedy=false reads the queue as it did before it read greedily
        List<String> variants = args.length > 2
                ? Arrays.asList(args).subList(2, args.length)
                : List.of("hand-written:", "hand-written:greedy=true", "component:greedy=false", "component:");
        List<Jobs> jobSizes = List.of(new Jobs("15 faces, 3 pages", 15, 5), new Jobs("100 faces, 1 page", 100, 1000),
                new Jobs("5,000 faces, 5 pages", 5000, 1000));

        SQSRestServer sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                .withAWSRegion("us-east-1").withAWSAccountId(LocalRekognitionVideo.ACCOUNT_ID).start();
        URI sqsEndpoint = URI.create("http://127.0.0.1:" + sqsServer.waitUntilStarted().localAddress().getPort());
        StaticCredentialsProvider credentials
                = StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "key"));
        List<Result> results = new ArrayList<>();
        try (RecordingRekognitionServer rekognition = new RecordingRekognitionServer();
             SqsClient sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build();
             RekognitionClient rekognitionClient = RekognitionClient.builder().endpointOverride(rekognition.endpoint())
                     .region(Region.US_EAST_1).credentialsProvider(credentials).build()) {
            Map<Integer, FaceDetectionPages> pagesByFaces = new ConcurrentHashMap<>();
            // the job id says how many faces the job has: job-<faces>-<run>-<n>
            rekognition.answerAlways("GetFaceDetection", request -> pagesByFaces
                    .computeIfAbsent(Integer.parseInt(request.path("JobId").asText().split("-")[1]), FaceDetectionPages::new)
                    .answer(request));
            int run = 0;
            int repeats = Integer.getInteger("bench.repeats", 2);
            for (Jobs jobs : jobSizes) {
                if (!jobs.name().startsWith(System.getProperty("bench.jobs", ""))) {
                    continue;
                }
                for (int consumers : new int[] { 1, 4 }) {
                    Map<String, Result> byVariant = new LinkedHashMap<>();
                    for (int repeat = 0; repeat < repeats; repeat++) {
                        // every other repeat in the reverse order: no variant always runs first or last
                        List<String> order = new ArrayList<>(variants);
                        if (repeat % 2 == 1) {
                            Collections.reverse(order);
                        }
                        for (String variant : order) {
                            String route = variant.substring(0, variant.indexOf(':'));
                            String options = variant.substring(variant.indexOf(':') + 1);
                            if (!System.getProperty("bench.routes", route).contains(route)) {
                                continue;
                            }
                            Run measured = measure(++run, jobs, consumers, options, route, notifications, paced, sqs,
                                    sqsEndpoint, rekognitionClient);
                            byVariant.computeIfAbsent(variant,
                                    v -> new Result(jobs.name(), consumers, options, route, new ArrayList<>()))
                                    .runs().add(measured);
                            System.out.printf(Locale.ROOT, "run %d: %s, %d consumers, %s %s: %.1f jobs/s%n", run,
                                    jobs.name(), consumers, route, options, measured.jobsPerSecond());
                        }
                    }
                    results.addAll(byVariant.values());
                }
            }
        } finally {
            sqsServer.stopAndWait();
        }
        System.out.println();
        System.out.println("| jobs | consumers | options | route | jobs/s | p50 latency (ms) | p99 latency (ms) |");
        System.out.println("| --- | ---: | --- | --- | ---: | ---: | ---: |");
        results.forEach(result -> System.out.println(row(result)));
        System.exit(0);
    }

    private static String row(Result r) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.1f | %.1f |", r.jobs(), r.consumers(),
                r.options().isEmpty() ? "defaults" : "`" + r.options() + "`", r.route(), r.jobsPerSecond(),
                r.percentile(0.50), r.percentile(0.99));
    }

    private static Run measure(
            int run, Jobs jobs, int consumers, String options, String route, int notifications, int paced, SqsClient sqs,
            URI sqsEndpoint, RekognitionClient rekognitionClient)
            throws Exception {
        String queueName = "completions-" + run;
        String queueUrl = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
        String readOptions = "concurrentConsumers=" + consumers + "&waitTimeSeconds=20&maxMessagesPerPoll=10"
                             + (options.isEmpty() ? "" : "&" + options);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long[] latencies = new long[paced];
        AtomicInteger emitted = new AtomicInteger();
        AtomicInteger pacedEmitted = new AtomicInteger();
        CountDownLatch drained = new CountDownLatch(notifications);
        CountDownLatch pacedDone = new CountDownLatch(paced);

        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("rekognitionClient", rekognitionClient);
        context.getRegistry().bind("sqs", sqs);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String from = route.equals("component")
                        ? "aws2-rekognition-video:faces?queueUrl=" + queueUrl + "&sqsClient=#sqs&maxResults="
                          + jobs.pageSize() + "&snsSigningCertificate=file:" + CERTIFICATE + "&" + readOptions
                        : "aws2-sqs://" + queueName + "?amazonSQSClient=#sqs&queueUrl=" + queueUrl + "&" + readOptions;
                (route.equals("component")
                        ? from(from) : from(from).process(exchange -> handWritten(exchange,
                                rekognitionClient, jobs.pageSize())))
                        .process(exchange -> {
                            long now = System.nanoTime();
                            String jobId = exchange.getMessage().getHeader(RekognitionVideo2Constants.JOB_ID, String.class);
                            if (exchange.getMessage().getBody(List.class).size() != jobs.faces()) {
                                throw new IllegalStateException("job " + jobId + " emitted without all its faces");
                            }
                            Long sent = sentAt.remove(jobId);
                            if (jobId.endsWith("-paced")) {
                                latencies[pacedEmitted.getAndIncrement()] = now - sent;
                                pacedDone.countDown();
                            } else {
                                emitted.incrementAndGet();
                                drained.countDown();
                            }
                        });
            }
        });

        // throughput: a queue of notifications at the start
        for (int i = 0; i < notifications; i++) {
            send(sqs, queueUrl, "job-" + jobs.faces() + "-" + run + "-" + i, sentAt);
        }
        long started = System.nanoTime();
        context.start();
        if (!drained.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the queue was not drained: " + emitted.get() + " of " + notifications);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // latency: one notification at a time, at a pace below the measured throughput
        long pace = (long) Math.max(20, 2000 / (notifications / seconds));
        for (int i = 0; i < paced; i++) {
            send(sqs, queueUrl, "job-" + jobs.faces() + "-" + run + "-" + i + "-paced", sentAt);
            Thread.sleep(pace);
        }
        if (!pacedDone.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("paced notifications not emitted: " + pacedEmitted.get() + " of " + paced);
        }
        // every message deleted and no exchange in flight before the route stops: nothing comes back, nothing is
        // interrupted (the queue is kept: a receive still waiting on it when the route stops just ends empty)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((ConsumerTestSupport.messagesIn(sqs, queueUrl) > 0 || context.getInflightRepository().size() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        context.stop();

        return new Run(notifications / seconds, latencies);
    }

    private static void send(SqsClient sqs, String queueUrl, String jobId, Map<String, Long> sentAt) {
        ObjectNode notification = JSON.createObjectNode().put("JobId", jobId).put("Status", "SUCCEEDED")
                .put("API", "StartFaceDetection").put("Timestamp", System.currentTimeMillis());
        notification.putObject("Video").put("S3ObjectName", "clip.mp4").put("S3Bucket", "videos");
        ObjectNode envelope = SNS.sign(JSON.createObjectNode().put("Type", "Notification").put("MessageId", jobId)
                .put("TopicArn", TOPIC).put("Message", notification.toString())
                .put("Timestamp", Instant.now().toString()).put("SignatureVersion", "1")
                .put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-bench.pem"));
        sentAt.put(jobId, System.nanoTime());
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(envelope.toString()));
    }

    /** The route a user would write without the component: parse the envelope, fetch every page, one list. */
    private static void handWritten(Exchange exchange, RekognitionClient rekognition, int pageSize) throws Exception {
        JsonNode envelope = JSON.readTree(exchange.getMessage().getBody(String.class));
        JsonNode notification = JSON.readTree(envelope.path("Message").asText());
        String jobId = notification.path("JobId").asText();
        if (!"SUCCEEDED".equals(notification.path("Status").asText())) {
            throw new IllegalStateException("job " + jobId + " did not succeed");
        }
        List<FaceDetection> faces = new ArrayList<>();
        for (GetFaceDetectionResponse page : rekognition.getFaceDetectionPaginator(b -> b.jobId(jobId).maxResults(pageSize))) {
            faces.addAll(page.faces());
        }
        exchange.getMessage().setHeader(RekognitionVideo2Constants.JOB_ID, jobId);
        exchange.getMessage().setBody(faces);
    }
}
