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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelrekognition.local.detection.VideoAnalyzer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An analysis this server does not compute, answered from results the user supplies for each video: beside the video in
 * its bucket, {@code <key>.<Analysis>.json} (for {@code door.mp4}, {@code door.mp4.LabelDetection.json}), a document in
 * the shape of the service's Get response ({@code {"Labels": [...], "LabelModelVersion": "3.0"}}). A Start call without
 * it is refused by name, as before; with it, the job runs as a computed one: the document is checked against the API
 * model, its results filtered as the Start request asks ({@code MinConfidence}, {@code FaceMatchThreshold}), ordered by
 * {@code Timestamp} or as the Get request's {@code SortBy} asks, paged, given the video's metadata (the document's,
 * else the video's own), and the job's completion notified. A document that is not JSON, or not such a response, fails
 * the job with a StatusMessage that says where.
 */
final class SuppliedResults implements AnalysisResults {

    /** The members of a Get response that the job itself sets. */
    private static final Set<String> JOB_MEMBERS = Set.of("JobStatus", "StatusMessage", "VideoMetadata", "NextToken",
            "JobId", "Video", "JobTag", "GetRequestMetadata");

    /** An analysis answered from supplied results: how its results are filtered and sorted. */
    record Kind(String analysis, String resultsMember, String name,
            Map<String, Function<JsonNode, String>> sortKeys) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind(
                    "LabelDetection", "Labels", "label detection",
                    Map.of("NAME", r -> r.at("/Label/Name").asText())),
            new Kind(
                    "ContentModeration", "ModerationLabels", "content moderation",
                    Map.of("NAME", r -> r.at("/ModerationLabel/Name").asText())),
            new Kind(
                    "CelebrityRecognition", "Celebrities", "celebrity recognition",
                    Map.of("ID", r -> r.at("/Celebrity/Id").asText())),
            new Kind(
                    "FaceSearch", "Persons", "face search",
                    Map.of("INDEX", r -> String.format(Locale.ROOT, "%019d", r.at("/Person/Index").asLong()))),
            new Kind(
                    "PersonTracking", "Persons", "person tracking",
                    Map.of("INDEX", r -> String.format(Locale.ROOT, "%019d", r.at("/Person/Index").asLong()))));

    private final Kind kind;
    private final S3Client s3;
    private final VideoAnalyzer analyzer;
    private final ModelValidator validator;
    private final FaceCollections collections;

    SuppliedResults(Kind kind, S3Client s3, VideoAnalyzer analyzer, ModelValidator validator,
                    FaceCollections collections) {
        this.kind = kind;
        this.s3 = s3;
        this.analyzer = analyzer;
        this.validator = validator;
        this.collections = collections;
    }

    /** Where the results of {@code analysis} for the video {@code key} are supplied, in the video's bucket. */
    static String suppliedKey(String key, String analysis) {
        return key + "." + analysis + ".json";
    }

    @Override
    public String analysis() {
        return kind.analysis();
    }

    @Override
    public String resultsMember() {
        return kind.resultsMember();
    }

    @Override
    public void checkStart(JsonNode request) {
        if (kind.analysis().equals("FaceSearch") && !collections.exists(request.path("CollectionId").asText())) {
            throw FaceCollections.notFound(request.path("CollectionId").asText());
        }
        JsonNode video = request.path("Video").path("S3Object");
        String bucket = video.path("Bucket").asText();
        String key = suppliedKey(video.path("Name").asText(), kind.analysis());
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            throw ServiceException.client(RekognitionHandler.NOT_SUPPORTED_LOCALLY,
                    "The local Rekognition Video does not compute " + kind.name() + " (Start" + kind.analysis()
                                                                                    + "): supply the results of this video "
                                                                                    + "as s3://" + bucket + "/" + key
                                                                                    + ", a Get" + kind.analysis()
                                                                                    + " response, or run Start"
                                                                                    + kind.analysis()
                                                                                    + " against Amazon Rekognition Video.");
        }
    }

    @Override
    public void compute(VideoJobs.Job job, Path video)
            throws IOException, VideoAnalyzer.UnreadableVideoException, JobFailure {
        JsonNode s3Object = job.request.path("Video").path("S3Object");
        String bucket = s3Object.path("Bucket").asText();
        String key = suppliedKey(s3Object.path("Name").asText(), kind.analysis());
        String where = "s3://" + bucket + "/" + key;
        JsonNode document;
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            document = JSON.readTree(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            throw new JobFailure("The results supplied at " + where + " were deleted before the job ran.");
        } catch (JsonProcessingException e) {
            throw new JobFailure(
                    "The results supplied at " + where + " are not JSON: "
                                 + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = document == null || document.isMissingNode()
                ? List.of("the document is empty")
                : validator.documentProblems("Get" + kind.analysis() + "Response", document);
        if (!problems.isEmpty()) {
            throw new JobFailure(
                    "The results supplied at " + where + " are not a Get" + kind.analysis() + " response: "
                                 + String.join("; ", problems));
        }
        job.videoMetadata = document.hasNonNull("VideoMetadata")
                ? document.get("VideoMetadata")
                : AnalysisResults.videoMetadata(analyzer.probe(video));
        List<ObjectNode> results = new ArrayList<>();
        for (JsonNode result : document.path(kind.resultsMember())) {
            ObjectNode kept = filtered((ObjectNode) result.deepCopy(), job.request);
            if (kept != null) {
                results.add(kept);
            }
        }
        results.sort(Comparator.comparingLong(r -> r.path("Timestamp").asLong()));
        ObjectNode more = JSON.createObjectNode();
        document.fields().forEachRemaining(member -> {
            if (!JOB_MEMBERS.contains(member.getKey()) && !member.getKey().equals(kind.resultsMember())) {
                more.set(member.getKey(), member.getValue());
            }
        });
        job.more = more;
        job.results = List.copyOf(results);
    }

    /**
     * {@code AggregateBy=SEGMENTS} of labels and moderation labels: the detections of one name no more than
     * {@value #SEGMENT_GAP_MILLIS} ms apart make one segment, given as its first detection with
     * {@code StartTimestampMillis}, {@code EndTimestampMillis} and {@code DurationMillis} and the segment's highest
     * confidence; in the order of their start.
     */
    private List<ObjectNode> segments(List<ObjectNode> detections) {
        String item = kind.analysis().equals("LabelDetection") ? "Label" : "ModerationLabel";
        Map<String, List<ObjectNode>> byName = new java.util.LinkedHashMap<>();
        for (ObjectNode detection : detections) {
            byName.computeIfAbsent(detection.path(item).path("Name").asText(), n -> new ArrayList<>()).add(detection);
        }
        List<ObjectNode> segments = new ArrayList<>();
        for (List<ObjectNode> same : byName.values()) {
            ObjectNode segment = null;
            long end = 0;
            double confidence = 0;
            for (ObjectNode detection : same) { // in Timestamp order already
                long at = detection.path("Timestamp").asLong();
                if (segment != null && at - end > SEGMENT_GAP_MILLIS) {
                    segments.add(close(segment, end, confidence, item));
                    segment = null;
                }
                if (segment == null) {
                    segment = detection.deepCopy();
                    confidence = 0;
                }
                end = at;
                confidence = Math.max(confidence, detection.path(item).path("Confidence").asDouble());
            }
            if (segment != null) {
                segments.add(close(segment, end, confidence, item));
            }
        }
        segments.sort(Comparator.comparingLong(r -> r.path("StartTimestampMillis").asLong()));
        return segments;
    }

    private static ObjectNode close(ObjectNode segment, long end, double confidence, String item) {
        long start = segment.path("Timestamp").asLong();
        segment.put("StartTimestampMillis", start).put("EndTimestampMillis", end).put("DurationMillis", end - start);
        ((ObjectNode) segment.path(item)).put("Confidence", confidence);
        return segment;
    }

    /** A result as the Start request's filters keep it, or null when they drop it. */
    private ObjectNode filtered(ObjectNode result, JsonNode start) {
        switch (kind.analysis()) {
            case "LabelDetection" -> {
                double min = start.path("MinConfidence").asDouble(50);
                return result.at("/Label/Confidence").asDouble(100) >= min ? result : null;
            }
            case "ContentModeration" -> {
                double min = start.path("MinConfidence").asDouble(50);
                return result.at("/ModerationLabel/Confidence").asDouble(100) >= min ? result : null;
            }
            case "FaceSearch" -> {
                double threshold = start.path("FaceMatchThreshold").asDouble(80);
                ArrayNode matches = JSON.createArrayNode();
                result.path("FaceMatches").forEach(m -> {
                    if (m.path("Similarity").asDouble(100) >= threshold) {
                        matches.add(m);
                    }
                });
                if (matches.isEmpty()) {
                    return null; // the service lists the persons whose faces match the collection's
                }
                result.set("FaceMatches", matches);
                return result;
            }
            default -> {
                return result;
            }
        }
    }

    /** Detections of one label this far apart at most are one segment of {@code AggregateBy=SEGMENTS}. */
    static final long SEGMENT_GAP_MILLIS = 1000;

    @Override
    public List<ObjectNode> order(List<ObjectNode> results, JsonNode getRequest) {
        if ("SEGMENTS".equals(getRequest.path("AggregateBy").asText()) && kind.sortKeys().containsKey("NAME")) {
            results = segments(results);
        }
        Function<JsonNode, String> key = kind.sortKeys().get(getRequest.path("SortBy").asText(""));
        if (key == null) {
            return results; // TIMESTAMP, the default
        }
        List<ObjectNode> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((ObjectNode r) -> key.apply(r))
                .thenComparingLong(r -> r.path("Timestamp").asLong()));
        return sorted;
    }
}
