package io.github.camelrekognition.video;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * For working with Amazon Rekognition Video asynchronous face detection through the AWS SDK v2.
 */
@Component("aws2-rekognition-video")
public class RekognitionVideo2Component extends DefaultComponent {

    @Metadata
    private RekognitionVideo2Configuration configuration = new RekognitionVideo2Configuration();

    public RekognitionVideo2Component() {
        this(null);
    }

    public RekognitionVideo2Component(CamelContext context) {
        super(context);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        RekognitionVideo2Configuration endpointConfiguration
                = configuration != null ? configuration.copy() : new RekognitionVideo2Configuration();
        endpointConfiguration.setLabel(remaining);
        RekognitionVideo2Endpoint endpoint = new RekognitionVideo2Endpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        if (endpointConfiguration.getRekognitionClient() == null
                && !endpointConfiguration.isUseDefaultCredentialsProvider()
                && !endpointConfiguration.isUseProfileCredentialsProvider()
                && (endpointConfiguration.getAccessKey() == null || endpointConfiguration.getSecretKey() == null)) {
            throw new IllegalArgumentException(
                    "No credentials for aws2-rekognition-video:" + remaining + ": set a rekognitionClient, or "
                                               + "useDefaultCredentialsProvider=true, or "
                                               + "useProfileCredentialsProvider=true, or accessKey and secretKey");
        }
        return endpoint;
    }

    public RekognitionVideo2Configuration getConfiguration() {
        return configuration;
    }

    /**
     * Component configuration: the defaults of every endpoint of this component
     */
    public void setConfiguration(RekognitionVideo2Configuration configuration) {
        this.configuration = configuration;
    }
}
