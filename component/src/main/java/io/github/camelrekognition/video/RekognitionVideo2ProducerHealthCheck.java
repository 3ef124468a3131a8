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

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * The producer can reach Rekognition: the region offers it and {@code ListCollections} (one result) answers with the
 * endpoint's client and credentials.
 */
public class RekognitionVideo2ProducerHealthCheck extends RekognitionVideo2HealthCheck {

    public RekognitionVideo2ProducerHealthCheck(RekognitionVideo2Endpoint endpoint, String clientId) {
        super("producer:aws2-rekognition-video-" + clientId, endpoint);
    }

    @Override
    protected List<Region> serviceRegions() {
        return RekognitionClient.serviceMetadata().regions();
    }

    @Override
    protected void probe() {
        listOneCollection();
    }
}
