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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.BUCKET_NAME;
import static io.github.camelrekognition.video.RekognitionVideo2Constants.OBJECT_KEY;

/**
 * What a route adds to a StartFaceDetection call: {@code to("aws2-rekognition-video:faces")} from a direct endpoint
 * (headers to request, validation against the API model, the derived ClientRequestToken, the exchange) against the raw
 * SDK call {@code RekognitionClient.startFaceDetection} with the same request, both to the same
 * {@link RecordingRekognitionServer} on loopback (answering in parallel, recording nothing), with 1 and 8 callers.
 * <p>
 * {@code mvn -B -q -pl benchmarks -am test-compile exec:exec@bench-producer} (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class ProducerOverheadBenchmark {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:AmazonRekognitionFaces";
    static final String ROLE = "arn:aws:iam::123456789012:role/RekognitionPublishToSns";

    /** Calls of each path made in the set-up of each fork, before JMH's warm-up iterations. */
    static final int WARM_UP_CALLS = Integer.getInteger("bench.warmUpCalls", 5000);

    private RecordingRekognitionServer server;
    private RekognitionClient client;
    private CamelContext context;
    private ProducerTemplate template;
    private Endpoint start;
    private StartFaceDetectionRequest request;
    private Map<String, Object> headers;
    private RekognitionVideo2Producer producer;
    private Message message;
    private Endpoint noCall;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = new RecordingRekognitionServer();
        server.answerAlways("StartFaceDetection", Map.of("JobId", "job-1"));
        client = RekognitionClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "key")))
                .build();
        // the request the route sends, token included
        request = StartFaceDetectionRequest.builder()
                .video(v -> v.s3Object(o -> o.bucket("videos").name("clip.mp4")))
                .notificationChannel(n -> n.snsTopicArn(TOPIC).roleArn(ROLE))
                .clientRequestToken("0123456789abcdef0123456789abcdef0123456789a")
                .build();
        headers = Map.of(BUCKET_NAME, "videos", OBJECT_KEY, "clip.mp4");

        context = new DefaultCamelContext();
        context.getRegistry().bind("client", client);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("aws2-rekognition-video:faces?snsTopicArn=" + TOPIC + "&roleArn=" + ROLE);
                from("direct:noCall").process(exchange -> {
                });
            }
        });
        context.start();
        template = context.createProducerTemplate();
        // resolved once, as a route's consumer holds its endpoint: no URI lookup per call
        start = context.getEndpoint("direct:start");
        noCall = context.getEndpoint("direct:noCall");
        producer = (RekognitionVideo2Producer) context.getEndpoint(
                "aws2-rekognition-video:faces?snsTopicArn=" + TOPIC + "&roleArn=" + ROLE).createProducer();
        message = new DefaultExchange(context).getMessage();
        message.setHeaders(new HashMap<>(headers));
        // both paths must work before they are measured
        rawSdk();
        Exchange first = template.request(start, e -> e.getMessage().setHeaders(new HashMap<>(headers)));
        if (first.getException() != null) {
            throw first.getException();
        }
        // The code both paths share (the SDK client, the HTTP server) is compiled by the JIT during the first calls:
        // warm it up with every path, alternating, so that no benchmark pays for it in its warm-up iterations.
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            rawSdk();
            rawSdkNewRequest();
            route();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.stop();
        client.close();
        server.close();
    }

    @Benchmark
    @Threads(1)
    public Object rawSdk() {
        return client.startFaceDetection(request);
    }

    /**
     * The raw call as an application makes it for each new video: the same request, built for the call. A baseline of
     * {@link #main}, not of the JMH run.
     */
    public Object rawSdkNewRequest() {
        return client.startFaceDetection(b -> b
                .video(v -> v.s3Object(o -> o.bucket("videos").name("clip.mp4")))
                .notificationChannel(n -> n.snsTopicArn(TOPIC).roleArn(ROLE))
                .clientRequestToken("0123456789abcdef0123456789abcdef0123456789a"));
    }

    @Benchmark
    @Threads(1)
    public Object route() {
        return template.requestBodyAndHeaders(start, null, newHeaders());
    }

    /** The route's own work without the call: headers to a validated request, token included. */
    @Benchmark
    @Threads(1)
    public Object requestFromHeaders() throws Exception {
        message.setHeaders(newHeaders());
        return producer.request(RekognitionVideo2Operations.startFaceDetection, message);
    }

    /** The headers of a new message, as an aws2-s3 consumer sets them for each video: new String instances. */
    private static Map<String, Object> newHeaders() {
        Map<String, Object> headers = new HashMap<>(4);
        headers.put(BUCKET_NAME, new String("videos".toCharArray()));
        headers.put(OBJECT_KEY, new String("clip.mp4".toCharArray()));
        return headers;
    }

    /** What Camel costs a call without this component: the same template call through a route doing nothing. */
    @Benchmark
    @Threads(1)
    public Object routeWithoutCall() {
        return template.requestBodyAndHeaders(noCall, null, newHeaders());
    }

    @Benchmark
    @Threads(8)
    public Object rawSdk8Callers() {
        return client.startFaceDetection(request);
    }

    @Benchmark
    @Threads(8)
    public Object route8Callers() {
        return template.requestBodyAndHeaders(start, null, newHeaders());
    }

    /**
     * The raw call preceded by the component's own work for the same message (headers to a validated request, token
     * included), without Camel: what the component adds between two SDK calls, where its code and data are no longer in
     * the processor's caches. A path of {@link #main}.
     */
    public Object rawSdkAfterRequestFromHeaders() throws Exception {
        requestFromHeaders();
        return client.startFaceDetection(request);
    }

    /**
     * The raw call preceded by the validation of its request against the API model alone: a share of
     * {@link #rawSdkAfterRequestFromHeaders}.
     */
    public Object rawSdkAfterValidation() {
        RekognitionApiValidator.get().validate("StartFaceDetection", request, member -> member);
        return client.startFaceDetection(request);
    }

    /** The raw call preceded by the derivation of its ClientRequestToken alone: another share. */
    public Object rawSdkAfterToken() {
        ClientRequestTokens.derive("startFaceDetection", request);
        return client.startFaceDetection(request);
    }

    /** The raw call preceded by an empty Camel route ({@link #routeWithoutCall}): Camel's share, as above. */
    public Object rawSdkAfterEmptyRoute() {
        routeWithoutCall();
        return client.startFaceDetection(request);
    }

    /**
     * The route and the raw paths measured in rotating blocks in one JVM, so that the machine's drift over minutes
     * (which JMH's one-benchmark-after-the-other order turns into a difference between benchmarks) falls on all alike:
     * {@code blocks} blocks of {@code calls} calls of each path, each path first, second, ... in turn. Prints the mean
     * per-call time of each path, wall-clock and CPU time of the calling thread (the SDK's and the component's work run
     * there; the server answers on its own threads), and each path's mean paired difference to {@code rawSdk} with its
     * 95% confidence interval (normal approximation over the blocks).
     * <p>
     * {@code mvn -B -q -pl benchmarks -am test-compile exec:exec@bench-producer-paired} (docs/performance.md).
     */
    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        ProducerOverheadBenchmark benchmark = new ProducerOverheadBenchmark();
        benchmark.setUp();
        Map<String, Callable<Object>> paths = new LinkedHashMap<>();
        paths.put("rawSdk", benchmark::rawSdk);
        paths.put("rawSdkNewRequest", benchmark::rawSdkNewRequest);
        paths.put("route", benchmark::route);
        paths.put("rawSdkAfterRequestFromHeaders", benchmark::rawSdkAfterRequestFromHeaders);
        paths.put("rawSdkAfterValidation", benchmark::rawSdkAfterValidation);
        paths.put("rawSdkAfterToken", benchmark::rawSdkAfterToken);
        paths.put("rawSdkAfterEmptyRoute", benchmark::rawSdkAfterEmptyRoute);
        List<String> names = List.copyOf(paths.keySet());
        Map<String, double[]> wall = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        names.forEach(name -> {
            wall.put(name, new double[blocks]);
            cpu.put(name, new double[blocks]);
        });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int block = 0; block < blocks; block++) {
            // each path goes first, second, ... in turn
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + block) % names.size());
                long cpuStart = threads.getCurrentThreadCpuTime();
                wall.get(name)[block] = perCall(paths.get(name), calls);
                cpu.get(name)[block] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / calls;
            }
        }
        benchmark.tearDown();
        System.out.printf(Locale.ROOT, "PAIRED blocks=%d calls=%d%n", blocks, calls);
        for (String name : names) {
            System.out.printf(Locale.ROOT, "PAIRED %s wall=%.1f us (%s) cpu=%.1f us (%s)%n", name,
                    mean(wall.get(name)), versus(wall, name), mean(cpu.get(name)), versus(cpu, name));
        }
        System.exit(0);
    }

    /** The path's ratio to rawSdk and its mean paired difference, with its 95% confidence interval. */
    private static String versus(Map<String, double[]> times, String name) {
        double[] path = times.get(name);
        double[] raw = times.get("rawSdk");
        double[] differences = new double[path.length];
        for (int block = 0; block < path.length; block++) {
            differences[block] = path[block] - raw[block];
        }
        double difference = mean(differences);
        double variance = Arrays.stream(differences).map(d -> (d - difference) * (d - difference)).sum()
                          / (path.length - 1);
        return String.format(Locale.ROOT, "%.3fx rawSdk, %+.1f +/- %.1f us", mean(path) / mean(raw), difference,
                1.96 * Math.sqrt(variance / path.length));
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double perCall(Callable<Object> path, int calls) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            path.call();
        }
        return (System.nanoTime() - start) / 1e3 / calls;
    }
}
