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
package io.github.camelrekognition.examples.kafka.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An Apache Kafka broker in KRaft mode (one node, broker and controller) on a free loopback port, in a JVM of its own
 * started from the Kafka artifacts Maven resolved for this module. Its data and log are in the directory it is given;
 * {@link #close()} stops it. {@code main} runs one in the foreground.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path directory;

    private KafkaBroker(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /**
     * Starts a new, empty broker in {@code directory} (what an earlier broker left there is deleted): formats its
     * storage and starts it; returns once it has started and accepts connections.
     *
     * @throws IOException when the broker does not start within 60 seconds (its log, kafka.log, says why)
     */
    public static KafkaBroker start(Path directory) throws IOException, InterruptedException {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        int port = freePort();
        int controllerPort = freePort();
        Path properties = directory.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("data").toAbsolutePath(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
        Path log = directory.resolve("kafka.log");
        Process format = java("kafka.tools.StorageTool", "format", "-t", UUID.randomUUID().toString().replace("-", "")
                .substring(0, 22), "-c", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("Kafka's storage could not be formatted: " + tail(log));
        }
        Process broker = java("kafka.Kafka", properties.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        KafkaBroker started = new KafkaBroker(broker, port, directory);
        // the broker's JVM ends with this one, however this one ends (System.exit, Ctrl-C)
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!started.accepts() || !Files.readString(log).contains("Kafka Server started")) {
            if (!broker.isAlive() || System.nanoTime() > deadline) {
                started.close();
                throw new IOException("Kafka did not start: " + tail(log));
            }
            Thread.sleep(200);
        }
        return started;
    }

    /** The bootstrap servers of this broker: {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Where the broker keeps its data, its configuration and its log (kafka.log). */
    public Path directory() {
        return directory;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 seconds). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static ProcessBuilder java(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                        "-cp", classPath(), mainClass));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    /** The broker's class path, written into this module's jar when it was built. */
    private static String classPath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing: build the kafka-broker module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and what it holds, if it exists. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The last lines of a log, where a failure is said. */
    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs a broker in {@code args[0]} (default target/kafka) until the JVM stops. */
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = start(Path.of(args.length > 0 ? args[0] : "target/kafka"));
        System.out.println("Kafka on " + broker.bootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        broker.process.waitFor();
    }
}
