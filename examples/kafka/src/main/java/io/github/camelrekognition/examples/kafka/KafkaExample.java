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
package io.github.camelrekognition.examples.kafka;

import java.nio.file.Path;

import io.github.camelrekognition.examples.kafka.broker.KafkaBroker;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.main.Main;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Runs the example with nothing installed: the local Rekognition Video and a Kafka broker (KRaft, a JVM of its own) on
 * free loopback ports, the buckets, topic and queue, and the routes of camel/faces-to-kafka.camel.yaml with Camel Main.
 * A sample video with two faces is put in the bucket; its job's CloudEvent reaches the topic and the reader route logs
 * it. Everything starts empty (the folder target/kafka-example is deleted first). Runs until stopped (Ctrl-C), or for
 * CAMEL_MAIN_DURATIONMAXSECONDS.
 *
 * <pre>
 * mvn -B -q -pl examples/kafka -am package -DskipTests exec:exec@kafka
 * </pre>
 */
public final class KafkaExample {

    private KafkaExample() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/kafka-example");
        KafkaBroker.deleteRecursively(work); // a new start: the local servers and the broker begin empty too
        try (LocalRekognitionVideo local = LocalRekognitionVideo.builder().start();
             KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"))) {
            System.out.println("Kafka on " + kafka.bootstrapServers() + ", local Rekognition Video on "
                               + local.rekognitionEndpoint() + ", S3 on " + local.s3Endpoint());
            LocalInfrastructure.create(local);
            LocalInfrastructure.createTopic(kafka.bootstrapServers(), "face-events");
            local.s3Client().putObject(b -> b.bucket("videos").key("door-cam/clear-frontal.mp4"),
                    RequestBody.fromFile(SampleVideos.clearFrontal()));
            Main main = new Main();
            LocalInfrastructure.configure(main, local, kafka.bootstrapServers(), work.resolve("state"));
            main.run();
        }
    }
}
