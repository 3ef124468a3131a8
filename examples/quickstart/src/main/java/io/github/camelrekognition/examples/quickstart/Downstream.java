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
package io.github.camelrekognition.examples.quickstart;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The other team's side of the message bus: it receives the "faces found" events from its SQS inbox. */
public class Downstream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    /** An SQS message of the inbox: the SNS envelope of a "faces found" event. */
    public void received(String body) throws Exception {
        JsonNode envelope = JSON.readTree(body);
        JsonNode event = envelope.has("Message") ? JSON.readTree(envelope.get("Message").asText()) : envelope;
        events.add(event);
    }

    /** The next event, or null after {@code seconds}. */
    public JsonNode next(long seconds) throws InterruptedException {
        return events.poll(seconds, TimeUnit.SECONDS);
    }
}
