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
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;

/**
 * What the producer and consumer health checks share: DOWN when the configured region does not offer the service, or
 * when one cheap call fails (with the service's status and error codes in the details); UP when the call answers.
 */
abstract class RekognitionVideo2HealthCheck extends AbstractHealthCheck {

    protected final RekognitionVideo2Endpoint endpoint;

    RekognitionVideo2HealthCheck(String id, RekognitionVideo2Endpoint endpoint) {
        super("camel", id);
        this.endpoint = endpoint;
    }

    /** The regions of the service the call goes to. */
    protected abstract List<Region> serviceRegions();

    /** The cheap call; it throws when the service cannot be reached or refuses it. */
    protected abstract void probe();

    /** Rekognition's cheap call, as Camel's aws2-rekognition health check makes it: one collection at most. */
    protected void listOneCollection() {
        endpoint.getRekognitionClient().listCollections(b -> b.maxResults(1));
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String region = endpoint.getConfiguration().getRegion();
        if (region != null && !region.isBlank() && !serviceRegions().contains(Region.of(region))) {
            builder.message("The service is not supported in region " + region).down();
            return;
        }
        try {
            probe();
        } catch (AwsServiceException e) {
            builder.message(e.getMessage()).error(e).detail(SERVICE_STATUS_CODE, e.statusCode());
            if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
                builder.detail(SERVICE_ERROR_CODE, e.awsErrorDetails().errorCode());
            }
            builder.down();
            return;
        } catch (RuntimeException e) {
            builder.message(e.getMessage()).error(e).down();
            return;
        }
        builder.up();
    }
}
