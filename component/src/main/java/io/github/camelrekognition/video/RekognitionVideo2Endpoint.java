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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.github.camelrekognition.video.client.RekognitionVideo2ClientFactory;
import org.apache.camel.Category;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Start Amazon Rekognition Video analyses (faces, labels, celebrities, content moderation, face search, segments, text,
 * person tracking) of videos in S3, and receive their results when they complete.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "aws2-rekognition-video", title = "AWS Rekognition Video",
             syntax = "aws2-rekognition-video:label", category = { Category.CLOUD, Category.AI },
             headersClass = RekognitionVideo2Constants.class)
public class RekognitionVideo2Endpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriParam
    private final RekognitionVideo2Configuration configuration;

    private RekognitionClient rekognitionClient;
    private SqsClient sqsClient;
    private S3Client s3Client;
    private IdempotentRepository defaultIdempotentRepository;
    private Set<String> uriOptions = Set.of();

    public RekognitionVideo2Endpoint(String uri, Component component, RekognitionVideo2Configuration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        validateProducerOptions();
        ServiceHelper.startService(configuration.getStartedJobsRepository());
        watchOpenJobs();
        return new RekognitionVideo2Producer(this);
    }

    /**
     * With a {@code queueUrl}, a consumer of the completion queue; without, a consumer that polls the jobs the
     * producers of the same label start.
     */
    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        validateConsumerOptions();
        NotificationFilter filter = NotificationFilter.of(configuration);
        IdempotentRepository repository = configuration.getIdempotentRepository();
        if (repository == null) {
            if (defaultIdempotentRepository == null) {
                defaultIdempotentRepository = MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
            }
            repository = defaultIdempotentRepository;
        }
        ServiceHelper.startService(repository);
        // the user's repositories: started here (a started one stays started), stopped by their owner
        ServiceHelper.startService(configuration.getInProgressRepository(), configuration.getStartedJobsRepository());
        watchOpenJobs();
        Consumer consumer = configuration.getQueueUrl() != null
                ? new RekognitionVideo2QueueConsumer(
                        this, processor, filter,
                        new CompletionClaims(repository, configuration.getInProgressRepository()))
                : new RekognitionVideo2PollingConsumer(this, processor, filter, new CompletionClaims(repository, null));
        configureConsumer(consumer);
        return consumer;
    }

    private void watchOpenJobs() {
        if (configuration.getStartedJobsRepository() != null) {
            getComponent().metrics().watchOpenJobs(configuration.getStartedJobsRepository());
        }
    }

    /** The options a consumer without {@code queueUrl} (polling the Get calls) has no use for. */
    static final Set<String> QUEUE_READING_OPTIONS = Set.of("waitTimeSeconds", "maxMessagesPerPoll",
            "concurrentConsumers", "visibilityTimeout", "extendMessageVisibility", "deleteIfFiltered", "sqsClient",
            "sqsUriEndpointOverride", "verifyNotificationSignature", "requireSignedNotifications",
            "notificationTopicArns", "snsSigningCertificate", "inProgressRepository", "reconcileInterval",
            "reconcileAfter");

    /** The options named in this endpoint's URI (not those it takes from the component). */
    void setUriOptions(Set<String> names) {
        this.uriOptions = Set.copyOf(names);
    }

    private void validateProducerOptions() {
        if (configuration.getConcurrentJobLimit() < 0) {
            throw new RekognitionVideo2ValidationException(
                    "option concurrentJobLimit",
                    "must be 0 (not counted) or the most jobs at once, such as the account's quota of 20 (it is "
                                                 + configuration.getConcurrentJobLimit() + ")");
        }
        if (configuration.getConcurrentJobLimit() > 0 && configuration.getStartedJobsRepository() == null) {
            throw new RekognitionVideo2ValidationException(
                    "option concurrentJobLimit",
                    "counts the jobs recorded in startedJobsRepository, and none is set: set startedJobsRepository (a "
                                                 + "shared one, such as camel-sql's JdbcAggregationRepository, to "
                                                 + "count across instances)");
        }
        if (configuration.getLimitExceededWaitTimeout() < 0) {
            throw new RekognitionVideo2ValidationException(
                    "option limitExceededWaitTimeout", "must not be negative");
        }
    }

    private void validateConsumerOptions() {
        if (configuration.getQueueUrl() == null) {
            for (String option : new TreeSet<>(uriOptions)) {
                if (QUEUE_READING_OPTIONS.contains(option)) {
                    throw new RekognitionVideo2ValidationException(
                            "option " + option,
                            "applies to reading the completion queue, and this consumer has no queueUrl (it polls "
                                                + "the Get calls): set queueUrl, or leave "
                                                + option + " out");
                }
            }
        } else if (!isStartScheduler()) {
            throw new RekognitionVideo2ValidationException(
                    "option startScheduler",
                    "must be true with a queueUrl: the completion queue is read by a scheduler this consumer owns, "
                                             + "which nothing else could start");
        }
        Integer maxResults = configuration.getMaxResults();
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw new RekognitionVideo2ValidationException(
                    "option maxResults",
                    "the page size of the Get calls must be 1 to 1000 (it is " + maxResults + ")");
        }
        if (configuration.getWaitTimeSeconds() < 0 || configuration.getWaitTimeSeconds() > 20) {
            throw new RekognitionVideo2ValidationException(
                    "option waitTimeSeconds",
                    "SQS long polling waits 0 to 20 seconds (it is " + configuration.getWaitTimeSeconds() + ")");
        }
        if (configuration.getMaxMessagesPerPoll() < 1) {
            throw new RekognitionVideo2ValidationException(
                    "option maxMessagesPerPoll",
                    "must be at least 1 (it is " + configuration.getMaxMessagesPerPoll() + ")");
        }
        if (configuration.getConcurrentConsumers() < 1) {
            throw new RekognitionVideo2ValidationException(
                    "option concurrentConsumers",
                    "must be at least 1 (it is " + configuration.getConcurrentConsumers() + ")");
        }
        if (configuration.getVisibilityTimeout() < 1) {
            throw new RekognitionVideo2ValidationException(
                    "option visibilityTimeout",
                    "must be at least 1 second (it is " + configuration.getVisibilityTimeout() + ")");
        }
        if (configuration.getReconcileInterval() < 0 || configuration.getReconcileAfter() < 0) {
            throw new RekognitionVideo2ValidationException(
                    "option " + (configuration.getReconcileInterval() < 0
                            ? "reconcileInterval" : "reconcileAfter"),
                    "must not be negative");
        }
        validateLargeResultOptions();
        if (configuration.getReconcileInterval() > 0 && configuration.getStartedJobsRepository() == null) {
            throw new RekognitionVideo2ValidationException(
                    "option reconcileInterval",
                    "reconciles the jobs recorded in startedJobsRepository, and none is set: set startedJobsRepository "
                                                + "on the producers and this consumer");
        }
    }

    /** An S3 bucket name as S3 requires it of a new bucket: 3 to 63 lowercase letters, digits, dots and hyphens. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private void validateLargeResultOptions() {
        String bucket = configuration.getLargeResultBucket();
        if (bucket == null) {
            for (String option : List.of("largeResultKeyPrefix", "largeResultLimit", "s3UriEndpointOverride")) {
                if (uriOptions.contains(option)) {
                    throw new RekognitionVideo2ValidationException(
                            "option " + option,
                            "applies to results stored by reference, and largeResultBucket is not set: set "
                                                + "largeResultBucket, or leave " + option + " out");
                }
            }
            return;
        }
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new RekognitionVideo2ValidationException(
                    "option largeResultBucket",
                    "must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and "
                                                + "ending with a letter or digit (it is '" + bucket + "'; give the "
                                                + "name, not an s3:// URI or an ARN)");
        }
        String prefix = configuration.getLargeResultKeyPrefix();
        if (prefix != null && (prefix.startsWith("/") || prefix.length() > 512)) {
            throw new RekognitionVideo2ValidationException(
                    "option largeResultKeyPrefix",
                    "must not start with '/' and must be at most 512 characters, so that the S3 keys it starts stay "
                                                   + "under S3's 1,024 bytes (it is '" + prefix + "')");
        }
        if (configuration.getLargeResultLimit() < 1) {
            throw new RekognitionVideo2ValidationException(
                    "option largeResultLimit",
                    "must be at least 1 byte (it is " + configuration.getLargeResultLimit() + ")");
        }
        if (configuration.getResultMode() == RekognitionVideo2ResultMode.notification) {
            throw new RekognitionVideo2ValidationException(
                    "option largeResultBucket",
                    "stores results, and resultMode notification emits none: leave largeResultBucket out, or choose "
                                                + "the aggregate, page or item result mode");
        }
    }

    /**
     * With a {@code queueUrl}, the queue is read by this consumer of Camel's aws2-sqs: it gets this endpoint's
     * scheduler options, as this endpoint's own consumer would. Unless {@code greedy} is set, it is greedy: a receive
     * that brought messages is followed by the next one at once, and {@code delay} applies after an empty or failed
     * receive only. The receive long-polls, so waiting {@code delay} after messages only makes completions wait: 500 ms
     * per receive of at most 10 messages, 50 ms or more per job with one consumer (docs/performance.md).
     */
    void configureQueueReading(ScheduledPollConsumer queueConsumer) {
        doConfigureConsumer(queueConsumer);
        if (!greedySet) {
            queueConsumer.setGreedy(true);
        }
    }

    /** Whether {@code greedy} was set on this endpoint (its URI or its configurer). */
    private boolean greedySet;

    @Override
    public void setGreedy(boolean greedy) {
        super.setGreedy(greedy);
        greedySet = true;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (configuration.getMaxAttempts() != null && configuration.getMaxAttempts() < 1) {
            throw new RekognitionVideo2ValidationException(
                    "option maxAttempts",
                    "must be at least 1, the first attempt included (1: no retry; it is "
                                          + configuration.getMaxAttempts() + ")");
        }
        rekognitionClient = configuration.getRekognitionClient() != null
                ? configuration.getRekognitionClient()
                : RekognitionVideo2ClientFactory.getRekognitionClient(configuration);
        if (configuration.getQueueUrl() != null) {
            sqsClient = configuration.getSqsClient() != null
                    ? configuration.getSqsClient() : RekognitionVideo2ClientFactory.getSqsClient(configuration);
        }
        if (configuration.getLargeResultBucket() != null) {
            s3Client = configuration.getS3Client() != null
                    ? configuration.getS3Client() : RekognitionVideo2ClientFactory.getS3Client(configuration);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (configuration.getRekognitionClient() == null && rekognitionClient != null) {
            rekognitionClient.close();
        }
        if (configuration.getSqsClient() == null && sqsClient != null) {
            sqsClient.close();
        }
        if (configuration.getS3Client() == null && s3Client != null) {
            s3Client.close();
        }
        rekognitionClient = null;
        sqsClient = null;
        s3Client = null;
        ServiceHelper.stopService(defaultIdempotentRepository);
        super.doStop();
    }

    public RekognitionVideo2Configuration getConfiguration() {
        return configuration;
    }

    public RekognitionClient getRekognitionClient() {
        return rekognitionClient;
    }

    public SqsClient getSqsClient() {
        return sqsClient;
    }

    /** The S3 client of {@code largeResultBucket}, or null without one. */
    public S3Client getS3Client() {
        return s3Client;
    }

    @Override
    public RekognitionVideo2Component getComponent() {
        return (RekognitionVideo2Component) super.getComponent();
    }

    @Override
    public String getServiceUrl() {
        if (configuration.isOverrideEndpoint() && configuration.getUriEndpointOverride() != null) {
            return configuration.getUriEndpointOverride();
        }
        return configuration.getRegion();
    }

    @Override
    public String getServiceProtocol() {
        return "rekognition";
    }
}
