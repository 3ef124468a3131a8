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
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/rekognition-video-local.jar [options]}: the local Rekognition Video, all-in-one, on
 * fixed ports of loopback until Ctrl-C.
 *
 * <pre>
 * --rekognition-port=9190  --sns-port=9191  --s3-port=9192  --sqs-port=9193   (0: a free port)
 * --s3-endpoint=URI        --sqs-endpoint=URI   use these servers instead of embedded ones
 * --host=127.0.0.1  --region=us-east-1  --sampling-interval-ms=200  --max-concurrent-jobs=20  --workers=N
 * --put-sample=BUCKET/KEY  put the sample video with two faces there once started (the bucket is created)
 * --faults=JSON            faults to inject from the start (see Faults; PUT /_local/faults changes them)
 * --state-dir=DIR          keep the jobs in DIR across restarts
 * </pre>
 */
public final class Main {

    public static final int REKOGNITION_PORT = 9190;
    public static final int SNS_PORT = 9191;
    public static final int S3_PORT = 9192;
    public static final int SQS_PORT = 9193;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        // the embedded servers' own start-up chatter
        defaultProperty("org.slf4j.simpleLogger.log.org.gaul", "warn");
        defaultProperty("org.slf4j.simpleLogger.log.org.apache.pekko", "warn");
        defaultProperty("org.slf4j.simpleLogger.log.org.elasticmq", "warn");
        LocalRekognitionVideo.Builder builder = LocalRekognitionVideo.builder()
                .rekognitionPort(REKOGNITION_PORT).snsPort(SNS_PORT).s3Port(S3_PORT).sqsPort(SQS_PORT);
        DetectorSettings detector = DetectorSettings.defaults();
        String putSample = null;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                usage("not an option: " + arg);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            try {
                switch (name) {
                    case "rekognition-port" -> builder.rekognitionPort(Integer.parseInt(value));
                    case "sns-port" -> builder.snsPort(Integer.parseInt(value));
                    case "s3-port" -> builder.s3Port(Integer.parseInt(value));
                    case "sqs-port" -> builder.sqsPort(Integer.parseInt(value));
                    case "s3-endpoint" -> builder.s3Endpoint(URI.create(value));
                    case "sqs-endpoint" -> builder.sqsEndpoint(URI.create(value));
                    case "host" -> builder.host(value);
                    case "region" -> builder.region(value);
                    case "sampling-interval-ms" -> detector = detector.withSamplingIntervalMillis(Long.parseLong(value));
                    case "max-concurrent-jobs" -> builder.maxConcurrentJobs(Integer.parseInt(value));
                    case "workers" -> builder.workers(Integer.parseInt(value));
                    case "state-dir" -> builder.stateDirectory(Path.of(value));
                    case "faults" -> {
                        try {
                            builder.faults(Faults.parse(value));
                        } catch (IllegalArgumentException e) {
                            usage("--faults: " + e.getMessage());
                        }
                    }
                    case "put-sample" -> {
                        if (value.indexOf('/') < 1 || value.endsWith("/")) {
                            usage("--put-sample needs BUCKET/KEY, not " + value);
                        }
                        putSample = value;
                    }
                    default -> usage("unknown option --" + name);
                }
            } catch (NumberFormatException e) {
                usage("--" + name + " needs a number, not " + value);
            } catch (IllegalArgumentException e) {
                usage("--" + name + ": " + e.getMessage());
            }
        }
        LocalRekognitionVideo local;
        try {
            local = builder.detector(detector).start();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
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
    }

    private static void defaultProperty(String name, String value) {
        System.setProperty(name, System.getProperty(name, value));
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -jar rekognition-video-local.jar [--rekognition-port=N] [--sns-port=N] "
                           + "[--s3-port=N] [--sqs-port=N] [--s3-endpoint=URI] [--sqs-endpoint=URI] [--host=H] "
                           + "[--region=R] [--sampling-interval-ms=N] [--max-concurrent-jobs=N] [--workers=N] "
                           + "[--put-sample=BUCKET/KEY] [--faults=JSON] [--state-dir=DIR]");
        System.exit(2);
    }
}
