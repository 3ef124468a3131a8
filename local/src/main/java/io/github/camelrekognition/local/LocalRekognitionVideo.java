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
package io.github.camelrekognition.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A local Amazon Rekognition Video: an HTTP server speaking Rekognition's protocol (StartFaceDetection and
 * GetFaceDetection) that reads videos from an S3-compatible server, detects faces in them, and publishes the completion
 * to an SNS topic whose subscribed SQS queues receive it. In all-in-one mode (the default) it also runs an embedded
 * S3-compatible server (s3proxy) and SQS-compatible server (ElasticMQ); SNS is always its own.
 * <p>
 * The unmodified AWS SDK clients talk to it through {@code endpointOverride}; {@link #rekognitionClient()},
 * {@link #s3Client()}, {@link #sqsClient()} and {@link #snsClient()} hand out ready ones. Any credentials are accepted.
 *
 * <pre>
 * try (LocalRekognitionVideo local = LocalRekognitionVideo.builder().start()) {
 *     local.s3Client().createBucket(b -&gt; b.bucket("videos"));
 *     ...
 * }
 * </pre>
 */
public final class LocalRekognitionVideo implements AutoCloseable {

    static {
        // The JDK's HttpServer (Rekognition and SNS here) sends an answer only after the client's delayed ACK, about
        // 40 ms a call on loopback, unless Nagle's algorithm is off for it. Read once, when the JVM's first HttpServer
        // starts; a value set by the user (-Dsun.net.httpserver.nodelay=false) is kept.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LocalRekognitionVideo.class);

    /** The account id of the ARNs this server makes. */
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    /** The settings of a server; see {@link Builder}. */
    public record Settings(String host, int rekognitionPort, int snsPort, int s3Port, int sqsPort, URI s3Endpoint,
            URI sqsEndpoint, String region, int maxConcurrentJobs, long maxVideoBytes, int workers,
            DetectorSettings detector, Faults faults, Path stateDirectory) {
    }

    private final Settings settings;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<SdkClient> clients = new ArrayList<>();
    private S3Proxy s3Proxy;
    private SQSRestServer sqsServer;
    private HttpServer rekognitionServer;
    private HttpServer snsServer;
    private URI s3Endpoint;
    private URI sqsEndpoint;
    private SnsEmulator sns;
    private VideoJobs jobs;
    private FaultInjector faultInjector;

    private LocalRekognitionVideo(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All-in-one on free ports of loopback, with the default settings. */
    public static LocalRekognitionVideo start() {
        return builder().start();
    }

    private LocalRekognitionVideo doStart() throws Exception {
        long started = System.nanoTime();
        s3Endpoint = settings.s3Endpoint() != null
                ? settings.s3Endpoint()
                : bind("S3", settings.s3Port(), "s3Port", this::startS3);
        sqsEndpoint = settings.sqsEndpoint() != null
                ? settings.sqsEndpoint()
                : bind("SQS", settings.sqsPort(), "sqsPort", this::startSqs);

        ExecutorService httpThreads = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "rekognition-video-http");
            thread.setDaemon(true);
            return thread;
        });
        resources.add(httpThreads::shutdownNow);

        snsServer = bind("SNS", settings.snsPort(), "snsPort",
                () -> HttpServer.create(new InetSocketAddress(settings.host(), settings.snsPort()), 0));
        JobStore store = settings.stateDirectory() == null ? null : new JobStore(settings.stateDirectory());
        sns = new SnsEmulator(
                settings.region(), ACCOUNT_ID, this::snsEndpoint, sqsClient(), Clock.systemUTC(),
                store == null ? SnsEmulator.newSigningKey() : store.snsSigningKey(SnsEmulator::newSigningKey), store);
        snsServer.createContext("/", sns);
        snsServer.setExecutor(httpThreads);
        snsServer.start();
        resources.add(() -> snsServer.stop(0));

        faultInjector = new FaultInjector(settings.faults());
        ModelValidator validator = new ModelValidator();
        FaceCollections collections = new FaceCollections(settings.region(), ACCOUNT_ID, Clock.systemUTC());
        jobs = new VideoJobs(
                s3Client(), snsClient(), settings, store, Clock.systemUTC(), faultInjector, validator,
                collections);
        faultInjector.moreStats(jobs::stats);
        resources.add(jobs);
        rekognitionServer = bind("Rekognition", settings.rekognitionPort(), "rekognitionPort",
                () -> HttpServer.create(new InetSocketAddress(settings.host(), settings.rekognitionPort()), 0));
        rekognitionServer.createContext("/", new RekognitionHandler(validator, jobs, collections, faultInjector));
        rekognitionServer.createContext("/_local/", faultInjector);
        rekognitionServer.setExecutor(httpThreads);
        rekognitionServer.start();
        resources.add(() -> rekognitionServer.stop(0));

        LOG.info("Local Rekognition Video started in {} ms: Rekognition {}, SNS {}, S3 {}{}, SQS {}{}",
                (System.nanoTime() - started) / 1_000_000, rekognitionEndpoint(), snsEndpoint(), s3Endpoint,
                settings.s3Endpoint() == null ? " (embedded)" : "", sqsEndpoint,
                settings.sqsEndpoint() == null ? " (embedded)" : "");
        return this;
    }

    /** Runs {@code start}; a port already in use is reported with the service, the port and the setting to change. */
    private <T> T bind(String service, int port, String setting, Callable<T> start) throws Exception {
        try {
            return start.call();
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new IllegalStateException(
                            "port " + port + " of " + settings.host() + " for " + service
                                                    + " is already in use: stop what uses it, or choose another port ("
                                                    + setting + ", --" + setting.replace("Port", "-port")
                                                    + " of the program; 0 for a free one)",
                            e);
                }
            }
            throw e;
        }
    }

    private URI startS3() throws Exception {
        s3Proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://" + settings.host() + ":" + settings.s3Port()))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        s3Proxy.start();
        while (!"STARTED".equals(s3Proxy.getState())) {
            Thread.sleep(10);
        }
        resources.add(s3Proxy::stop);
        return URI.create("http://" + settings.host() + ":" + s3Proxy.getPort());
    }

    private URI startSqs() {
        sqsServer = (settings.sqsPort() == 0
                ? SQSRestServerBuilder.withInterface(settings.host()).withDynamicPort()
                : SQSRestServerBuilder.withInterface(settings.host()).withPort(settings.sqsPort()))
                .withAWSRegion(settings.region())
                .withAWSAccountId(ACCOUNT_ID)
                .start();
        int port = sqsServer.waitUntilStarted().localAddress().getPort();
        resources.add(sqsServer::stopAndWait);
        return URI.create("http://" + settings.host() + ":" + port);
    }

    public Settings settings() {
        return settings;
    }

    /** The faults injected now (see {@link Faults}); also {@code GET /_local/faults} of the Rekognition endpoint. */
    public Faults faults() {
        return faultInjector.faults();
    }

    /** Injects {@code faults} from now on; also {@code PUT /_local/faults} of the Rekognition endpoint. */
    public void faults(Faults faults) {
        faultInjector.faults(faults);
    }

    /**
     * The calls answered by operation ({@code calls.<Operation>}) and the faults injected
     * ({@code throttled.<Operation>}, {@code errors.<Operation>}, {@code notifications.dropped},
     * {@code notifications.duplicated}), the Start calls refused for the concurrent-job limit
     * ({@code limitExceeded.<Operation>}), the jobs in progress now ({@code jobs.inProgress}) and the time jobs spent
     * in progress, summed over the jobs ({@code jobs.inProgressMillis}), since the start; also
     * {@code GET /_local/stats}.
     */
    public Map<String, Long> stats() {
        return faultInjector.stats();
    }

    public URI rekognitionEndpoint() {
        return URI.create("http://" + settings.host() + ":" + rekognitionServer.getAddress().getPort());
    }

    public URI snsEndpoint() {
        return URI.create("http://" + settings.host() + ":" + snsServer.getAddress().getPort());
    }

    /**
     * Where the public key the local SNS signs its envelopes with is served (PEM): the certificate a consumer of its
     * notifications trusts ({@code snsSigningCertificate}).
     */
    public URI snsSigningCertificate() {
        return snsEndpoint().resolve(SnsEmulator.KEY_PATH);
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public String region() {
        return settings.region();
    }

    /** The ARN of an SNS topic of this server named {@code name} (create it with CreateTopic first). */
    public String topicArn(String name) {
        return "arn:aws:sns:" + settings.region() + ":" + ACCOUNT_ID + ":" + name;
    }

    /** An IAM role ARN that satisfies the Rekognition API's pattern; the local server does not check IAM. */
    public String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT_ID + ":role/" + name;
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** A Rekognition client of this server, closed with it. */
    public synchronized RekognitionClient rekognitionClient() {
        return keep(RekognitionClient.builder().endpointOverride(rekognitionEndpoint())
                .region(Region.of(settings.region())).credentialsProvider(credentials()).build());
    }

    /** An S3 client (path-style) of this server's S3 endpoint, closed with it. */
    public synchronized S3Client s3Client() {
        return keep(S3Client.builder().endpointOverride(s3Endpoint).forcePathStyle(true)
                .region(Region.of(settings.region())).credentialsProvider(credentials()).build());
    }

    /** An SQS client of this server's SQS endpoint, closed with it. */
    public synchronized SqsClient sqsClient() {
        return keep(SqsClient.builder().endpointOverride(sqsEndpoint)
                .region(Region.of(settings.region())).credentialsProvider(credentials()).build());
    }

    /** An SNS client of this server, closed with it. */
    public synchronized SnsClient snsClient() {
        return keep(SnsClient.builder().endpointOverride(snsEndpoint())
                .region(Region.of(settings.region())).credentialsProvider(credentials()).build());
    }

    private <C extends SdkClient> C keep(C client) {
        clients.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        clients.forEach(SdkClient::close);
        clients.clear();
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debug("Error while stopping", e);
            }
        }
        resources.clear();
    }

    /** Settings of a server; every port defaults to 0, a free one. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int rekognitionPort;
        private int snsPort;
        private int s3Port;
        private int sqsPort;
        private URI s3Endpoint;
        private URI sqsEndpoint;
        private String region = "us-east-1";
        private int maxConcurrentJobs = 20;
        private long maxVideoBytes = 10L * 1024 * 1024 * 1024;
        private int workers = Runtime.getRuntime().availableProcessors();
        private DetectorSettings detector = DetectorSettings.defaults();
        private Faults faults = Faults.none();
        private Path stateDirectory;

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder rekognitionPort(int port) {
            this.rekognitionPort = port;
            return this;
        }

        public Builder snsPort(int port) {
            this.snsPort = port;
            return this;
        }

        public Builder s3Port(int port) {
            this.s3Port = port;
            return this;
        }

        public Builder sqsPort(int port) {
            this.sqsPort = port;
            return this;
        }

        /** Read videos from this S3-compatible server instead of an embedded one. */
        public Builder s3Endpoint(URI endpoint) {
            this.s3Endpoint = endpoint;
            return this;
        }

        /** Deliver notifications to this SQS-compatible server instead of an embedded one. */
        public Builder sqsEndpoint(URI endpoint) {
            this.sqsEndpoint = endpoint;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Jobs in progress beyond this are refused with LimitExceededException (Rekognition's default is 20). */
        public Builder maxConcurrentJobs(int max) {
            this.maxConcurrentJobs = max;
            return this;
        }

        /** Videos larger than this are refused with VideoTooLargeException (Rekognition's limit is 10 GB). */
        public Builder maxVideoBytes(long max) {
            this.maxVideoBytes = max;
            return this;
        }

        /** Jobs analysed at once. */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder detector(DetectorSettings detector) {
            this.detector = detector;
            return this;
        }

        /**
         * Keeps the jobs (requests, statuses, results, ClientRequestTokens, the key of the page tokens) in this
         * directory, so that a server started again on it has them: a job that was in progress runs again and notifies.
         * None by default: the jobs live in memory.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /** The faults injected from the start (none by default); {@link #faults(Faults)} changes them while it runs. */
        public Builder faults(Faults faults) {
            this.faults = faults;
            return this;
        }

        public Settings settings() {
            return new Settings(
                    host, rekognitionPort, snsPort, s3Port, sqsPort, s3Endpoint, sqsEndpoint, region,
                    maxConcurrentJobs, maxVideoBytes, workers, detector, faults, stateDirectory);
        }

        public LocalRekognitionVideo start() {
            LocalRekognitionVideo local = new LocalRekognitionVideo(settings());
            try {
                return local.doStart();
            } catch (IOException e) {
                local.close();
                throw new UncheckedIOException("Cannot start the local Rekognition Video: " + e.getMessage(), e);
            } catch (Exception e) {
                local.close();
                throw new IllegalStateException("Cannot start the local Rekognition Video: " + e.getMessage(), e);
            }
        }
    }
}
