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

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes a job's completion notification to the SNS topic of its NotificationChannel, as Rekognition Video does:
 * {@code {"JobId","Status","API","JobTag","Timestamp","Video":{"S3ObjectName","S3Bucket"}}}; dropped, duplicated or
 * delayed when the {@link FaultInjector} says so.
 */
final class CompletionNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsClient sns;
    private final Clock clock;
    private final FaultInjector faults;
    /** Publishes the notifications that a fault delays. */
    private final ScheduledExecutorService delayed;

    CompletionNotifier(SnsClient sns, Clock clock, FaultInjector faults) {
        this.sns = sns;
        this.clock = clock;
        this.faults = faults;
        this.delayed = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rekognition-video-notifications");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Notifies the completion of {@code job}, when its start named a notification channel. */
    void notifyCompletion(VideoJobs.Job job) {
        JsonNode channel = job.request.path("NotificationChannel");
        if (channel.isMissingNode()) {
            return;
        }
        ObjectNode notification = JSON.createObjectNode()
                .put("JobId", job.id)
                .put("Status", job.status)
                .put("API", "Start" + job.analysis);
        if (job.request.has("JobTag")) {
            notification.put("JobTag", job.request.get("JobTag").asText());
        }
        notification.put("Timestamp", clock.millis());
        notification.putObject("Video")
                .put("S3ObjectName", job.request.at("/Video/S3Object/Name").asText())
                .put("S3Bucket", job.request.at("/Video/S3Object/Bucket").asText());
        String topic = channel.path("SNSTopicArn").asText();
        int copies = faults.copies();
        if (copies == 0) {
            LOG.info("{} job {} {}: notification dropped (a fault the local server injects)", job.analysis, job.id,
                    job.status);
        }
        for (int i = 0; i < copies; i++) {
            long delay = faults.notificationDelay();
            if (delay == 0) {
                publish(job, topic, notification.toString());
            } else {
                delayed.schedule(() -> publish(job, topic, notification.toString()), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void publish(VideoJobs.Job job, String topic, String notification) {
        try {
            sns.publish(b -> b.topicArn(topic).message(notification));
            LOG.info("{} job {} {}: notified {}", job.analysis, job.id, job.status, topic);
        } catch (RuntimeException e) {
            LOG.warn("{} job {}: cannot publish the completion to {}: {}", job.analysis, job.id, topic, e.getMessage());
        }
    }

    @Override
    public void close() {
        delayed.shutdownNow();
    }
}
