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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The jobs of the analyses this server computes, face detection and segment detection: their Start and Get calls
 * with the service's semantics (idempotency by ClientRequestToken, a limit of concurrent jobs, the video read from
 * S3, asynchronous analysis, paging, and the completion notification published to the job's SNS topic).
 */
final class VideoJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoJobs.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    /** Rekognition returns at most this many results per page of a Get call, and this many by default. */
    static final int MAX_PAGE_SIZE = 1000;

    /** The analyses this server computes, and the member of their Get response that lists the results. */
    static final Map<String, String> RESULTS = Map.of("FaceDetection", "Faces", "SegmentDetection", "Segments");

    /** A job and its result. */
    static final class Job {
        final String id;
        final String analysis;
        final JsonNode request;
        volatile String status = IN_PROGRESS;
        volatile String statusMessage;
        /** A VideoMetadata, or for segment detection the list of them. */
        volatile JsonNode videoMetadata;
        volatile List<ObjectNode> results = List.of();
        /** Members of the Get response that only some analyses have (AudioMetadata, SelectedSegmentTypes). */
        volatile ObjectNode more = JSON.createObjectNode();

        Job(String id, String analysis, JsonNode request) {
            this.id = id;
            this.analysis = analysis;
            this.request = request;
        }


    }

    record TokenUse(JsonNode parameters, String jobId) {
    }

    private final S3Client s3;
    private final SnsClient sns;
    private final LocalRekognitionVideo.Settings settings;
    private final VideoAnalyzer analyzer;
    private final ExecutorService workers;
    /** Created at the first face detection job, shared by all (it is thread safe). */
    private FaceDetector detector;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, TokenUse> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final byte[] pageTokenKey;
    /** Where the jobs are kept across restarts, or null. */
    private final JobStore store;
    /** Set when the server stops: a job it interrupts is kept as it was (in progress), not as failed. */
    private volatile boolean closing;
    private final Clock clock;
    private final FaultInjector faults;
    /** Publishes the notifications that a fault delays. */
    private final ScheduledExecutorService notifier;

    /** @param store where the jobs are kept across restarts (the settings' state directory), or null */
    VideoJobs(S3Client s3, SnsClient sns, LocalRekognitionVideo.Settings settings, JobStore store, Clock clock,
              FaultInjector faults) {
        this.faults = faults;
        this.notifier = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rekognition-video-notifications");
            thread.setDaemon(true);
            return thread;
        });
        this.s3 = s3;
        this.sns = sns;
        this.settings = settings;
        this.clock = clock;
        this.analyzer = new VideoAnalyzer(settings.detector());
        this.store = store;
        if (store == null) {
            pageTokenKey = new byte[32];
            random.nextBytes(pageTokenKey);
        } else {
            pageTokenKey = store.pageTokenKey(random);
        }
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread thread = new Thread(r, "rekognition-video-job-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        if (store != null) {
            store.loadTokens(tokens);
            for (Job job : store.jobs()) {
                jobs.put(job.id, job);
                if (IN_PROGRESS.equals(job.status)) {
                    // the server stopped while it ran: it runs again, and notifies when done
                    LOG.info("{} job {} resumes after the restart", job.analysis, job.id);
                    workers.execute(() -> run(job));
                }
            }
            LOG.info("{} jobs kept in {}", jobs.size(), settings.stateDirectory());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Start<Analysis>

    /** Start{@code analysis}: a new job, or the one the same ClientRequestToken started. */
    ObjectNode start(String analysis, JsonNode request) {
        String token = request.hasNonNull("ClientRequestToken")
                ? analysis + ":" + request.get("ClientRequestToken").asText() : null;
        ObjectNode parameters = ((ObjectNode) request.deepCopy());
        parameters.remove("ClientRequestToken");
        Job job;
        synchronized (this) {
            if (token != null) {
                TokenUse previous = tokens.get(token);
                if (previous != null) {
                    if (previous.parameters().equals(parameters)) {
                        return JSON.createObjectNode().put("JobId", previous.jobId());
                    }
                    throw ServiceException.client("IdempotentParameterMismatchException", "ClientRequestToken "
                                                                                          + request.get("ClientRequestToken").asText()
                                                                                          + " was already used with different parameters");
                }
            }
            long running = jobs.values().stream().filter(j -> IN_PROGRESS.equals(j.status)).count();
            Integer limit = faults.faults().maxConcurrentJobs();
            int maxConcurrentJobs = limit != null ? limit : settings.maxConcurrentJobs();
            if (running >= maxConcurrentJobs) {
                throw ServiceException.client("LimitExceededException",
                        "An Amazon Rekognition service limit was exceeded: " + running + " jobs are in "
                                                                        + "progress, the limit is "
                                                                        + maxConcurrentJobs);
            }
            checkVideo(parameters.path("Video").path("S3Object"));
            byte[] id = new byte[32];
            random.nextBytes(id);
            job = new Job(HexFormat.of().formatHex(id), analysis, parameters);
            jobs.put(job.id, job);
            if (token != null) {
                tokens.put(token, new TokenUse(parameters, job.id));
            }
            if (store != null) {
                store.save(job);
                store.saveTokens(tokens);
            }
        }
        LOG.info("{} job {} started on s3://{}/{}", analysis, job.id,
                parameters.at("/Video/S3Object/Bucket").asText(), parameters.at("/Video/S3Object/Name").asText());
        workers.execute(() -> run(job));
        return JSON.createObjectNode().put("JobId", job.id);
    }

    private void checkVideo(JsonNode s3Object) {
        String bucket = s3Object.path("Bucket").asText(null);
        String key = s3Object.path("Name").asText(null);
        if (bucket == null || key == null) {
            throw ServiceException.client("InvalidParameterException",
                    "Video.S3Object needs a Bucket and a Name");
        }
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key).versionId(s3Object.path("Version").asText(null)));
        } catch (S3Exception e) {
            throw ServiceException.client("InvalidS3ObjectException",
                    "Unable to get object metadata from S3. Check object key, region and/or access permissions. ("
                                                                      + "s3://" + bucket + "/" + key + ": HTTP "
                                                                      + e.statusCode() + ")");
        }
        if (head.contentLength() != null && head.contentLength() > settings.maxVideoBytes()) {
            throw ServiceException.client("VideoTooLargeException",
                    "The video is " + head.contentLength() + " bytes; the limit is " + settings.maxVideoBytes());
        }
    }

    private void run(Job job) {
        JsonNode s3Object = job.request.path("Video").path("S3Object");
        Path file = null;
        try {
            file = Files.createTempFile("rekognition-video-", ".video");
            Files.delete(file);
            s3.getObject(b -> b.bucket(s3Object.path("Bucket").asText()).key(s3Object.path("Name").asText())
                    .versionId(s3Object.path("Version").asText(null)), ResponseTransformer.toFile(file));
            if ("SegmentDetection".equals(job.analysis)) {
                SegmentDetector.Settings segments = SegmentDetector.Settings.of(job.request);
                VideoAnalyzer.Analysis analysis = analyzer.analyze(file, null, segments);
                job.videoMetadata = JSON.createArrayNode().add(metadata(analysis.metadata()));
                job.results = List.copyOf(analysis.segments());
                ObjectNode more = JSON.createObjectNode();
                ArrayNode audio = more.putArray("AudioMetadata");
                if (analysis.audio() != null) {
                    audio.addObject().put("Codec", analysis.audio().codec())
                            .put("DurationMillis", analysis.audio().durationMillis())
                            .put("SampleRate", analysis.audio().sampleRate())
                            .put("NumberOfChannels", analysis.audio().numberOfChannels());
                }
                ArrayNode selected = more.putArray("SelectedSegmentTypes");
                job.request.path("SegmentTypes").forEach(type -> selected.addObject().put("Type", type.asText())
                        .put("ModelVersion", SegmentDetector.MODEL_VERSION));
                job.more = more;
            } else {
                VideoAnalyzer.Analysis analysis = analyzer.analyze(file, detector(), null);
                job.videoMetadata = metadata(analysis.metadata());
                job.results = faces(analysis);
            }
            job.status = SUCCEEDED;
            LOG.info("{} job {} SUCCEEDED: {} results", job.analysis, job.id, job.results.size());
        } catch (VideoAnalyzer.UnreadableVideoException e) {
            fail(job, e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.warn("{} job {} failed", job.analysis, job.id, e);
            fail(job, "Internal error: " + e.getMessage());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debug("Cannot delete {}", file, e);
                }
            }
        }
        if (closing) {
            // interrupted by the stop: kept in progress, to run again after a restart
            return;
        }
        if (store != null) {
            store.save(job);
        }
        notifyCompletion(job);
    }

    private static void fail(Job job, String message) {
        job.statusMessage = message;
        job.status = FAILED;
        LOG.info("{} job {} FAILED: {}", job.analysis, job.id, message);
    }

    private static ObjectNode metadata(VideoAnalyzer.Metadata m) {
        ObjectNode node = JSON.createObjectNode()
                .put("Codec", m.codec())
                .put("DurationMillis", m.durationMillis())
                .put("Format", m.format())
                .put("FrameRate", m.frameRate())
                .put("FrameHeight", m.frameHeight())
                .put("FrameWidth", m.frameWidth());
        if (m.colorRange() != null) {
            node.put("ColorRange", m.colorRange());
        }
        return node;
    }

    private synchronized FaceDetector detector() {
        if (detector == null) {
            detector = new FaceDetector(settings.detector());
        }
        return detector;
    }

    private static List<ObjectNode> faces(VideoAnalyzer.Analysis analysis) {
        List<ObjectNode> faces = new ArrayList<>();
        for (VideoAnalyzer.Sample sample : analysis.samples()) {
            float width = sample.frameWidth();
            float height = sample.frameHeight();
            for (FaceDetector.DetectedFace face : sample.faces()) {
                ObjectNode detail = JSON.createObjectNode();
                detail.putObject("BoundingBox")
                        .put("Width", face.box().width() / width)
                        .put("Height", face.box().height() / height)
                        .put("Left", face.box().x() / width)
                        .put("Top", face.box().y() / height);
                ArrayNode landmarks = detail.putArray("Landmarks");
                FaceGeometry.Landmarks l = face.landmarks();
                landmark(landmarks, "eyeLeft", l.eyeLeft(), width, height);
                landmark(landmarks, "eyeRight", l.eyeRight(), width, height);
                landmark(landmarks, "mouthLeft", l.mouthLeft(), width, height);
                landmark(landmarks, "mouthRight", l.mouthRight(), width, height);
                landmark(landmarks, "nose", l.nose(), width, height);
                detail.putObject("Pose").put("Roll", face.pose().roll()).put("Yaw", face.pose().yaw())
                        .put("Pitch", face.pose().pitch());
                detail.putObject("Quality").put("Brightness", face.brightness()).put("Sharpness", face.sharpness());
                detail.put("Confidence", face.confidence());
                ObjectNode detection = JSON.createObjectNode().put("Timestamp", sample.timestampMillis());
                detection.set("Face", detail);
                faces.add(detection);
            }
        }
        return List.copyOf(faces);
    }

    /** A landmark as Rekognition gives it: X and Y as ratios of the frame (outside 0..1 when off the frame). */
    private static void landmark(ArrayNode landmarks, String type, FaceGeometry.Point point, float width,
            float height) {
        landmarks.addObject().put("Type", type).put("X", point.x() / width).put("Y", point.y() / height);
    }

    private void notifyCompletion(Job job) {
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
                notifier.schedule(() -> publish(job, topic, notification.toString()), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void publish(Job job, String topic, String notification) {
        try {
            sns.publish(b -> b.topicArn(topic).message(notification));
            LOG.info("{} job {} {}: notified {}", job.analysis, job.id, job.status, topic);
        } catch (RuntimeException e) {
            LOG.warn("{} job {}: cannot publish the completion to {}: {}", job.analysis, job.id, topic, e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Get<Analysis>

    /** Get{@code analysis}: a page of the results of a job of that analysis. */
    ObjectNode get(String analysis, JsonNode request) {
        String jobId = request.path("JobId").asText();
        Job job = jobs.get(jobId);
        if (job == null || !job.analysis.equals(analysis)) {
            throw ServiceException.client("ResourceNotFoundException",
                    "No " + analysis.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT) + " job with id "
                                                                  + jobId);
        }
        int pageSize = Math.min(request.path("MaxResults").asInt(MAX_PAGE_SIZE), MAX_PAGE_SIZE);
        int offset = request.hasNonNull("NextToken") ? offsetOf(request.get("NextToken").asText(), jobId) : 0;

        ObjectNode response = JSON.createObjectNode().put("JobStatus", job.status);
        if (job.statusMessage != null) {
            response.put("StatusMessage", job.statusMessage);
        }
        if (job.videoMetadata != null) {
            response.set("VideoMetadata", job.videoMetadata);
        }
        List<ObjectNode> results = SUCCEEDED.equals(job.status) ? job.results : List.of();
        ArrayNode page = response.putArray(RESULTS.get(analysis));
        int end = Math.min(results.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            page.add(results.get(i));
        }
        if (SUCCEEDED.equals(job.status)) {
            response.setAll(job.more);
        }
        if (end < results.size()) {
            response.put("NextToken", pageToken(jobId, end));
        }
        response.put("JobId", job.id);
        response.set("Video", job.request.path("Video"));
        if (job.request.has("JobTag")) {
            response.put("JobTag", job.request.get("JobTag").asText());
        }
        return response;
    }

    /** An opaque token naming a page of a job's result, signed so that no other token is taken. */
    private String pageToken(String jobId, int offset) {
        String payload = jobId + ":" + offset;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((payload + ":" + signature(payload)).getBytes(StandardCharsets.UTF_8));
    }

    private int offsetOf(String token, String jobId) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            String payload = parts[0] + ":" + parts[1];
            if (parts.length == 3 && parts[0].equals(jobId)
                    && MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.UTF_8),
                            signature(payload).getBytes(StandardCharsets.UTF_8))) {
                return Integer.parseInt(parts[1]);
            }
        } catch (RuntimeException e) {
            // not a token of ours: answered below
        }
        throw ServiceException.client("InvalidPaginationTokenException", "Invalid Token");
    }

    private String signature(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pageTokenKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closing = true;
        notifier.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (detector != null) {
                detector.close();
                detector = null;
            }
        }
    }
}
