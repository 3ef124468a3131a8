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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component's dev console, resolved by id through Camel's console registry as Camel's tooling resolves it, against
 * jobs run on the local Rekognition Video: a job open, then its completion; a refused message; the completion queue.
 */
class DevConsoleIT extends ConsumerTestSupport {

    final MemoryAggregationRepository started = new MemoryAggregationRepository();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.setDevConsole(true);
        context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                .setStartedJobsRepository(started);
        return context;
    }

    private JsonObject json(DevConsole console) {
        return (JsonObject) console.call(DevConsole.MediaType.JSON);
    }

    @SuppressWarnings("unchecked")
    private static List<JsonObject> list(JsonObject json, String key) {
        return (List<JsonObject>) json.get(key);
    }

    @Test
    void showsOpenJobsCompletionsRefusalsAndQueues() throws Exception {
        DevConsole console = DevConsoleRegistry.get(context).resolveById("aws2-rekognition-video");
        assertNotNull(console, "found by its id, as `camel get` and the dev UIs find it");
        String queue = subscribedQueue(false);
        String jobId = startJob("clear.mp4", "console");

        List<JsonObject> open = list(json(console), "openJobs");
        assertEquals(1, open.size(), open.toString());
        assertEquals(jobId, open.get(0).get("jobId"));
        assertEquals("FaceDetection", open.get(0).get("analysis"));
        assertTrue(console.call(DevConsole.MediaType.TEXT).toString().contains(jobId + " FaceDetection started "));

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:refused"));
                from(consumer(queue, "resultMode=notification")).routeId("completions").to("mock:completed");
            }
        });
        MockEndpoint completed = getMockEndpoint("mock:completed");
        completed.expectedMessageCount(1);
        completed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        local.get().sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody("{\"not\":\"a notification\"}"));
        getMockEndpoint("mock:refused").expectedMessageCount(1);
        getMockEndpoint("mock:refused").assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));

        await().atMost(5, TimeUnit.SECONDS).until(() -> list(json(console), "lastCompletions").size() == 1
                && list(json(console), "openJobs").isEmpty());
        JsonObject json = json(console);
        JsonObject completion = list(json, "lastCompletions").get(0);
        assertEquals(jobId, completion.get("jobId"));
        assertEquals("SUCCEEDED", completion.get("status"));
        assertEquals("videos", completion.get("bucket"));
        assertEquals("clear.mp4", completion.get("key"));
        assertTrue(completion.getLong("waitedMillis") >= 0, completion.toString());
        JsonObject refusal = list(json, "refusedNotifications").get(0);
        assertEquals("invalid", refusal.get("reason"));
        JsonObject queueEntry = list(json, "queues").get(0);
        assertEquals(Map.of("routeId", "completions", "queueUrl", queue, "waiting", 0L, "inFlight", 0L),
                Map.of("routeId", queueEntry.get("routeId"), "queueUrl", queueEntry.get("queueUrl"),
                        "waiting", queueEntry.get("waiting"), "inFlight", queueEntry.get("inFlight")));
        String text = console.call(DevConsole.MediaType.TEXT).toString();
        assertTrue(text.contains("Open jobs: 0") && text.contains(jobId + " FaceDetection SUCCEEDED s3://videos/clear.mp4")
                && text.contains("invalid: Not a Rekognition Video completion notification")
                && text.contains(queue + " (route completions): 0 waiting, 0 in flight"),
                text);
    }
}
