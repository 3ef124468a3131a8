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

import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.DefaultConsumer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The consumer can read what it emits from: with a {@code queueUrl}, the completion queue answers
 * {@code GetQueueAttributes}; without (polling), Rekognition answers {@code ListCollections}. A readiness check only,
 * as the aws2-sqs consumer's is.
 */
public class RekognitionVideo2ConsumerHealthCheck extends RekognitionVideo2HealthCheck {

    public RekognitionVideo2ConsumerHealthCheck(RekognitionVideo2Endpoint endpoint, String routeId) {
        super("consumer:aws2-rekognition-video-" + routeId, endpoint);
    }

    /**
     * Gives {@code consumer} this health check, when the CamelContext has the consumers repository (health checks are
     * optional), enabled as the component's {@code healthCheckConsumerEnabled} says.
     */
    static void register(DefaultConsumer consumer, RekognitionVideo2Endpoint endpoint) {
        if (HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "consumers") != null) {
            RekognitionVideo2ConsumerHealthCheck check = new RekognitionVideo2ConsumerHealthCheck(
                    endpoint,
                    consumer.getRouteId());
            check.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
            consumer.setHealthCheck(check);
        }
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    private boolean readsQueue() {
        return endpoint.getConfiguration().getQueueUrl() != null;
    }

    @Override
    protected List<Region> serviceRegions() {
        return readsQueue() ? SqsClient.serviceMetadata().regions() : RekognitionClient.serviceMetadata().regions();
    }

    @Override
    protected void probe() {
        if (readsQueue()) {
            endpoint.getSqsClient().getQueueAttributes(b -> b.queueUrl(endpoint.getConfiguration().getQueueUrl())
                    .attributeNames(QueueAttributeName.QUEUE_ARN));
        } else {
            listOneCollection();
        }
    }
}
