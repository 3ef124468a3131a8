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
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The faults the local server injects, as JSON (the {@code --faults} option, the builder, and {@code PUT
 * /_local/faults}):
 *
 * <pre>
 * {"operations": {"StartFaceDetection": {"throttleRate": 0.5, "errorRate": 0.1, "latencyMillis": 200},
 *                 "*": {"latencyMillis": 50}},
 *  "notifications": {"dropRate": 0.1, "duplicates": 2, "delayMillis": 3000, "outOfOrder": true},
 *  "maxConcurrentJobs": 2, "jobLatencyMillis": 2000}
 * </pre>
 *
 * Per Rekognition operation ({@code *}: every operation without an entry of its own): the share of calls answered
 * {@code ThrottlingException} (HTTP 400) and {@code InternalServerError} (HTTP 500), and a latency added to every call.
 * Per completion notification: the share dropped, the copies published in addition, a delay before publishing, and
 * whether each notification's delay is drawn between 0 and that delay (so that notifications overtake each other). The
 * concurrent-job limit, when given, replaces the server's ({@code --max-concurrent-jobs}, 20 by default). The job
 * latency keeps every job started from then on in progress that long before its analysis begins, as the service's jobs
 * take minutes where the local analysis of a short video takes a moment.
 *
 * @param operations        by operation name, or {@code *}
 * @param notifications     the completion notifications' faults
 * @param maxConcurrentJobs the jobs in progress beyond which a Start call gets LimitExceededException, or null
 * @param jobLatencyMillis  how long a job stays in progress before its analysis begins, 0 or more
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Faults(Map<String, OperationFaults> operations, NotificationFaults notifications,
        Integer maxConcurrentJobs, long jobLatencyMillis) {

    /** A member left out is 0 (or false); a member that is not one of these is refused. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param throttleRate 0 to 1; @param errorRate 0 to 1, of the calls not throttled; @param latencyMillis 0 or more
     */
    public record OperationFaults(double throttleRate, double errorRate, long latencyMillis) {

        static final OperationFaults NONE = new OperationFaults(0, 0, 0);

        public OperationFaults {
            rate("throttleRate", throttleRate);
            rate("errorRate", errorRate);
            atLeastZero("latencyMillis", latencyMillis);
        }
    }

    /**
     * @param dropRate    0 to 1; @param duplicates copies published in addition, 0 or more
     * @param delayMillis 0 or more; @param outOfOrder each delay drawn between 0 and delayMillis
     */
    public record NotificationFaults(double dropRate, int duplicates, long delayMillis, boolean outOfOrder) {

        static final NotificationFaults NONE = new NotificationFaults(0, 0, 0, false);

        public NotificationFaults {
            rate("dropRate", dropRate);
            atLeastZero("duplicates", duplicates);
            atLeastZero("delayMillis", delayMillis);
        }
    }

    public Faults {
        operations = operations == null ? Map.of() : Map.copyOf(new TreeMap<>(operations));
        notifications = notifications == null ? NotificationFaults.NONE : notifications;
        if (maxConcurrentJobs != null) {
            atLeastZero("maxConcurrentJobs", maxConcurrentJobs);
        }
        atLeastZero("jobLatencyMillis", jobLatencyMillis);
    }

    /** No fault: the server as the service behaves when all is well. */
    public static Faults none() {
        return new Faults(Map.of(), NotificationFaults.NONE, null, 0);
    }

    /** The faults of {@code json}; an {@link IllegalArgumentException} says what is wrong. */
    public static Faults parse(String json) {
        try {
            Faults faults = JSON.readValue(json, Faults.class);
            if (faults == null) {
                throw new IllegalArgumentException("faults: expected a JSON object, not " + json);
            }
            return faults;
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException("faults: " + cause.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The faults of {@code operation}: its own, else those of {@code *}, else none. */
    OperationFaults of(String operation) {
        OperationFaults own = operations.get(operation);
        return own != null ? own : operations.getOrDefault("*", OperationFaults.NONE);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be 0 to 1, not " + rate);
        }
    }

    private static void atLeastZero(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, not " + value);
        }
    }
}
