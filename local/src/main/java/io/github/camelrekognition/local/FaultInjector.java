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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects the current {@link Faults} into the Rekognition calls and the completion notifications, counts what it did,
 * and serves them over HTTP under {@code /_local/} of the Rekognition endpoint: {@code GET /_local/faults} (the
 * faults), {@code PUT /_local/faults} (replaces them; a body that is not valid answers 400 with the reason, and changes
 * nothing), {@code GET /_local/stats} (calls by operation, and the faults injected, since the start).
 */
final class FaultInjector implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<Faults> faults;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    /** More figures served with the counters (the jobs'), set once the jobs exist. */
    private volatile Supplier<Map<String, Long>> more = Map::of;

    FaultInjector(Faults initial) {
        this.faults = new AtomicReference<>(initial);
    }

    Faults faults() {
        return faults.get();
    }

    void faults(Faults replacement) {
        faults.set(replacement);
        LOG.info("Faults now {}", replacement.toJson());
    }

    /** Before a call of {@code operation} is answered: its latency, then a throttle or a server error, if drawn. */
    void beforeCall(String operation) {
        count("calls." + operation);
        Faults.OperationFaults current = faults.get().of(operation);
        if (current.latencyMillis() > 0) {
            try {
                Thread.sleep(current.latencyMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (drawn(current.throttleRate())) {
            count("throttled." + operation);
            throw ServiceException.client("ThrottlingException", "Rate exceeded (a fault the local server injects)");
        }
        if (drawn(current.errorRate())) {
            count("errors." + operation);
            throw new ServiceException(
                    "InternalServerError", 500,
                    "Internal server error (a fault the local server injects)");
        }
    }

    /** How many copies of a notification to publish: 0 when it is dropped. */
    int copies() {
        Faults.NotificationFaults current = faults.get().notifications();
        if (drawn(current.dropRate())) {
            count("notifications.dropped");
            return 0;
        }
        if (current.duplicates() > 0) {
            count("notifications.duplicated");
        }
        return 1 + current.duplicates();
    }

    /** The delay before a notification copy is published, in milliseconds. */
    long notificationDelay() {
        Faults.NotificationFaults current = faults.get().notifications();
        if (current.delayMillis() == 0) {
            return 0;
        }
        return current.outOfOrder()
                ? ThreadLocalRandom.current().nextLong(current.delayMillis() + 1)
                : current.delayMillis();
    }

    private static boolean drawn(double rate) {
        return rate > 0 && (rate >= 1 || ThreadLocalRandom.current().nextDouble() < rate);
    }

    void count(String name) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    /** The counters: {@code calls.<Operation>}, {@code throttled.<Operation>}, {@code errors.<Operation>}, ... */
    void moreStats(Supplier<Map<String, Long>> figures) {
        this.more = figures;
    }

    Map<String, Long> stats() {
        Map<String, Long> stats = new TreeMap<>(more.get());
        counters.forEach((name, value) -> stats.put(name, value.get()));
        return stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            int status = 200;
            String answer;
            if ("/_local/faults".equals(path) && "GET".equals(method)) {
                answer = faults.get().toJson();
            } else if ("/_local/faults".equals(path) && "PUT".equals(method)) {
                try {
                    Faults replacement = Faults.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    faults(replacement);
                    answer = replacement.toJson();
                } catch (IllegalArgumentException e) {
                    status = 400;
                    answer = JSON.createObjectNode().put("message", e.getMessage()).toString();
                }
            } else if ("/_local/stats".equals(path) && "GET".equals(method)) {
                answer = JSON.writeValueAsString(stats());
            } else {
                status = 404;
                answer = JSON.createObjectNode().put("message", "GET or PUT /_local/faults, GET /_local/stats; not "
                                                                + method + " " + path)
                        .toString();
            }
            HttpAnswers.send(exchange, status, "application/json", null, answer);
        }
    }
}
