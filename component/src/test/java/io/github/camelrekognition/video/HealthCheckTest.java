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

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer health check's answers against the recording server: UP when ListCollections answers, DOWN with the
 * service's status and error codes when it is refused, DOWN without a call when the region does not offer Rekognition.
 * {@link HealthCheckIT} shows the checks against the local server going from DOWN to UP.
 */
class HealthCheckTest {

    @RegisterExtension
    static RecordingRekognitionServer server = RecordingRekognitionServer.forTestClass();

    @Test
    void upWhenListCollectionsAnswers() throws Exception {
        server.reset();
        server.answer("ListCollections", Map.of("CollectionIds", List.of()));
        HealthCheck.Result result = producerCheck("us-east-1");
        assertEquals(HealthCheck.State.UP, result.getState());
        assertEquals(1, server.requests("ListCollections").get(0).body().get("MaxResults").asInt(), "one at most");
    }

    @Test
    void downWithTheServiceCodesWhenRefused() throws Exception {
        server.reset();
        server.failAlways("ListCollections", 400, "AccessDeniedException", "not allowed to list collections");
        HealthCheck.Result result = producerCheck("us-east-1");
        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertEquals(400, result.getDetails().get(AbstractHealthCheck.SERVICE_STATUS_CODE));
        assertEquals("AccessDeniedException", result.getDetails().get(AbstractHealthCheck.SERVICE_ERROR_CODE));
        assertTrue(result.getMessage().orElse("").contains("not allowed to list collections"), result.getMessage().toString());
    }

    @Test
    void downWithoutACallWhenTheRegionHasNoRekognition() throws Exception {
        server.reset();
        HealthCheck.Result result = producerCheck("xx-nowhere-1");
        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertEquals("The service is not supported in region xx-nowhere-1", result.getMessage().orElse(""));
        assertTrue(server.requests().isEmpty(), "no call made");
    }

    private static HealthCheck.Result producerCheck(String region) throws Exception {
        try (CamelContext context = RekognitionVideo2TestSupport.pointAt(new DefaultCamelContext(), server.endpoint(),
                region)) {
            HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
            HealthCheckRegistry.get(context).setExposureLevel("full");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("aws2-rekognition-video:faces");
                }
            });
            context.start();
            return HealthCheckHelper.invoke(context).stream()
                    .filter(r -> r.getCheck().getId().startsWith("producer:aws2-rekognition-video-")).findFirst()
                    .orElseThrow(() -> new AssertionError("the producer registered its health check"));
        }
    }
}
