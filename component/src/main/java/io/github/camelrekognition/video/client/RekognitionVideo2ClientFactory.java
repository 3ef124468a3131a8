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
package io.github.camelrekognition.video.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelrekognition.video.RekognitionVideo2Configuration;
import org.apache.camel.component.aws.common.AwsClientBuilderUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients of an endpoint from its configuration (region, credentials, proxy, endpoint overrides), with
 * Camel's {@link AwsClientBuilderUtil}, as the clients of Camel's aws2 components are built.
 */
public final class RekognitionVideo2ClientFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionVideo2ClientFactory.class);

    /**
     * The loggers of the libraries below the component that print the signed headers of each request at DEBUG: the
     * access key id (in Authorization) and the session token. They must stay at INFO.
     */
    public static final List<String> HEADER_LOGGERS = List.of("org.apache.http.wire", "org.apache.http.headers",
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner");

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private RekognitionVideo2ClientFactory() {
    }

    /** Warns once per JVM when a logger of {@link #HEADER_LOGGERS} is at DEBUG. */
    static void warnOfHeaderLoggers() {
        List<String> debugging = HEADER_LOGGERS.stream()
                .filter(name -> LoggerFactory.getLogger(name).isDebugEnabled()).toList();
        if (!debugging.isEmpty() && WARNED.compareAndSet(false, true)) {
            LOG.warn("The logger(s) {} at DEBUG: each prints credentials of every AWS request (the access key id, the "
                     + "session token); set them to INFO",
                    debugging);
        }
    }

    /**
     * The Rekognition client: {@code uriEndpointOverride} when {@code overrideEndpoint} is set, else AWS's; the retry
     * strategy of {@code retryMode} and {@code maxAttempts}.
     */
    public static RekognitionClient getRekognitionClient(RekognitionVideo2Configuration configuration) {
        warnOfHeaderLoggers();
        return AwsClientBuilderUtil.buildClient(configuration, RekognitionClient::builder,
                builder -> retryStrategy(configuration)
                        .ifPresent(strategy -> builder.overrideConfiguration(o -> o.retryStrategy(strategy))));
    }

    /**
     * The SDK's own retry strategy of {@code retryMode} (else the SDK's default mode) with {@code maxAttempts} (else
     * the mode's), when either is set; none (the SDK's default) otherwise. Its backoff is the mode's: exponential, with
     * jitter.
     */
    public static Optional<RetryStrategy> retryStrategy(RekognitionVideo2Configuration configuration) {
        if (configuration.getRetryMode() == null && configuration.getMaxAttempts() == null) {
            return Optional.empty();
        }
        RetryMode mode = configuration.getRetryMode() != null ? configuration.getRetryMode() : RetryMode.defaultRetryMode();
        RetryStrategy.Builder<?, ?> strategy = AwsRetryStrategy.forRetryMode(mode).toBuilder();
        if (configuration.getMaxAttempts() != null) {
            strategy.maxAttempts(configuration.getMaxAttempts());
        }
        return Optional.of(strategy.build());
    }

    /**
     * The SQS client of the completion queue: the same region, credentials, proxy and retry strategy, and
     * {@code sqsUriEndpointOverride} as its endpoint when set.
     */
    public static SqsClient getSqsClient(RekognitionVideo2Configuration configuration) {
        warnOfHeaderLoggers();
        RekognitionVideo2Configuration sqs = configuration.copy();
        sqs.setOverrideEndpoint(configuration.getSqsUriEndpointOverride() != null);
        sqs.setUriEndpointOverride(configuration.getSqsUriEndpointOverride());
        return AwsClientBuilderUtil.buildClient(sqs, SqsClient::builder,
                builder -> retryStrategy(configuration)
                        .ifPresent(strategy -> builder.overrideConfiguration(o -> o.retryStrategy(strategy))));
    }

    /**
     * The S3 client of {@code largeResultBucket}: the same region, credentials, proxy and retry strategy, and
     * {@code s3UriEndpointOverride} as its endpoint when set, addressed path-style (as S3-compatible servers expect).
     */
    public static S3Client getS3Client(RekognitionVideo2Configuration configuration) {
        warnOfHeaderLoggers();
        RekognitionVideo2Configuration s3 = configuration.copy();
        s3.setOverrideEndpoint(configuration.getS3UriEndpointOverride() != null);
        s3.setUriEndpointOverride(configuration.getS3UriEndpointOverride());
        return AwsClientBuilderUtil.buildClient(s3, S3Client::builder, builder -> {
            builder.forcePathStyle(configuration.getS3UriEndpointOverride() != null);
            retryStrategy(configuration)
                    .ifPresent(strategy -> builder.overrideConfiguration(o -> o.retryStrategy(strategy)));
        });
    }
}
