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

import io.github.camelrekognition.video.RekognitionVideo2Configuration;
import org.apache.camel.component.aws.common.AwsClientBuilderUtil;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients of an endpoint from its configuration (region, credentials, proxy, endpoint overrides), with
 * Camel's {@link AwsClientBuilderUtil}, as the clients of Camel's aws2 components are built.
 */
public final class RekognitionVideo2ClientFactory {

    private RekognitionVideo2ClientFactory() {
    }

    /** The Rekognition client: {@code uriEndpointOverride} when {@code overrideEndpoint} is set, else AWS's. */
    public static RekognitionClient getRekognitionClient(RekognitionVideo2Configuration configuration) {
        return AwsClientBuilderUtil.buildClient(configuration, RekognitionClient::builder);
    }

    /**
     * The SQS client of the completion queue: the same region, credentials and proxy, and {@code sqsUriEndpointOverride}
     * as its endpoint when set.
     */
    public static SqsClient getSqsClient(RekognitionVideo2Configuration configuration) {
        RekognitionVideo2Configuration sqs = configuration.copy();
        sqs.setOverrideEndpoint(configuration.getSqsUriEndpointOverride() != null);
        sqs.setUriEndpointOverride(configuration.getSqsUriEndpointOverride());
        return AwsClientBuilderUtil.buildClient(sqs, SqsClient::builder);
    }
}
