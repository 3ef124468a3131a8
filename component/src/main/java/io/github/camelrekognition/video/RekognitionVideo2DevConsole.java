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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.TimeUtils;
import org.apache.camel.util.json.JsonObject;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The component's dev console: the jobs open now (in every startedJobsRepository of the context's endpoints) with their
 * analysis and age, the last completions emitted, the last messages refused, and the completion queues the consumers
 * read with their messages waiting and in flight.
 */
@DevConsole(name = "aws2-rekognition-video", displayName = "AWS Rekognition Video",
            description = "Open jobs, last completions, refused notifications and completion queues")
public class RekognitionVideo2DevConsole extends AbstractDevConsole {

    public RekognitionVideo2DevConsole() {
        super("camel", "aws2-rekognition-video", "AWS Rekognition Video",
              "Open jobs, last completions, refused notifications and completion queues");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        JsonObject json = (JsonObject) doCallJson(options);
        StringBuilder text = new StringBuilder();
        long now = System.currentTimeMillis();
        List<JsonObject> open = list(json, "openJobs");
        text.append("Open jobs: ").append(open.size()).append('\n');
        for (JsonObject job : open) {
            text.append(String.format("    %s %s started %s ago%n", job.get("jobId"), job.get("analysis"),
                    TimeUtils.printDuration(now - job.getLong("startedAt"), true)));
        }
        List<JsonObject> completions = list(json, "lastCompletions");
        text.append("Last completions: ").append(completions.size()).append('\n');
        for (JsonObject completion : completions) {
            text.append(String.format("    %s %s %s s3://%s/%s at %s%n", completion.get("jobId"),
                    completion.get("analysis"), completion.get("status"), completion.get("bucket"),
                    completion.get("key"), Instant.ofEpochMilli(completion.getLong("completedAt"))));
        }
        List<JsonObject> refusals = list(json, "refusedNotifications");
        text.append("Refused notifications: ").append(refusals.size()).append('\n');
        for (JsonObject refusal : refusals) {
            text.append(String.format("    %s %s: %s%n", Instant.ofEpochMilli(refusal.getLong("at")),
                    refusal.get("reason"), refusal.get("message")));
        }
        List<JsonObject> queues = list(json, "queues");
        text.append("Completion queues: ").append(queues.size()).append('\n');
        for (JsonObject queue : queues) {
            text.append(String.format("    %s (route %s): %s waiting, %s in flight%n", queue.get("queueUrl"),
                    queue.get("routeId"), queue.getOrDefault("waiting", "?"), queue.getOrDefault("inFlight", "?")));
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<JsonObject> list(JsonObject json, String key) {
        return (List<JsonObject>) json.get(key);
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        long now = System.currentTimeMillis();
        JsonObject json = new JsonObject();
        List<JsonObject> open = new ArrayList<>();
        for (AggregationRepository repository : startedJobsRepositories()) {
            for (StartedJobs.Started job : StartedJobs.due(repository, getCamelContext(), now, 0)) {
                JsonObject entry = new JsonObject();
                entry.put("jobId", job.jobId());
                entry.put("analysis", job.analysis() == null ? null : job.analysis().analysisName());
                entry.put("startedAt", job.startedAt());
                entry.put("ageMillis", now - job.startedAt());
                open.add(entry);
            }
        }
        json.put("openJobs", open);
        RekognitionVideo2Component component = getCamelContext().hasComponent("aws2-rekognition-video") == null
                ? null : getCamelContext().getComponent("aws2-rekognition-video", RekognitionVideo2Component.class);
        List<JsonObject> completions = new ArrayList<>();
        List<JsonObject> refusals = new ArrayList<>();
        if (component != null) {
            for (RecentJobs.Completion completion : component.recentJobs().completions()) {
                JsonObject entry = new JsonObject();
                entry.put("jobId", completion.jobId());
                entry.put("analysis", completion.analysis());
                entry.put("status", completion.status());
                entry.put("bucket", completion.bucket());
                entry.put("key", completion.key());
                entry.put("completedAt", completion.completedAt());
                entry.put("emittedAt", completion.emittedAt());
                if (completion.startedAt() != null) {
                    entry.put("waitedMillis", completion.completedAt() - completion.startedAt());
                }
                completions.add(entry);
            }
            for (RecentJobs.Refusal refusal : component.recentJobs().refusals()) {
                JsonObject entry = new JsonObject();
                entry.put("at", refusal.at());
                entry.put("reason", refusal.reason());
                entry.put("message", refusal.message());
                refusals.add(entry);
            }
        }
        json.put("lastCompletions", completions);
        json.put("refusedNotifications", refusals);
        json.put("queues", queues());
        return json;
    }

    /** The startedJobsRepository of each endpoint of the component, each once. */
    private Set<AggregationRepository> startedJobsRepositories() {
        Set<AggregationRepository> repositories = new LinkedHashSet<>();
        for (Endpoint endpoint : getCamelContext().getEndpoints()) {
            if (endpoint instanceof RekognitionVideo2Endpoint rekognition
                    && rekognition.getConfiguration().getStartedJobsRepository() != null) {
                repositories.add(rekognition.getConfiguration().getStartedJobsRepository());
            }
        }
        return repositories;
    }

    /** The completion queue of each route whose consumer reads one, with its messages waiting and in flight. */
    private List<JsonObject> queues() {
        List<JsonObject> queues = new ArrayList<>();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof RekognitionVideo2QueueConsumer consumer) {
                RekognitionVideo2Endpoint endpoint = consumer.getEndpoint();
                String queueUrl = endpoint.getConfiguration().getQueueUrl();
                JsonObject entry = new JsonObject();
                entry.put("routeId", route.getRouteId());
                entry.put("queueUrl", queueUrl);
                entry.put("resultMode", endpoint.getConfiguration().getResultMode().name());
                entry.put("concurrentConsumers", endpoint.getConfiguration().getConcurrentConsumers());
                try {
                    Map<QueueAttributeName, String> attributes = endpoint.getSqsClient()
                            .getQueueAttributes(b -> b.queueUrl(queueUrl)
                                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(2))))
                            .attributes();
                    entry.put("waiting", Long.valueOf(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
                    entry.put("inFlight",
                            Long.valueOf(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
                } catch (RuntimeException e) {
                    entry.put("error", e.getMessage());
                }
                queues.add(entry);
            }
        }
        return queues;
    }
}
