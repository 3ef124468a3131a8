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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP server on loopback that speaks Rekognition's wire protocol (awsJson1_1: POST /, {@code X-Amz-Target:
 * RekognitionService.<Operation>}, errors as {@code {"__type": ..., "Message": ...}}), records every request and
 * answers with prepared responses. The producer tests use it to see exactly what the real SDK client sent.
 * <p>
 * In a test class, it is a JUnit 5 extension, as Camel's test-infra services are: started before the tests of the class
 * and stopped after them (again for each class that inherits it).
 *
 * <pre>
 * &#64;RegisterExtension
 * static RecordingRekognitionServer server = RecordingRekognitionServer.forTestClass().resetBeforeEach();
 * </pre>
 */
final class RecordingRekognitionServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "RekognitionService.";

    /** One request as it arrived on the wire: its SigV4 Authorization header and session token header too. */
    record Request(String operation, String contentType, JsonNode body, String authorization, String securityToken) {
    }

    private record Answer(int status, String errorType, String body) {
    }

    private HttpServer server;
    private boolean resetBeforeEach;
    /** Requests are answered in parallel, as a service does for concurrent callers. */
    private ExecutorService executor;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final Map<String, Answer> standingAnswers = new HashMap<>();
    private final Map<String, Function<JsonNode, String>> computedAnswers = new HashMap<>();
    private boolean recording = true;

    /** A server started at once, for code that is not a JUnit test (benchmarks); closed by its user. */
    RecordingRekognitionServer() throws IOException {
        start(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    private RecordingRekognitionServer(HttpServer server) {
        start(server);
    }

    private RecordingRekognitionServer(Void notStarted) {
    }

    /** A server for the tests of a class, registered with {@code @RegisterExtension} on a static field. */
    static RecordingRekognitionServer forTestClass() {
        return new RecordingRekognitionServer((Void) null);
    }

    /** Forgets the requests and the answers before each test (see {@link #reset}). */
    RecordingRekognitionServer resetBeforeEach() {
        this.resetBeforeEach = true;
        return this;
    }

    private void start(HttpServer server) {
        this.server = server;
        this.executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (resetBeforeEach) {
            reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The same server over TLS, with a self-signed certificate for 127.0.0.1 that the JDK's keytool makes. */
    static RecordingRekognitionServer https() throws Exception {
        Path store = Files.createTempDirectory("recording-server-tls").resolve("server.p12");
        Process keytool = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool could not make a certificate: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new RecordingRekognitionServer(server);
    }

    URI endpoint() {
        if (server == null) {
            throw new IllegalStateException(
                    "The recording server is not started: register it on a static field with "
                                            + "@RegisterExtension");
        }
        return URI.create((server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:"
                          + server.getAddress().getPort());
    }

    /** Queues the JSON body of the next successful answer to {@code operation}. */
    synchronized RecordingRekognitionServer answer(String operation, Object body) {
        answers.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new Answer(200, null, toJson(body)));
        return this;
    }

    /** Answers every call of {@code operation} with {@code body}, and keeps no record of them (for benchmarks). */
    synchronized RecordingRekognitionServer answerAlways(String operation, Object body) {
        standingAnswers.put(operation, new Answer(200, null, toJson(body)));
        recording = false;
        return this;
    }

    /**
     * Answers every call of {@code operation} with the JSON body {@code answer} computes from the request's (a page by
     * its NextToken, for example), and keeps no record of them.
     */
    synchronized RecordingRekognitionServer answerAlways(String operation, Function<JsonNode, String> answer) {
        computedAnswers.put(operation, answer);
        recording = false;
        return this;
    }

    /** Queues the service error {@code errorType} as the next answer to {@code operation}. */
    synchronized RecordingRekognitionServer fail(String operation, int status, String errorType, String message) {
        ObjectNode error = JSON.createObjectNode().put("__type", errorType).put("Message", message);
        answers.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new Answer(status, errorType, error.toString()));
        return this;
    }

    /** Answers every call of {@code operation} with the service error {@code errorType}. */
    synchronized RecordingRekognitionServer failAlways(String operation, int status, String errorType, String message) {
        ObjectNode error = JSON.createObjectNode().put("__type", errorType).put("Message", message);
        standingAnswers.put(operation, new Answer(status, errorType, error.toString()));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    synchronized void reset() {
        requests.clear();
        answers.clear();
        standingAnswers.clear();
        computedAnswers.clear();
        recording = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null && target.startsWith(TARGET_PREFIX)
                    ? target.substring(TARGET_PREFIX.length()) : String.valueOf(target);
            JsonNode body = JSON.readTree(in.readAllBytes());
            Answer answer;
            Function<JsonNode, String> computed;
            synchronized (this) {
                if (recording) {
                    requests.add(new Request(
                            operation, exchange.getRequestHeaders().getFirst("Content-Type"), body,
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")));
                }
                answer = standingAnswers.get(operation);
                computed = computedAnswers.get(operation);
                if (answer == null && computed == null) {
                    Deque<Answer> queue = answers.get(operation);
                    answer = queue == null || queue.isEmpty()
                            ? new Answer(
                                    400, "UnknownOperationException",
                                    "{\"__type\":\"UnknownOperationException\",\"Message\":\"no answer prepared for "
                                                                      + operation + "\"}")
                            : queue.poll();
                }
            }
            if (computed != null) {
                answer = new Answer(200, null, computed.apply(body));
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            if (answer.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String toJson(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
