package io.github.camelrekognition.video;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on loopback that speaks Rekognition's wire protocol (awsJson1_1: POST /, {@code X-Amz-Target:
 * RekognitionService.<Operation>}, errors as {@code {"__type": ..., "Message": ...}}), records every request and
 * answers with prepared responses. The producer tests use it to see exactly what the real SDK client sent.
 */
final class RecordingRekognitionServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "RekognitionService.";

    /** One request as it arrived on the wire. */
    record Request(String operation, String contentType, JsonNode body) {
    }

    private record Answer(int status, String errorType, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final Map<String, Answer> standingAnswers = new HashMap<>();

    RecordingRekognitionServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues the JSON body of the next successful answer to {@code operation}. */
    synchronized RecordingRekognitionServer answer(String operation, Object body) {
        answers.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new Answer(200, null, toJson(body)));
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
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null && target.startsWith(TARGET_PREFIX)
                    ? target.substring(TARGET_PREFIX.length()) : String.valueOf(target);
            JsonNode body = JSON.readTree(in.readAllBytes());
            Answer answer;
            synchronized (this) {
                requests.add(new Request(operation, exchange.getRequestHeaders().getFirst("Content-Type"), body));
                answer = standingAnswers.get(operation);
                if (answer == null) {
                    Deque<Answer> queue = answers.get(operation);
                    answer = queue == null || queue.isEmpty()
                            ? new Answer(400, "UnknownOperationException",
                                    "{\"__type\":\"UnknownOperationException\",\"Message\":\"no answer prepared for "
                                                                           + operation + "\"}")
                            : queue.poll();
                }
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
    }
}
