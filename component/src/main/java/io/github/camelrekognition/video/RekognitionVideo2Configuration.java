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

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.aws.common.AwsCommonConfiguration;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import software.amazon.awssdk.core.Protocol;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

@UriParams
public class RekognitionVideo2Configuration implements Cloneable, AwsCommonConfiguration {

    @UriPath(description = "Logical name")
    @Metadata(required = true)
    private String label;

    @UriParam(label = "advanced")
    @Metadata(autowired = true)
    private RekognitionClient rekognitionClient;

    @UriParam(label = "producer", defaultValue = "startFaceDetection")
    private RekognitionVideo2Operations operation = RekognitionVideo2Operations.startFaceDetection;
    @UriParam(label = "producer")
    private boolean pojoRequest;
    @UriParam(label = "producer")
    private String bucketName;
    @UriParam(label = "producer")
    private String snsTopicArn;
    @UriParam(label = "producer")
    private String roleArn;
    @UriParam(label = "producer", enums = "DEFAULT,ALL")
    private String faceAttributes;
    @UriParam(label = "producer")
    private Float minConfidence;
    @UriParam(label = "producer", enums = "GENERAL_LABELS")
    private String features;
    @UriParam(label = "producer")
    private String collectionId;
    @UriParam(label = "producer")
    private Float faceMatchThreshold;
    @UriParam(label = "producer", enums = "SHOT,TECHNICAL_CUE")
    private String segmentTypes;
    @UriParam(label = "producer", enums = "NAME,TIMESTAMP,ID,INDEX")
    private String sortBy;
    @UriParam(label = "producer", enums = "TIMESTAMPS,SEGMENTS")
    private String aggregateBy;
    @UriParam(label = "common")
    private String jobTag;
    @UriParam(label = "producer", defaultValue = "true")
    private boolean deriveClientRequestToken = true;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration")
    private long limitExceededWaitTimeout;
    @UriParam(label = "producer", defaultValue = "0")
    private int concurrentJobLimit;

    @UriParam(label = "consumer")
    private String queueUrl;
    @UriParam(label = "consumer,advanced")
    @Metadata(autowired = true)
    private SqsClient sqsClient;
    @UriParam(label = "consumer")
    private String sqsUriEndpointOverride;
    @UriParam(label = "consumer", defaultValue = "20")
    private int waitTimeSeconds = 20;
    @UriParam(label = "consumer", defaultValue = "10")
    private int maxMessagesPerPoll = 10;
    @UriParam(label = "consumer", defaultValue = "1")
    private int concurrentConsumers = 1;
    @UriParam(label = "consumer", defaultValue = "30")
    private int visibilityTimeout = 30;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean extendMessageVisibility = true;
    @UriParam(label = "consumer", defaultValue = "aggregate", enums = "aggregate,page,item,notification")
    private RekognitionVideo2ResultMode resultMode = RekognitionVideo2ResultMode.aggregate;
    @UriParam(label = "consumer")
    private Integer maxResults;
    @UriParam(label = "consumer")
    private String largeResultBucket;
    @UriParam(label = "consumer", defaultValue = "rekognition-video-results/")
    private String largeResultKeyPrefix = "rekognition-video-results/";
    @UriParam(label = "consumer", defaultValue = "1000000")
    private int largeResultLimit = 1_000_000;
    @UriParam(label = "consumer,advanced")
    @Metadata(autowired = true)
    private S3Client s3Client;
    @UriParam(label = "consumer")
    private String s3UriEndpointOverride;
    @UriParam(label = "consumer", defaultValue = "StartFaceDetection")
    private String notificationApi = "StartFaceDetection";
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean deleteIfFiltered = true;
    @UriParam(label = "consumer")
    private IdempotentRepository idempotentRepository;
    @UriParam(label = "consumer,advanced")
    private IdempotentRepository inProgressRepository;
    @UriParam(label = "common,advanced")
    private AggregationRepository startedJobsRepository;
    @UriParam(label = "consumer,advanced", javaType = "java.time.Duration", defaultValue = "0")
    private long reconcileInterval;
    @UriParam(label = "consumer,advanced", javaType = "java.time.Duration", defaultValue = "600000")
    private long reconcileAfter = 600_000;
    @UriParam(label = "consumer,security", defaultValue = "true")
    private boolean verifyNotificationSignature = true;
    @UriParam(label = "consumer,security")
    private boolean requireSignedNotifications;
    @UriParam(label = "consumer,security")
    private String notificationTopicArns;
    @UriParam(label = "consumer,security")
    private String snsSigningCertificate;

    @UriParam(label = "common")
    private String region;
    @UriParam(label = "common", enums = "LEGACY,STANDARD,ADAPTIVE_V2")
    private RetryMode retryMode;
    @UriParam(label = "common")
    private Integer maxAttempts;
    @UriParam(label = "common")
    private boolean overrideEndpoint;
    @UriParam(label = "common")
    private String uriEndpointOverride;

    @UriParam(label = "security", secret = true)
    private String accessKey;
    @UriParam(label = "security", secret = true)
    private String secretKey;
    @UriParam(label = "security", secret = true)
    private String sessionToken;
    @UriParam(label = "security")
    private boolean useDefaultCredentialsProvider;
    @UriParam(label = "security")
    private boolean useProfileCredentialsProvider;
    @UriParam(label = "security")
    private String profileCredentialsName;
    @UriParam(label = "security")
    private boolean useSessionCredentials;
    @UriParam(label = "security")
    private boolean trustAllCertificates;

    @UriParam(label = "proxy", enums = "HTTP,HTTPS", defaultValue = "HTTPS")
    private Protocol proxyProtocol = Protocol.HTTPS;
    @UriParam(label = "proxy")
    private String proxyHost;
    @UriParam(label = "proxy")
    private Integer proxyPort;

    public String getLabel() {
        return label;
    }

    /**
     * Logical name of the endpoint
     */
    public void setLabel(String label) {
        this.label = label;
    }

    public RekognitionClient getRekognitionClient() {
        return rekognitionClient;
    }

    /**
     * To use an existing configured RekognitionClient, as is
     */
    public void setRekognitionClient(RekognitionClient rekognitionClient) {
        this.rekognitionClient = rekognitionClient;
    }

    public RekognitionVideo2Operations getOperation() {
        return operation;
    }

    /**
     * The operation to perform: the Start or Get call of an analysis (faces, labels, celebrities, content moderation,
     * face search, segments, text, person tracking)
     */
    public void setOperation(RekognitionVideo2Operations operation) {
        this.operation = operation;
    }

    public boolean isPojoRequest() {
        return pojoRequest;
    }

    /**
     * If the message body is the SDK request of the operation (for example StartLabelDetectionRequest or
     * GetLabelDetectionRequest) to send as is
     */
    public void setPojoRequest(boolean pojoRequest) {
        this.pojoRequest = pojoRequest;
    }

    public String getBucketName() {
        return bucketName;
    }

    /**
     * The S3 bucket of the video, when no message header gives one
     */
    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }

    public String getSnsTopicArn() {
        return snsTopicArn;
    }

    /**
     * The ARN of the SNS topic that Rekognition notifies when a job completes, when no message header gives one. Goes
     * together with roleArn.
     */
    public void setSnsTopicArn(String snsTopicArn) {
        this.snsTopicArn = snsTopicArn;
    }

    public String getRoleArn() {
        return roleArn;
    }

    /**
     * The ARN of the IAM role that lets Rekognition publish to the SNS topic, when no message header gives one. Goes
     * together with snsTopicArn.
     */
    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    public String getFaceAttributes() {
        return faceAttributes;
    }

    /**
     * StartFaceDetection: the face attributes to return (DEFAULT or ALL), when no message header gives them.
     * Rekognition's default is DEFAULT.
     */
    public void setFaceAttributes(String faceAttributes) {
        this.faceAttributes = faceAttributes;
    }

    public Float getMinConfidence() {
        return minConfidence;
    }

    /**
     * StartLabelDetection and StartContentModeration: the lowest confidence (0 to 100) of the labels returned, when no
     * message header gives it. Rekognition's default is 50.
     */
    public void setMinConfidence(Float minConfidence) {
        this.minConfidence = minConfidence;
    }

    public String getFeatures() {
        return features;
    }

    /**
     * StartLabelDetection: the features to detect, separated by commas (GENERAL_LABELS), when no message header gives
     * them
     */
    public void setFeatures(String features) {
        this.features = features;
    }

    public String getCollectionId() {
        return collectionId;
    }

    /**
     * StartFaceSearch: the face collection to search, when no message header gives one
     */
    public void setCollectionId(String collectionId) {
        this.collectionId = collectionId;
    }

    public Float getFaceMatchThreshold() {
        return faceMatchThreshold;
    }

    /**
     * StartFaceSearch: the lowest similarity (0 to 100) of a match, when no message header gives it. Rekognition's
     * default is 80.
     */
    public void setFaceMatchThreshold(Float faceMatchThreshold) {
        this.faceMatchThreshold = faceMatchThreshold;
    }

    public String getSegmentTypes() {
        return segmentTypes;
    }

    /**
     * StartSegmentDetection: the segment types to detect, separated by commas (SHOT, TECHNICAL_CUE), when no message
     * header gives them
     */
    public void setSegmentTypes(String segmentTypes) {
        this.segmentTypes = segmentTypes;
    }

    public String getSortBy() {
        return sortBy;
    }

    /**
     * The order of the results of GetLabelDetection and GetContentModeration (NAME or TIMESTAMP),
     * GetCelebrityRecognition (ID or TIMESTAMP), GetFaceSearch and GetPersonTracking (INDEX or TIMESTAMP), when no
     * message header gives it
     */
    public void setSortBy(String sortBy) {
        this.sortBy = sortBy;
    }

    public String getAggregateBy() {
        return aggregateBy;
    }

    /**
     * GetLabelDetection and GetContentModeration: TIMESTAMPS or SEGMENTS, when no message header gives it
     */
    public void setAggregateBy(String aggregateBy) {
        this.aggregateBy = aggregateBy;
    }

    public String getJobTag() {
        return jobTag;
    }

    /**
     * The job tag sent with a Start operation, when no message header gives one; it comes back in the completion
     * notification. On a consumer: only completions with this job tag are taken
     */
    public void setJobTag(String jobTag) {
        this.jobTag = jobTag;
    }

    public long getLimitExceededWaitTimeout() {
        return limitExceededWaitTimeout;
    }

    /**
     * How long a Start operation waits for a job slot when the account runs as many jobs as its quota allows (20
     * concurrent jobs by default on AWS). Without concurrentJobLimit, the call is retried while the service answers
     * LimitExceededException, with the AWS SDK's exponential backoff and jitter (1 s to 30 s); with it, the call waits
     * for one of the slots counted in startedJobsRepository. After this timeout, a LimitExceededException naming the
     * limit reaches the route's error handler, and no job was started. 0 (the default): it does at once
     */
    public void setLimitExceededWaitTimeout(long limitExceededWaitTimeout) {
        this.limitExceededWaitTimeout = limitExceededWaitTimeout;
    }

    public int getConcurrentJobLimit() {
        return concurrentJobLimit;
    }

    /**
     * The most jobs started and not yet emitted at once, counted in startedJobsRepository across every instance that
     * shares it: a Start operation waits for a free slot (at most limitExceededWaitTimeout) before it calls the
     * service, instead of each instance meeting LimitExceededException. Set it to the account's quota of concurrent
     * jobs (20 by default on AWS), less what other applications of the account run. A job holds its slot until its
     * completion is emitted (or reconciled), or 7 days at most. Needs startedJobsRepository (one that can be shared,
     * such as camel-sql's JdbcAggregationRepository, to count across instances) and Start operations with a
     * notification channel. 0 (the default): not counted
     */
    public void setConcurrentJobLimit(int concurrentJobLimit) {
        this.concurrentJobLimit = concurrentJobLimit;
    }

    public boolean isDeriveClientRequestToken() {
        return deriveClientRequestToken;
    }

    /**
     * When no ClientRequestToken header is given, derive one from the operation and every request field, so that a
     * redelivered message never starts a second job while a request with other settings does. Set to false to send no
     * token.
     */
    public void setDeriveClientRequestToken(boolean deriveClientRequestToken) {
        this.deriveClientRequestToken = deriveClientRequestToken;
    }

    public String getQueueUrl() {
        return queueUrl;
    }

    /**
     * The URL of the SQS queue subscribed to the SNS topic that Rekognition notifies. With it, the consumer reads
     * completions from the queue; without it, the consumer polls the Get call of each job started by the producers of
     * the same label in this CamelContext
     */
    public void setQueueUrl(String queueUrl) {
        this.queueUrl = queueUrl;
    }

    public SqsClient getSqsClient() {
        return sqsClient;
    }

    /**
     * To use an existing configured SqsClient for the completion queue, as is
     */
    public void setSqsClient(SqsClient sqsClient) {
        this.sqsClient = sqsClient;
    }

    public String getSqsUriEndpointOverride() {
        return sqsUriEndpointOverride;
    }

    /**
     * The URI of the SQS endpoint to use instead of AWS's, when the component builds the SQS client (for example the
     * local SQS-compatible server). The client otherwise uses the region, credentials and proxy options of this
     * endpoint
     */
    public void setSqsUriEndpointOverride(String sqsUriEndpointOverride) {
        this.sqsUriEndpointOverride = sqsUriEndpointOverride;
    }

    public int getWaitTimeSeconds() {
        return waitTimeSeconds;
    }

    /**
     * How long one receive call on the completion queue waits for a message (SQS long polling, 0 to 20 seconds)
     */
    public void setWaitTimeSeconds(int waitTimeSeconds) {
        this.waitTimeSeconds = waitTimeSeconds;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    /**
     * The most completion messages read from the queue in one poll
     */
    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    /**
     * How many threads read the completion queue at once
     */
    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getVisibilityTimeout() {
        return visibilityTimeout;
    }

    /**
     * Seconds a completion message stays hidden from other consumers while it is processed; a message whose exchange
     * failed comes back after it
     */
    public void setVisibilityTimeout(int visibilityTimeout) {
        this.visibilityTimeout = visibilityTimeout;
    }

    public boolean isExtendMessageVisibility() {
        return extendMessageVisibility;
    }

    /**
     * Keep extending the visibility of a completion message while its results are fetched and processed
     */
    public void setExtendMessageVisibility(boolean extendMessageVisibility) {
        this.extendMessageVisibility = extendMessageVisibility;
    }

    public RekognitionVideo2ResultMode getResultMode() {
        return resultMode;
    }

    /**
     * What the consumer emits for a completed job: aggregate (one exchange with every result), page (one exchange per
     * page of the Get call), item (one exchange per result: a face, a label, a segment...), or notification (the
     * notification only, no Get call)
     */
    public void setResultMode(RekognitionVideo2ResultMode resultMode) {
        this.resultMode = resultMode;
    }

    public Integer getMaxResults() {
        return maxResults;
    }

    /**
     * The page size of the Get calls of the consumer (1 to 1000; the service's default is 1000)
     */
    public void setMaxResults(Integer maxResults) {
        this.maxResults = maxResults;
    }

    public String getLargeResultBucket() {
        return largeResultBucket;
    }

    /**
     * The S3 bucket where the consumer stores a result too large for a message: when the JSON of an exchange's results
     * is longer than largeResultLimit bytes, it is written to this bucket as one object, and the exchange carries its
     * S3 URI (CamelAwsRekognitionVideoResultReference) instead of the results. Unset, results always travel in the body
     */
    public void setLargeResultBucket(String largeResultBucket) {
        this.largeResultBucket = largeResultBucket;
    }

    public String getLargeResultKeyPrefix() {
        return largeResultKeyPrefix;
    }

    /**
     * The start of the keys of the objects written to largeResultBucket; the key goes on with the job id, its status
     * and the part of the job: rekognition-video-results/<job id>/SUCCEEDED.json, or SUCCEEDED-page-<n>.json in page
     * mode
     */
    public void setLargeResultKeyPrefix(String largeResultKeyPrefix) {
        this.largeResultKeyPrefix = largeResultKeyPrefix;
    }

    public int getLargeResultLimit() {
        return largeResultLimit;
    }

    /**
     * The size, in bytes of JSON, above which an exchange's results are stored in largeResultBucket rather than carried
     * in the body. The default, 1,000,000, keeps a message with its headers under Kafka's default maximum of 1 MiB
     */
    public void setLargeResultLimit(int largeResultLimit) {
        this.largeResultLimit = largeResultLimit;
    }

    public S3Client getS3Client() {
        return s3Client;
    }

    /**
     * To use an existing configured S3Client for largeResultBucket, as is
     */
    public void setS3Client(S3Client s3Client) {
        this.s3Client = s3Client;
    }

    public String getS3UriEndpointOverride() {
        return s3UriEndpointOverride;
    }

    /**
     * The URI of the S3 endpoint to use instead of AWS's, when the component builds the S3 client of largeResultBucket
     * (for example the local S3-compatible server; requests then use path-style addressing). The client otherwise uses
     * the region, credentials and proxy options of this endpoint
     */
    public void setS3UriEndpointOverride(String s3UriEndpointOverride) {
        this.s3UriEndpointOverride = s3UriEndpointOverride;
    }

    public String getNotificationApi() {
        return notificationApi;
    }

    /**
     * The analyses whose completions this consumer takes: the Start operations, separated by commas, that the API field
     * of a notification must name (StartFaceDetection, StartLabelDetection, StartCelebrityRecognition,
     * StartContentModeration, StartFaceSearch, StartSegmentDetection, StartTextDetection, StartPersonTracking)
     */
    public void setNotificationApi(String notificationApi) {
        this.notificationApi = notificationApi;
    }

    public boolean isDeleteIfFiltered() {
        return deleteIfFiltered;
    }

    /**
     * Delete the queue messages the consumer does not take (another API or job tag). Set to false when other consumers
     * with other filters read the same queue
     */
    public void setDeleteIfFiltered(boolean deleteIfFiltered) {
        this.deleteIfFiltered = deleteIfFiltered;
    }

    public IdempotentRepository getInProgressRepository() {
        return inProgressRepository;
    }

    /**
     * The claims of the jobs being emitted, for the consumers of several instances that share idempotentRepository: an
     * instance claims a job here before it emits it, and the claim of an instance that died must expire (Camel's
     * JdbcOrphanLockAwareIdempotentRepository does). With it, idempotentRepository records a job once its exchanges
     * completed, and a notification of a job another instance is emitting stays in the queue and comes back after the
     * visibility timeout. Without it, the key in idempotentRepository is the claim: a job whose instance died while
     * emitting it is not emitted again
     */
    public void setInProgressRepository(IdempotentRepository inProgressRepository) {
        this.inProgressRepository = inProgressRepository;
    }

    public AggregationRepository getStartedJobsRepository() {
        return startedJobsRepository;
    }

    /**
     * Where producers record the jobs they start with a notification channel, and consumers strike them off once
     * emitted: a Camel AggregationRepository (MemoryAggregationRepository in one JVM; camel-sql's
     * JdbcAggregationRepository to share it between instances and keep it across restarts). With reconcileInterval, the
     * consumer checks the jobs whose notification has not come
     */
    public void setStartedJobsRepository(AggregationRepository startedJobsRepository) {
        this.startedJobsRepository = startedJobsRepository;
    }

    public long getReconcileInterval() {
        return reconcileInterval;
    }

    /**
     * How often the consumer of a queue checks, with the Get call of their analysis, the jobs of startedJobsRepository
     * started at least reconcileAfter ago, and emits those that completed: a notification lost on the way still ends in
     * an exchange. 0 (the default) turns it off. Milliseconds, or a duration such as 60s
     */
    public void setReconcileInterval(long reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    public long getReconcileAfter() {
        return reconcileAfter;
    }

    /**
     * How long after its start a job without notification is checked by reconciliation (10 minutes by default; set it
     * above the usual time of a job plus the delivery of its notification). Milliseconds, or a duration such as 5m
     */
    public void setReconcileAfter(long reconcileAfter) {
        this.reconcileAfter = reconcileAfter;
    }

    public boolean isVerifyNotificationSignature() {
        return verifyNotificationSignature;
    }

    /**
     * Verify the SNS signature of each notification that arrives in its SNS envelope (SignatureVersion 1 or 2), with
     * the certificate at its SigningCertURL, fetched only over https from an SNS host of AWS and kept, or the one of
     * snsSigningCertificate. A message that does not verify goes to the route's error handler as an
     * UntrustedNotificationException and is never emitted. Turn off only for an SNS that does not sign
     */
    public void setVerifyNotificationSignature(boolean verifyNotificationSignature) {
        this.verifyNotificationSignature = verifyNotificationSignature;
    }

    public boolean isRequireSignedNotifications() {
        return requireSignedNotifications;
    }

    /**
     * Refuse the notifications that do not arrive in a signed SNS envelope (raw message delivery, or anything else sent
     * to the queue), so that only SNS can complete a job. Set it unless the queue's policy lets only the topic send to
     * it
     */
    public void setRequireSignedNotifications(boolean requireSignedNotifications) {
        this.requireSignedNotifications = requireSignedNotifications;
    }

    public String getNotificationTopicArns() {
        return notificationTopicArns;
    }

    /**
     * The only SNS topics (ARNs, separated by commas) whose notifications the consumer takes; the others, and raw
     * deliveries, which name no topic, go to the route's error handler as an UntrustedNotificationException. By default
     * any topic
     */
    public void setNotificationTopicArns(String notificationTopicArns) {
        this.notificationTopicArns = notificationTopicArns;
    }

    public String getSnsSigningCertificate() {
        return snsSigningCertificate;
    }

    /**
     * The certificate (PEM, or a PEM RSA public key) that SNS envelopes must be signed with, instead of AWS's
     * certificate at their SigningCertURL: for an SNS of another signer, such as the local Rekognition Video's. A
     * resource: file:, classpath:, http: or https:, read when the consumer starts
     */
    public void setSnsSigningCertificate(String snsSigningCertificate) {
        this.snsSigningCertificate = snsSigningCertificate;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    /**
     * The repository of the completions already emitted (by job id and status), so that duplicate notifications are
     * dropped. In memory by default; share a persistent one across consumers on several machines
     */
    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public RetryMode getRetryMode() {
        return retryMode;
    }

    /**
     * The retry mode of the AWS SDK's retry strategy for the clients the component builds (LEGACY, STANDARD or
     * ADAPTIVE_V2): which errors are retried (throttling, ProvisionedThroughputExceededException, server errors) and
     * how long to wait between attempts (exponential backoff with jitter). When absent, the SDK's default mode
     * (AWS_RETRY_MODE, the profile's retry_mode, else LEGACY).
     */
    public void setRetryMode(RetryMode retryMode) {
        this.retryMode = retryMode;
    }

    public Integer getMaxAttempts() {
        return maxAttempts;
    }

    /**
     * How many times the clients the component builds send a call that fails with a retryable error, the first included
     * (1: no retry). When absent, the retry mode's own (4 for LEGACY, 3 for STANDARD and ADAPTIVE_V2).
     */
    public void setMaxAttempts(Integer maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @Override
    public String getRegion() {
        return region;
    }

    /**
     * The region in which the Rekognition client needs to work, as its lowercase name (for example us-east-1)
     */
    public void setRegion(String region) {
        this.region = region;
    }

    @Override
    public boolean isOverrideEndpoint() {
        return overrideEndpoint;
    }

    /**
     * Set the need for overriding the endpoint. This option needs to be used in combination with the
     * uriEndpointOverride option
     */
    public void setOverrideEndpoint(boolean overrideEndpoint) {
        this.overrideEndpoint = overrideEndpoint;
    }

    @Override
    public String getUriEndpointOverride() {
        return uriEndpointOverride;
    }

    /**
     * Set the overriding URI endpoint (for example the local Rekognition Video server). This option needs to be used in
     * combination with the overrideEndpoint option
     */
    public void setUriEndpointOverride(String uriEndpointOverride) {
        this.uriEndpointOverride = uriEndpointOverride;
    }

    @Override
    public String getAccessKey() {
        return accessKey;
    }

    /**
     * Amazon AWS Access Key
     */
    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    @Override
    public String getSecretKey() {
        return secretKey;
    }

    /**
     * Amazon AWS Secret Key
     */
    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    @Override
    public String getSessionToken() {
        return sessionToken;
    }

    /**
     * Amazon AWS Session Token used when the user needs to assume an IAM role
     */
    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken;
    }

    @Override
    public boolean isUseDefaultCredentialsProvider() {
        return useDefaultCredentialsProvider;
    }

    /**
     * Set whether the Rekognition client should load credentials through the default credentials provider chain
     */
    public void setUseDefaultCredentialsProvider(boolean useDefaultCredentialsProvider) {
        this.useDefaultCredentialsProvider = useDefaultCredentialsProvider;
    }

    @Override
    public boolean isUseProfileCredentialsProvider() {
        return useProfileCredentialsProvider;
    }

    /**
     * Set whether the Rekognition client should load credentials through a profile credentials provider
     */
    public void setUseProfileCredentialsProvider(boolean useProfileCredentialsProvider) {
        this.useProfileCredentialsProvider = useProfileCredentialsProvider;
    }

    @Override
    public String getProfileCredentialsName() {
        return profileCredentialsName;
    }

    /**
     * If using a profile credentials provider, this parameter sets the profile name
     */
    public void setProfileCredentialsName(String profileCredentialsName) {
        this.profileCredentialsName = profileCredentialsName;
    }

    @Override
    public boolean isUseSessionCredentials() {
        return useSessionCredentials;
    }

    /**
     * Set whether the Rekognition client should use session credentials (accessKey, secretKey and sessionToken), as
     * when the user assumes an IAM role
     */
    public void setUseSessionCredentials(boolean useSessionCredentials) {
        this.useSessionCredentials = useSessionCredentials;
    }

    @Override
    public boolean isTrustAllCertificates() {
        return trustAllCertificates;
    }

    /**
     * If we want to trust all certificates in case of overriding the endpoint
     */
    public void setTrustAllCertificates(boolean trustAllCertificates) {
        this.trustAllCertificates = trustAllCertificates;
    }

    @Override
    public Protocol getProxyProtocol() {
        return proxyProtocol;
    }

    /**
     * To define a proxy protocol when instantiating the Rekognition client
     */
    public void setProxyProtocol(Protocol proxyProtocol) {
        this.proxyProtocol = proxyProtocol;
    }

    @Override
    public String getProxyHost() {
        return proxyHost;
    }

    /**
     * To define a proxy host when instantiating the Rekognition client
     */
    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    @Override
    public Integer getProxyPort() {
        return proxyPort;
    }

    /**
     * To define a proxy port when instantiating the Rekognition client
     */
    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public RekognitionVideo2Configuration copy() {
        try {
            return (RekognitionVideo2Configuration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
