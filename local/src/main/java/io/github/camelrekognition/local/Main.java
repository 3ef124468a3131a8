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

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar local/target/rekognition-video-local.jar [options]}: the local Rekognition Video, all-in-one, on
 * fixed ports of loopback until Ctrl-C. {@code --help} lists the options. Exit codes: 0 after Ctrl-C, {@code --help} or
 * {@code --version}; 1 when the server cannot start (a port in use); 2 for an option that is not valid.
 */
@Command(name = "rekognition-video-local", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
         sortOptions = false, usageHelpAutoWidth = true,
         description = "The local Rekognition Video: Rekognition Video's Start and Get calls, with S3, SQS and SNS, on "
                       + "loopback until Ctrl-C.",
         exitCodeListHeading = "Exit codes:%n",
         exitCodeList = {
                 "0:stopped (Ctrl-C), or --help, --version", "1:the server could not start (a port in use)",
                 "2:an option that is not valid" })
public final class Main implements Callable<Integer> {

    public static final int REKOGNITION_PORT = 9190;
    public static final int SNS_PORT = 9191;
    public static final int S3_PORT = 9192;
    public static final int SQS_PORT = 9193;

    @Spec
    CommandSpec spec;

    @Option(names = "--rekognition-port", paramLabel = "PORT", description = "Rekognition's port (0: a free one; "
                                                                             + "default: ${DEFAULT-VALUE})")
    int rekognitionPort = REKOGNITION_PORT;
    @Option(names = "--sns-port", paramLabel = "PORT", description = "SNS's port (default: ${DEFAULT-VALUE})")
    int snsPort = SNS_PORT;
    @Option(names = "--s3-port", paramLabel = "PORT", description = "the embedded S3's port (default: ${DEFAULT-VALUE})")
    int s3Port = S3_PORT;
    @Option(names = "--sqs-port", paramLabel = "PORT", description = "the embedded SQS's port (default: ${DEFAULT-VALUE})")
    int sqsPort = SQS_PORT;
    @Option(names = "--s3-endpoint", paramLabel = "URI", description = "an S3 to use instead of the embedded one")
    URI s3Endpoint;
    @Option(names = "--sqs-endpoint", paramLabel = "URI", description = "an SQS to use instead of the embedded one")
    URI sqsEndpoint;
    @Option(names = "--host", description = "the address the servers listen on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";
    @Option(names = "--region", description = "the region of the ARNs (default: ${DEFAULT-VALUE})")
    String region = "us-east-1";
    @Option(names = "--sampling-interval-ms", paramLabel = "MS",
            description = "one frame analysed every this many milliseconds of video (default: ${DEFAULT-VALUE})")
    long samplingIntervalMillis = DetectorSettings.defaults().samplingIntervalMillis();
    @Option(names = "--max-concurrent-jobs", paramLabel = "N",
            description = "jobs in progress beyond which a Start is refused with LimitExceededException (default: "
                          + "${DEFAULT-VALUE}, as the service)")
    int maxConcurrentJobs = 20;
    @Option(names = "--workers", paramLabel = "N", description = "jobs analysed at once (default: the number of cores)")
    Integer workers;
    @Option(names = "--put-sample", paramLabel = "BUCKET/KEY",
            description = "put the sample video with two faces there once started (the bucket is created)")
    String putSample;
    @Option(names = "--faults", paramLabel = "JSON",
            description = "faults to inject from the start (docs/local-server.md, Faults; PUT /_local/faults changes "
                          + "them)")
    String faults;
    @Option(names = "--state-dir", paramLabel = "DIR", description = "keep the jobs in DIR across restarts")
    Path stateDirectory;

    public static void main(String[] args) {
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        // the embedded servers' own start-up chatter
        defaultProperty("org.slf4j.simpleLogger.log.org.gaul", "warn");
        defaultProperty("org.slf4j.simpleLogger.log.org.apache.pekko", "warn");
        defaultProperty("org.slf4j.simpleLogger.log.org.elasticmq", "warn");
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** The builder of these options; a value that is not valid is a {@link ParameterException} naming its option. */
    LocalRekognitionVideo.Builder builder() {
        LocalRekognitionVideo.Builder builder = LocalRekognitionVideo.builder()
                .rekognitionPort(rekognitionPort).snsPort(snsPort).s3Port(s3Port).sqsPort(sqsPort)
                .host(host).region(region).maxConcurrentJobs(maxConcurrentJobs);
        if (s3Endpoint != null) {
            builder.s3Endpoint(s3Endpoint);
        }
        if (sqsEndpoint != null) {
            builder.sqsEndpoint(sqsEndpoint);
        }
        if (workers != null) {
            builder.workers(workers);
        }
        if (stateDirectory != null) {
            builder.stateDirectory(stateDirectory);
        }
        try {
            builder.detector(DetectorSettings.defaults().withSamplingIntervalMillis(samplingIntervalMillis));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sampling-interval-ms: " + e.getMessage());
        }
        if (faults != null) {
            try {
                builder.faults(Faults.parse(faults));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--faults: " + e.getMessage().replaceFirst("^faults: ", ""));
            }
        }
        if (putSample != null && (putSample.indexOf('/') < 1 || putSample.endsWith("/"))) {
            throw new ParameterException(spec.commandLine(), "--put-sample needs BUCKET/KEY, not " + putSample);
        }
        return builder;
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalRekognitionVideo.Builder builder = builder();
        LocalRekognitionVideo local;
        try {
            local = builder.start();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.close();
            stopped.countDown();
        }, "rekognition-video-shutdown"));
        System.out.println("Local Rekognition Video is serving (Ctrl-C stops it):");
        System.out.println("  Rekognition " + local.rekognitionEndpoint() + "   SNS " + local.snsEndpoint());
        System.out.println("  S3          " + local.s3Endpoint() + "   SQS " + local.sqsEndpoint());
        System.out.println("  region " + local.region() + ", any access key and secret key");
        if (putSample != null) {
            String bucket = putSample.substring(0, putSample.indexOf('/'));
            String key = putSample.substring(putSample.indexOf('/') + 1);
            if (!local.s3Client().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
                local.s3Client().createBucket(b -> b.bucket(bucket));
            }
            local.s3Client().putObject(b -> b.bucket(bucket).key(key),
                    software.amazon.awssdk.core.sync.RequestBody.fromFile(SampleVideos.clearFrontal()));
            System.out.println("  put the sample video at s3://" + putSample);
        }
        stopped.await();
        return 0;
    }

    private static void defaultProperty(String name, String value) {
        System.setProperty(name, System.getProperty(name, value));
    }

    /** The version of the server's jar (its manifest's Implementation-Version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                    "rekognition-video-local " + (version != null ? version : "(not run from its jar: no version)") };
        }
    }
}
