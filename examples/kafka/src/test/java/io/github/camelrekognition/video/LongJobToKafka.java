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
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.github.camelrekognition.examples.kafka.broker.KafkaBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.BUCKET_NAME;
import static io.github.camelrekognition.video.RekognitionVideo2Constants.OBJECT_KEY;

/**
 * A long job in {@code item} mode to Kafka, in a small heap: a job of {@code args[0]} faces (GetFaceDetection pages
 * from a {@link RecordingRekognitionServer}, polled by the consumer), each face converted to the service's JSON and
 * sent as one record, keyed by its message id, to a Kafka broker (a JVM of its own); a plain Kafka consumer in the same
 * JVM counts the records and checks the last key. Run with {@code -Xmx256m} ({@code exec:exec@bench-kafka-long-job}):
 * it completes, or the JVM fails with an OutOfMemoryError.
 * <p>
 * Prints {@code RESULT faces=... records=... seconds=... recordsPerSecond=... heapPeakMB=... maxHeapMB=...} (the peak
 * is the sum of the heap pools' peak usage: an upper bound of the live heap). Exits 1 if a record is missing.
 */
public final class LongJobToKafka {

    private LongJobToKafka() {
    }

    public static void main(String[] args) throws Exception {
        long faces = Long.parseLong(args[0]);
        Path work = Path.of(args.length > 1 ? args[1] : "target/long-job-to-kafka");
        boolean complete;
        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"));
             RecordingRekognitionServer server = new RecordingRekognitionServer()) {
            FaceDetectionPages pages = new FaceDetectionPages(faces);
            server.answerAlways("StartFaceDetection", Map.of("JobId", "long-job"));
            server.answerAlways("GetFaceDetection", pages::answer);
            RekognitionClient client = RekognitionClient.builder().endpointOverride(server.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "key")))
                    .build();
            CamelContext context = new DefaultCamelContext();
            context.getRegistry().bind("client", client);
            context.getComponent("kafka", KafkaComponent.class).getConfiguration().setBrokers(kafka.bootstrapServers());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aws2-rekognition-video:long?delay=100&resultMode=item")
                            .convertBodyTo(String.class)
                            .setHeader(KafkaConstants.KEY, header(RekognitionVideo2Constants.MESSAGE_ID))
                            .to("kafka:long-job");
                }
            });
            context.start();
            long started = System.nanoTime();
            context.createProducerTemplate().sendBodyAndHeaders("aws2-rekognition-video:long", null,
                    Map.of(BUCKET_NAME, "videos", OBJECT_KEY, "long.mp4"));

            long records = 0;
            String lastKey = null;
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID(),
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                reader.subscribe(List.of("long-job"));
                long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
                while (records < faces && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                        records++;
                        lastKey = record.key();
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            context.stop();
            client.close();
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getPeakUsage)
                    .mapToLong(usage -> usage.getUsed()).sum();
            System.out.printf(Locale.ROOT,
                    "RESULT faces=%d records=%d lastKey=%s seconds=%.1f recordsPerSecond=%.0f heapPeakMB=%.1f "
                                           + "maxHeapMB=%d%n",
                    faces, records, lastKey, seconds, records / seconds, peak / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576);
            complete = records == faces && ("long-job:SUCCEEDED:item-" + (faces - 1)).equals(lastKey);
        }
        System.exit(complete ? 0 : 1);
    }
}
