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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What one call costs against the servers the benchmarks and the local Rekognition Video run on loopback, with no
 * component in the way: a Rekognition call ({@code ListCollections}) to the local server, in a JVM as the local server
 * configures it and in one started with {@code -Dsun.net.httpserver.nodelay=false}; and SQS calls ({@code SendMessage},
 * {@code DeleteMessage}) to its embedded ElasticMQ. Each JVM makes 3 rounds; the table has the last (warm) one.
 * <p>
 * {@code mvn -B -q -pl benchmarks -am test-compile exec:exec@bench-loopback} (docs/performance.md).
 */
public final class LoopbackServersBenchmark {

    private LoopbackServersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        if (args.length > 1 && args[1].equals("measure")) {
            measure(calls);
            return;
        }
        System.out.println("| JVM | ListCollections (ms per call) | SendMessage (ms per call) | DeleteMessage (ms per call) |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (String nodelay : new String[] { null, "false" }) {
            String result = FreshJvm.runOk(Duration.ofMinutes(10),
                    nodelay == null ? List.of() : List.of("-Dsun.net.httpserver.nodelay=" + nodelay),
                    LoopbackServersBenchmark.class, String.valueOf(calls), "measure").line("CALLS ");
            System.out.println("| " + (nodelay == null
                    ? "as the local server sets it" : "`-Dsun.net.httpserver.nodelay="
                                                      + nodelay + "`")
                               + " | " + result + " |");
        }
    }

    private static void measure(int calls) {
        try (LocalRekognitionVideo local = LocalRekognitionVideo.start()) {
            RekognitionClient rekognition = local.rekognitionClient();
            SqsClient sqs = local.sqsClient();
            String queueUrl = sqs.createQueue(b -> b.queueName("calls")).queueUrl();
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    rekognition.listCollections(b -> b.maxResults(1));
                }
                double listCollections = (System.nanoTime() - start) / 1e6 / calls;
                start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("message"));
                }
                double send = (System.nanoTime() - start) / 1e6 / calls;
                List<Message> received = new ArrayList<>();
                while (received.size() < calls) {
                    received.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                            .waitTimeSeconds(1)).messages());
                }
                start = System.nanoTime();
                for (Message message : received) {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
                double delete = (System.nanoTime() - start) / 1e6 / received.size();
                System.out.printf(Locale.ROOT, "CALLS %.2f | %.2f | %.2f%n", listCollections, send, delete);
            }
        }
        System.exit(0);
    }
}
