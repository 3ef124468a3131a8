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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import io.github.camelrekognition.video.RekognitionVideo2Endpoint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A RekognitionClient and an SqsClient made by CDI are autowired into the component, and used. */
@QuarkusTest
@TestProfile(AutowiredClientsIT.WithCdiClients.class)
@QuarkusTestResource(LocalRekognitionVideoResource.class)
class AutowiredClientsIT {

    public static class WithCdiClients implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(AwsClientProducers.class);
        }
    }

    @Inject
    CamelContext context;
    @Inject
    RekognitionClient rekognitionClient;
    @Inject
    SqsClient sqsClient;

    @Test
    void theComponentUsesTheClientsOfCdi() throws Exception {
        RekognitionVideo2Endpoint consumer = (RekognitionVideo2Endpoint) context.getRoute("faces-found").getEndpoint();
        assertSame(rekognitionClient, consumer.getRekognitionClient());
        assertSame(sqsClient, consumer.getSqsClient());

        Path events = Path.of(context.resolvePropertyPlaceholders("{{events.folder}}"));
        long deadline = System.nanoTime() + 90_000_000_000L;
        boolean arrived = false;
        while (!arrived && System.nanoTime() < deadline) {
            if (Files.isDirectory(events)) {
                try (Stream<Path> files = Files.list(events)) {
                    arrived = files.findAny().isPresent();
                }
            }
            Thread.sleep(200);
        }
        assertTrue(arrived, "the sample video's event arrived through the CDI clients");
    }
}
