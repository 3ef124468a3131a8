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
