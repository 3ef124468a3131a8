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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
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

import static io.github.camelrekognition.video.RekognitionVideo2Constants.BUCKET_NAME;
import static io.github.camelrekognition.video.RekognitionVideo2Constants.OBJECT_KEY;

/**
 * The first request of a fresh JVM. Each measure runs in a JVM of its own, with the servers (a
 * {@link RecordingRekognitionServer}, ElasticMQ) started before the clock starts:
 * <ul>
 * <li>{@code producer}: from {@code CamelContext.start()} (a route {@code direct -> aws2-rekognition-video}) to the
 * first StartFaceDetection request reaching the server: the endpoint's client is built, the API model read and its
 * rules made, the request validated and signed; baseline {@code rawSdk}: from building a {@code RekognitionClient} to
 * its first request reaching the server;</li>
 * <li>{@code consumer}: from {@code CamelContext.start()} to the first exchange of a completion already waiting in the
 * queue (15 faces), with {@code initialDelay=0} (Camel's default is 1000 ms before a consumer's first poll); baseline
 * {@code handWritten}: the same with an {@code aws2-sqs} route, Jackson and a GetFaceDetection paginator;</li>
 * <li>parts of the producer's first request, alone: {@code jacksonStart}, Jackson's databind reading its first
 * document; {@code apiModelRead}, the bundled API model read into the validator once Jackson has started.</li>
 * </ul>
 * {@code mvn -B -q -pl benchmarks -am test-compile exec:exec@bench-first} runs each 5 times (docs/performance.md).
 */
public final class FirstRequestBenchmark {

    private static final StaticCredentialsProvider CREDENTIALS
            = StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "key"));
    private static final List<String> MEASURES
            = List.of("rawSdk", "producer", "handWritten", "consumer", "jacksonStart", "apiModelRead");

    private FirstRequestBenchmark() {
    }

    /** Without arguments: runs every measure {@code runs} times in fresh JVMs and prints the table. */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("measure")) {
            System.out.printf(Locale.ROOT, "FIRST %.1f%n", measure(args[1]));
            System.exit(0);
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Map<String, List<Double>> results = new HashMap<>();
        for (int run = 0; run < runs; run++) {
            for (String measure : MEASURES) {
                results.computeIfAbsent(measure, k -> new ArrayList<>()).add(inFreshJvm(measure));
            }
        }
        System.out.println("| measure | runs (ms) | median (ms) |");
        System.out.println("| --- | --- | ---: |");
        for (String measure : MEASURES) {
            List<Double> times = results.get(measure);
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| `%s` | %s | %.1f |%n", measure,
                    String.join(", ", times.stream().map(t -> String.format(Locale.ROOT, "%.1f", t)).toList()),
                    sorted[sorted.length / 2]);
        }
    }

    private static double inFreshJvm(String measure) throws Exception {
        return Double.parseDouble(FreshJvm.runOk(Duration.ofMinutes(5), List.of("-Dsun.net.httpserver.nodelay=true"),
                FirstRequestBenchmark.class, "measure", measure).line("FIRST "));
    }

    /** One measure in this JVM: milliseconds from the start to the first request or exchange. */
    private static double measure(String measure) throws Exception {
        // what the producer's first request includes, measured alone (before anything in this JVM loads Jackson)
        if (measure.equals("jacksonStart")) {
            long start = System.nanoTime();
            new ObjectMapper().readTree("{}");
            return (System.nanoTime() - start) / 1e6;
        }
        if (measure.equals("apiModelRead")) {
            new ObjectMapper().readTree("{}");
            long start = System.nanoTime();
            RekognitionApiValidator.get();
            return (System.nanoTime() - start) / 1e6;
        }
        AtomicLong firstRequestAt = new AtomicLong();
        SQSRestServer sqsServer = null;
        try (RecordingRekognitionServer server = new RecordingRekognitionServer()) {
            FaceDetectionPages pages = new FaceDetectionPages(15);
            server.answerAlways("StartFaceDetection", request -> {
                firstRequestAt.compareAndSet(0, System.nanoTime());
                return "{\"JobId\":\"job-1\"}";
            });
            server.answerAlways("GetFaceDetection", pages::answer);
            switch (measure) {
                case "rawSdk" -> {
                    long start = System.nanoTime();
                    try (RekognitionClient client = client(server.endpoint())) {
                        client.startFaceDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("videos").name("clip.mp4"))));
                    }
                    return (firstRequestAt.get() - start) / 1e6;
                }
                case "producer" -> {
                    CamelContext context = new DefaultCamelContext();
                    context.addRoutes(new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("direct:start").to("aws2-rekognition-video:faces?region=us-east-1&accessKey=id"
                                                    + "&secretKey=key&overrideEndpoint=true&uriEndpointOverride="
                                                    + server.endpoint());
                        }
                    });
                    long start = System.nanoTime();
                    context.start();
                    Endpoint direct = context.getEndpoint("direct:start");
                    context.createProducerTemplate().sendBodyAndHeaders(direct, null,
                            Map.of(BUCKET_NAME, "videos", OBJECT_KEY, "clip.mp4"));
                    context.stop();
                    return (firstRequestAt.get() - start) / 1e6;
                }
                default -> {
                    sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                            .withAWSRegion("us-east-1").withAWSAccountId(LocalRekognitionVideo.ACCOUNT_ID).start();
                    URI sqsEndpoint = URI.create("http://127.0.0.1:" + sqsServer.waitUntilStarted().localAddress().getPort());
                    try (SqsClient sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.US_EAST_1)
                            .credentialsProvider(CREDENTIALS).build()) {
                        String queueUrl = sqs.createQueue(b -> b.queueName("completions")).queueUrl();
                        String notification = "{\"JobId\":\"job-1\",\"Status\":\"SUCCEEDED\",\"API\":\"StartFaceDetection\","
                                              + "\"Timestamp\":1,\"Video\":{\"S3ObjectName\":\"clip.mp4\","
                                              + "\"S3Bucket\":\"videos\"}}";
                        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(notification));
                        return firstExchange(measure, queueUrl, sqsEndpoint, server.endpoint());
                    }
                }
            }
        } finally {
            if (sqsServer != null) {
                sqsServer.stopAndWait();
            }
        }
    }

    private static double firstExchange(String measure, String queueUrl, URI sqsEndpoint, URI rekognitionEndpoint)
            throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        AtomicReference<RekognitionClient> handWrittenClient = new AtomicReference<>();
        AtomicReference<ObjectMapper> handWrittenJson = new AtomicReference<>();
        CamelContext context = new DefaultCamelContext();
        String aws = "region=us-east-1&accessKey=id&secretKey=key";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (measure.equals("consumer")) {
                    from("aws2-rekognition-video:faces?initialDelay=0&queueUrl=" + queueUrl + "&sqsUriEndpointOverride="
                         + sqsEndpoint + "&overrideEndpoint=true&uriEndpointOverride=" + rekognitionEndpoint + "&" + aws)
                            .process(exchange -> first.countDown());
                } else {
                    from("aws2-sqs://completions?initialDelay=0&queueUrl=" + queueUrl + "&overrideEndpoint=true"
                         + "&uriEndpointOverride=" + sqsEndpoint + "&" + aws)
                            .process(exchange -> {
                                // made at first use, inside the measure, as the component's parser loads Jackson
                                ObjectMapper json = handWrittenJson.updateAndGet(m -> m != null ? m : new ObjectMapper());
                                JsonNode notification = json.readTree(exchange.getMessage().getBody(String.class));
                                String jobId = notification.path("JobId").asText();
                                List<FaceDetection> faces = new ArrayList<>();
                                // built at first use, inside the measure, as the component builds its client at start
                                RekognitionClient client = handWrittenClient.updateAndGet(
                                        c -> c != null ? c : client(rekognitionEndpoint));
                                for (GetFaceDetectionResponse page : client.getFaceDetectionPaginator(b -> b.jobId(jobId))) {
                                    faces.addAll(page.faces());
                                }
                                exchange.getMessage().setBody(faces);
                                first.countDown();
                            });
                }
            }
        });
        long start = System.nanoTime();
        context.start();
        if (!first.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no exchange within 60 s");
        }
        double millis = (System.nanoTime() - start) / 1e6;
        context.stop();
        if (handWrittenClient.get() != null) {
            handWrittenClient.get().close();
        }
        return millis;
    }

    private static RekognitionClient client(URI endpoint) {
        return RekognitionClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
    }
}
