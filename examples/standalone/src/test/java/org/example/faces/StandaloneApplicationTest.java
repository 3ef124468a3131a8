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
package org.example.faces;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application, built from the BOM alone, against the local Rekognition Video on free ports: with Camel Main and
 * the component on its class path, and with Camel JBang's run command given the component as a {@code --dep}.
 */
class StandaloneApplicationTest {

    static final String COMPONENT = "io.github.camelrekognition:camel-aws2-rekognition-video:"
                                    + System.getProperty("camel-rekognition-video.version", "0.1.0");

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();

    @BeforeAll
    static void bucketTopicAndQueue() {
        LocalRekognitionVideo server = local.get();
        server.s3Client().createBucket(b -> b.bucket("videos"));
        String topic = server.snsClient().createTopic(b -> b.name("AmazonRekognitionFaces")).topicArn();
        String queue = server.sqsClient().createQueue(b -> b.queueName("completions")).queueUrl();
        String queueArn = server.sqsClient().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        server.snsClient().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
    }

    /** The application's settings: the components pointed at the local server. */
    static Map<String, String> properties(Path events) {
        LocalRekognitionVideo server = local.get();
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (String component : List.of("aws2-s3", "aws2-rekognition-video")) {
            properties.put("camel.component." + component + ".region", server.region());
            properties.put("camel.component." + component + ".access-key", LocalRekognitionVideo.ACCESS_KEY);
            properties.put("camel.component." + component + ".secret-key", LocalRekognitionVideo.SECRET_KEY);
            properties.put("camel.component." + component + ".override-endpoint", "true");
        }
        properties.put("camel.component.aws2-s3.uri-endpoint-override", server.s3Endpoint().toString());
        properties.put("camel.component.aws2-s3.force-path-style", "true");
        properties.put("camel.component.aws2-rekognition-video.uri-endpoint-override",
                server.rekognitionEndpoint().toString());
        properties.put("camel.component.aws2-rekognition-video.sqs-uri-endpoint-override",
                server.sqsEndpoint().toString());
        properties.put("camel.component.aws2-rekognition-video.sns-signing-certificate",
                server.snsSigningCertificate().toString());
        properties.put("videos.bucket", "videos");
        properties.put("rekognition.topicArn", "arn:aws:sns:" + server.region() + ":" + LocalRekognitionVideo.ACCOUNT_ID
                                               + ":AmazonRekognitionFaces");
        properties.put("rekognition.roleArn", server.roleArn("RekognitionPublishToSns"));
        properties.put("completions.queueUrl",
                server.sqsClient().getQueueUrl(b -> b.queueName("completions")).queueUrl());
        properties.put("events.folder", events.toString());
        return properties;
    }

    @Test
    void camelMainRunsTheRoutes(@TempDir Path events) throws Exception {
        Main main = new Main();
        properties(events).forEach(main::addOverrideProperty);
        main.configure().withRoutesIncludePattern("classpath:routes/faces.camel.yaml");
        main.start();
        try {
            upload("main.mp4");
            assertEquals("60 faces in main.mp4", Files.readString(await(events.resolve("main.mp4.txt"))));
        } finally {
            main.stop();
        }
    }

    @Test
    void camelJBangRunsTheRoutesWithTheComponentAsADependency(@TempDir Path work) throws Exception {
        Path events = work.resolve("events");
        Files.copy(Path.of("src/main/resources/routes/faces.camel.yaml"), work.resolve("faces.camel.yaml"));
        Files.writeString(work.resolve("application.properties"), properties(events).entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n")));
        // Camel JBang's class path without the component: it comes from --dep, out of the local Maven repository
        String classPath = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("camelrekognition") && !entry.contains("camel-aws2-rekognition-video"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                CamelCommand.class.getName(), "run", "application.properties",
                "faces.camel.yaml", "--dep=" + COMPONENT, "--max-seconds=150"));
        Process camel = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("camel.log").toFile()).start();
        try {
            awaitLog(work.resolve("camel.log"), "Started faces-found", 120);
            upload("jbang.mp4");
            assertEquals("60 faces in jbang.mp4", Files.readString(await(events.resolve("jbang.mp4.txt"))));
            assertTrue(Files.readString(work.resolve("camel.log")).contains("60 faces in jbang.mp4"));
        } finally {
            camel.destroy();
            camel.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static void upload(String key) {
        local.get().s3Client().putObject(b -> b.bucket("videos").key(key), RequestBody.fromFile(SampleVideos.clearFrontal()));
    }

    static Path await(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + file);
            }
            Thread.sleep(200);
        }
        return file;
    }

    static void awaitLog(Path log, String line, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!(Files.exists(log) && Files.readString(log).contains(line))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("camel run did not log '" + line + "':\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }
}
