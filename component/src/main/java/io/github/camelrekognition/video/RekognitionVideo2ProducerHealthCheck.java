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
        endpoint.getRekognitionClient().listCollections(b -> b.maxResults(1));
    }
}
