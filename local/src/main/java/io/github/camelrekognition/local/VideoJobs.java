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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelrekognition.local.detection.VideoAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The jobs of the analyses this server computes (each an {@link AnalysisResults}): their Start and Get calls with the
 * service's semantics (idempotency by ClientRequestToken, a limit of concurrent jobs, the video read from S3,
 * asynchronous analysis, paging with {@link PageTokens}), kept in the {@link JobStore} when there is one, and their
 * completion notified by the {@link CompletionNotifier}.
 */
final class VideoJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoJobs.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    /** Rekognition returns at most this many results per page of a Get call, and this many by default. */
    static final int MAX_PAGE_SIZE = 1000;

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
        /** When this server started or resumed the job, and when it ended it (System.nanoTime), for the stats. */
        final long since = System.nanoTime();
        volatile long ended;

        Job(String id, String analysis, JsonNode request) {
            this.id = id;
            this.analysis = analysis;
            this.request = request;
        }

    }

    record TokenUse(JsonNode parameters, String jobId) {
    }

    private final S3Client s3;
    private final LocalRekognitionVideo.Settings settings;
    /** The analyses this server computes, by name (e.g. FaceDetection). */
    private final Map<String, AnalysisResults> analyses;
    private final ExecutorService workers;
    /** Holds the jobs of the faults' job latency until their analysis begins. */
    private final ScheduledExecutorService latency;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, TokenUse> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final PageTokens pageTokens;
    /** Where the jobs are kept across restarts, or null. */
    private final JobStore store;
    /** Set when the server stops: a job it interrupts is kept as it was (in progress), not as failed. */
    private volatile boolean closing;
    private final FaultInjector faults;
    private final CompletionNotifier notifier;

    /** @param store where the jobs are kept across restarts (the settings' state directory), or null */
    VideoJobs(S3Client s3, SnsClient sns, LocalRekognitionVideo.Settings settings, JobStore store, Clock clock,
              FaultInjector faults, ModelValidator validator, FaceCollections collections) {
        this.faults = faults;
        this.notifier = new CompletionNotifier(sns, clock, faults);
        this.s3 = s3;
        this.settings = settings;
        VideoAnalyzer analyzer = new VideoAnalyzer(settings.detector());
        this.analyses = Stream.concat(
                Stream.of(new FaceDetectionResults(analyzer, settings.detector()), new SegmentDetectionResults(analyzer),
                        new TextDetectionResults(analyzer)),
                SuppliedResults.KINDS.stream().map(kind -> new SuppliedResults(kind, s3, analyzer, validator, collections)))
                .collect(Collectors.toUnmodifiableMap(AnalysisResults::analysis, a -> a));
        this.store = store;
        if (store == null) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            pageTokens = new PageTokens(key);
        } else {
            pageTokens = new PageTokens(store.pageTokenKey(random));
        }
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread thread = new Thread(r, "rekognition-video-job-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.latency = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rekognition-video-job-latency");
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

    /** Whether this server runs jobs of {@code analysis} (e.g. FaceDetection): computed, or from supplied results. */
    boolean computes(String analysis) {
        return analyses.containsKey(analysis);
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
                    String used = request.get("ClientRequestToken").asText();
                    throw ServiceException.client("IdempotentParameterMismatchException",
                            "ClientRequestToken " + used + " was already used with different parameters");
                }
            }
            long running = jobs.values().stream().filter(j -> IN_PROGRESS.equals(j.status)).count();
            Integer limit = faults.faults().maxConcurrentJobs();
            int maxConcurrentJobs = limit != null ? limit : settings.maxConcurrentJobs();
            if (running >= maxConcurrentJobs) {
                faults.count("limitExceeded.Start" + analysis);
                throw ServiceException.client("LimitExceededException",
                        "An Amazon Rekognition service limit was exceeded: " + running + " jobs are in "
                                                                        + "progress, the limit is "
                                                                        + maxConcurrentJobs);
            }
            checkVideo(parameters.path("Video").path("S3Object"));
            analyses.get(analysis).checkStart(parameters);
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
        long jobLatency = faults.faults().jobLatencyMillis();
        if (jobLatency > 0) {
            latency.schedule(() -> workers.execute(() -> run(job)), jobLatency, TimeUnit.MILLISECONDS);
        } else {
            workers.execute(() -> run(job));
        }
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
            analyses.get(job.analysis).compute(job, file);
            job.status = SUCCEEDED;
            LOG.info("{} job {} SUCCEEDED: {} results", job.analysis, job.id, job.results.size());
        } catch (AnalysisResults.JobFailure e) {
            fail(job, e.getMessage());
        } catch (VideoAnalyzer.UnreadableVideoException e) {
            // the service's words in the job; what FFmpeg said, for whoever runs the server
            LOG.debug("{} job {}: {}", job.analysis, job.id, e.getMessage(), e);
            fail(job, VideoAnalyzer.UNSUPPORTED);
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
        job.ended = System.nanoTime();
        if (store != null) {
            store.save(job);
        }
        notifier.notifyCompletion(job);
    }

    private static void fail(Job job, String message) {
        job.statusMessage = message;
        job.status = FAILED;
        LOG.info("{} job {} FAILED: {}", job.analysis, job.id, message);
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
        int offset = request.hasNonNull("NextToken") ? pageTokens.offsetOf(request.get("NextToken").asText(), jobId) : 0;

        ObjectNode response = JSON.createObjectNode().put("JobStatus", job.status);
        if (job.statusMessage != null) {
            response.put("StatusMessage", job.statusMessage);
        }
        if (job.videoMetadata != null) {
            response.set("VideoMetadata", job.videoMetadata);
        }
        List<ObjectNode> results = SUCCEEDED.equals(job.status)
                ? analyses.get(analysis).order(job.results, request)
                : List.of();
        ArrayNode page = response.putArray(analyses.get(analysis).resultsMember());
        int end = Math.min(results.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            page.add(results.get(i));
        }
        if (SUCCEEDED.equals(job.status)) {
            response.setAll(job.more);
        }
        if (end < results.size()) {
            response.put("NextToken", pageTokens.token(jobId, end));
        }
        response.put("JobId", job.id);
        response.set("Video", job.request.path("Video"));
        if (job.request.has("JobTag")) {
            response.put("JobTag", job.request.get("JobTag").asText());
        }
        return response;
    }

    /**
     * The jobs in progress now ({@code jobs.inProgress}), and the time jobs spent in progress on this server since it
     * started, summed over the jobs ({@code jobs.inProgressMillis}): its growth over a period, divided by the period
     * and the concurrent-job limit, is the share of the job slots that were busy.
     */
    Map<String, Long> stats() {
        long now = System.nanoTime();
        long inProgress = 0;
        long nanos = 0;
        for (Job job : jobs.values()) {
            boolean running = IN_PROGRESS.equals(job.status);
            inProgress += running ? 1 : 0;
            long ended = running ? now : job.ended;
            nanos += ended > job.since ? ended - job.since : 0;
        }
        return Map.of("jobs.inProgress", inProgress, "jobs.inProgressMillis", TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    @Override
    public void close() {
        closing = true;
        latency.shutdownNow();
        notifier.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        analyses.values().forEach(AnalysisResults::close);
    }
}
