package io.github.camelrekognition.examples.quarkus;

import io.github.camelrekognition.video.RekognitionVideo2Component;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** application.properties configures the component (JVM mode: it reads the application's CamelContext). */
@QuarkusTest
@QuarkusTestResource(LocalRekognitionVideoResource.class)
class ComponentConfigurationIT {

    @Inject
    CamelContext context;

    @Test
    void configuresTheComponentFromApplicationProperties() {
        RekognitionVideo2Component component = context.getComponent("aws2-rekognition-video",
                RekognitionVideo2Component.class);
        assertEquals("us-east-1", component.getConfiguration().getRegion());
        assertTrue(component.getConfiguration().isOverrideEndpoint());
        assertTrue(component.getConfiguration().getUriEndpointOverride().startsWith("http://127.0.0.1:"));
    }
}
