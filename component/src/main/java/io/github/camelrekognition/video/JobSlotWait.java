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

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;

/**
 * A Start request that waits for a job slot ({@code limitExceededWaitTimeout}): for this request only, the AWS SDK's
 * standard retry strategy also retries LimitExceededException, without an attempt limit or retry quota, with
 * exponential backoff and jitter from 1 s to 30 s, and the SDK ends the call at the timeout.
 */
final class JobSlotWait {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final RetryStrategy WAIT_FOR_SLOT = AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .retryOnExceptionInstanceOf(LimitExceededException.class)
            .maxAttempts(Integer.MAX_VALUE)
            .circuitBreakerEnabled(false)
            .backoffStrategy(BackoffStrategy.exponentialDelay(FIRST_BACKOFF, MAX_BACKOFF))
            .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(FIRST_BACKOFF, MAX_BACKOFF))
            .build();

    private static final SdkPlugin PLUGIN = configuration -> configuration.overrideConfiguration(
            configuration.overrideConfiguration().toBuilder().retryStrategy(WAIT_FOR_SLOT).build());

    private JobSlotWait() {
    }

    /** {@code request}, waiting for a job slot for at most {@code timeoutMillis}. */
    static RekognitionRequest waiting(RekognitionRequest request, long timeoutMillis) {
        AwsRequestOverrideConfiguration.Builder override = request.overrideConfiguration()
                .map(AwsRequestOverrideConfiguration::toBuilder).orElseGet(AwsRequestOverrideConfiguration::builder);
        RekognitionRequest.Builder builder = (RekognitionRequest.Builder) request.toBuilder();
        builder.overrideConfiguration(override.addPlugin(PLUGIN).apiCallTimeout(Duration.ofMillis(timeoutMillis)).build());
        return (RekognitionRequest) builder.build();
    }
}
