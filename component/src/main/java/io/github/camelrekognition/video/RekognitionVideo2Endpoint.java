package io.github.camelrekognition.video;

import org.apache.camel.Category;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.aws.common.AwsClientBuilderUtil;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * Start Amazon Rekognition Video face detection jobs on videos in S3 and read their results.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "aws2-rekognition-video", title = "AWS Rekognition Video",
             syntax = "aws2-rekognition-video:label", producerOnly = true,
             category = { Category.CLOUD, Category.FILE }, headersClass = RekognitionVideo2Constants.class)
public class RekognitionVideo2Endpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriParam
    private final RekognitionVideo2Configuration configuration;

    private RekognitionClient rekognitionClient;

    public RekognitionVideo2Endpoint(String uri, Component component, RekognitionVideo2Configuration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        return new RekognitionVideo2Producer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        throw new UnsupportedOperationException("The aws2-rekognition-video endpoint has no consumer yet: " + getEndpointUri());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        rekognitionClient = configuration.getRekognitionClient() != null
                ? configuration.getRekognitionClient()
                : AwsClientBuilderUtil.buildClient(configuration, RekognitionClient::builder);
    }

    @Override
    protected void doStop() throws Exception {
        if (configuration.getRekognitionClient() == null && rekognitionClient != null) {
            rekognitionClient.close();
        }
        rekognitionClient = null;
        super.doStop();
    }

    public RekognitionVideo2Configuration getConfiguration() {
        return configuration;
    }

    public RekognitionClient getRekognitionClient() {
        return rekognitionClient;
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
