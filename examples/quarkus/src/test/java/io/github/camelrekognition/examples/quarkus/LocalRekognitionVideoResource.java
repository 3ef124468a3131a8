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
package io.github.camelrekognition.examples.quarkus;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the local Rekognition Video (all-in-one, free ports) as a process of its own, with the sample video put in the
 * bucket {@code videos}, and hands its endpoints to the application's configuration. A separate process keeps the local
 * server's libraries (s3proxy, ElasticMQ, JavaCV) off the Quarkus application's class path.
 */
public class LocalRekognitionVideoResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern ENDPOINTS = Pattern.compile(
            "Rekognition (\\S+)\\s+SNS (\\S+)|S3\\s+(\\S+)\\s+SQS (\\S+)|put the sample video at (\\S+)");

    /** The system property of the test's JVM that names the folder where the application writes its events. */
    public static final String EVENTS_FOLDER = "test.events.folder";

    private Process process;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("local.server.jar", "../../local/target/rekognition-video-local.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the local server first (mvn -pl local package)");
        }
        try {
            process = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    jar.toString(), "--rekognition-port=0", "--sns-port=0", "--s3-port=0", "--sqs-port=0",
                    "--put-sample=videos/door.mp4").redirectErrorStream(true).start();
            Map<String, String> config = new HashMap<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String line;
            boolean samplePut = false;
            while (!samplePut && (line = out.readLine()) != null && System.nanoTime() < deadline) {
                Matcher m = ENDPOINTS.matcher(line);
                if (m.find()) {
                    if (m.group(1) != null) {
                        config.put("local.rekognition", m.group(1));
                        config.put("local.sns", m.group(2));
                    } else if (m.group(3) != null) {
                        config.put("local.s3", m.group(3));
                        config.put("local.sqs", m.group(4));
                    } else {
                        samplePut = true;
                    }
                }
            }
            if (!samplePut || config.size() != 4) {
                throw new IllegalStateException("The local Rekognition Video did not start: " + config);
            }
            // a fresh downstream folder for each run; the test reads it from the system property, in the JVM mode
            // application's process and in the packaged application's alike
            String events = Files.createTempDirectory("face-events").toString();
            config.put("events.folder", events);
            System.setProperty(EVENTS_FOLDER, events);
            Thread drain = new Thread(() -> {
                try {
                    out.lines().forEach(l -> {
                    });
                } catch (UncheckedIOException closed) {
                    // the process was stopped
                }
            }, "local-rekognition-video-output");
            drain.setDaemon(true);
            drain.start();
            return config;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("Cannot start the local Rekognition Video: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
