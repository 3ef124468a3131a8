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
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.rekognition.model.RekognitionResponse;
import software.amazon.awssdk.services.rekognition.model.Video;

/**
 * The completion notification Rekognition Video publishes to the job's SNS topic:
 * {@code {"JobId","Status","API","JobTag","Timestamp","Video":{"S3ObjectName","S3Bucket"}}}. {@link #parse(String)}
 * reads it from an SQS message body, in the SNS envelope ({@code "Type":"Notification"} with the notification as the
 * string {@code Message}) or delivered raw.
 *
 * @param jobId        the job
 * @param status       SUCCEEDED, FAILED or ERROR
 * @param api          the Start operation of the job, e.g. StartFaceDetection
 * @param jobTag       the job tag of the start, or null
 * @param timestamp    when the job completed, in milliseconds since the epoch
 * @param s3Bucket     the bucket of the video
 * @param s3ObjectName the key of the video
 */
public record RekognitionVideo2Notification(String jobId, String status, String api, String jobTag, long timestamp,
        String s3Bucket, String s3ObjectName) {

    static final Set<String> STATUSES = Set.of("SUCCEEDED", "FAILED", "ERROR");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The notification as Rekognition Video publishes it:
     * {@code {"JobId","Status","API","JobTag","Timestamp","Video":{"S3ObjectName","S3Bucket"}}} (JobTag only when the
     * job has one).
     */
    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode().put("JobId", jobId).put("Status", status).put("API", api);
        if (jobTag != null) {
            node.put("JobTag", jobTag);
        }
        node.put("Timestamp", timestamp);
        node.putObject("Video").put("S3ObjectName", s3ObjectName).put("S3Bucket", s3Bucket);
        return node;
    }

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }

    /**
     * Reads a notification without checking where it comes from.
     *
     * @throws InvalidNotificationException when {@code body} is not a Rekognition Video notification, with the reason
     */
    public static RekognitionVideo2Notification parse(String body) throws InvalidNotificationException {
        try {
            return parse(body, null);
        } catch (IOException e) {
            throw new IllegalStateException("no certificate is fetched without a verifier", e);
        }
    }

    /**
     * Reads a notification that {@code verifier} (when not null) trusts.
     *
     * @throws UntrustedNotificationException when the verifier refuses it
     * @throws IOException                    when its SNS signing certificate could not be fetched
     */
    static RekognitionVideo2Notification parse(String body, SnsNotificationVerifier verifier)
            throws InvalidNotificationException, IOException {
        if (body == null || body.isBlank()) {
            throw new InvalidNotificationException("the message is empty");
        }
        JsonNode node = read(body, "the message");
        String type = node.path("Type").asText("");
        if ("SubscriptionConfirmation".equals(type) || "UnsubscribeConfirmation".equals(type)) {
            throw new InvalidNotificationException(
                    "an SNS " + type + ", not a job's completion: the subscription of "
                                                   + "the queue to the topic is managed in SNS, not by this consumer");
        }
        if ("Notification".equals(type)) {
            if (!node.path("Message").isTextual()) {
                throw new InvalidNotificationException("the SNS envelope has no Message string");
            }
            if (verifier != null) {
                verifier.checkEnvelope(node);
            }
            node = read(node.get("Message").asText(), "the Message of the SNS envelope");
        } else if (verifier != null) {
            verifier.checkRaw();
        }
        String jobId = text(node, "JobId");
        String status = text(node, "Status");
        if (!STATUSES.contains(status)) {
            throw new InvalidNotificationException("Status '" + abbreviate(status) + "' is not one of " + STATUSES);
        }
        String api = text(node, "API");
        JsonNode timestamp = node.path("Timestamp");
        if (!timestamp.isMissingNode() && !timestamp.canConvertToLong()) {
            throw new InvalidNotificationException(
                    "Timestamp " + abbreviate(timestamp.toString())
                                                   + " is not milliseconds since the epoch");
        }
        return new RekognitionVideo2Notification(
                jobId, status, api, node.path("JobTag").asText(null),
                timestamp.asLong(0), node.path("Video").path("S3Bucket").asText(null),
                node.path("Video").path("S3ObjectName").asText(null));
    }

    /**
     * The completion that a Get call of the job reports, for the jobs whose notification is not awaited (polled) or did
     * not come (reconciled); null while the job is IN_PROGRESS.
     */
    static RekognitionVideo2Notification ofGet(
            RekognitionVideo2Analysis analysis, String jobId,
            RekognitionResponse response, long timestamp) {
        String jobStatus = (String) RekognitionVideo2Analysis.member(response, "JobStatus");
        if ("IN_PROGRESS".equals(jobStatus)) {
            return null;
        }
        Video video = (Video) RekognitionVideo2Analysis.member(response, "Video");
        return new RekognitionVideo2Notification(
                jobId, jobStatus, analysis.startApi(),
                (String) RekognitionVideo2Analysis.member(response, "JobTag"), timestamp,
                video == null ? null : video.s3Object().bucket(), video == null ? null : video.s3Object().name());
    }

    private static JsonNode read(String text, String what) throws InvalidNotificationException {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new InvalidNotificationException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidNotificationException(what + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String text(JsonNode node, String field) throws InvalidNotificationException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidNotificationException(
                    "no " + field + " (a Rekognition Video notification has JobId, "
                                                   + "Status, API, Timestamp and Video)");
        }
        if (!value.isTextual()) {
            throw new InvalidNotificationException(field + " must be a string, not " + abbreviate(value.toString()));
        }
        if (value.asText().isBlank()) {
            throw new InvalidNotificationException(field + " is empty");
        }
        return value.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
