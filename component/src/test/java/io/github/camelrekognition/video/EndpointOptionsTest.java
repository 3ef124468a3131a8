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
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every option of the generated descriptor, endpoint and component, acts or is refused with a clear error: each has a
 * check in one of the option groups ({@link OptionChecks}), and this test fails when the descriptor lists an option
 * that has none, or that two groups check. Checks see the effect where it shows: the request on the wire (a
 * {@link RecordingRekognitionServer}), the emitted exchanges (the polling consumer against the same server), or, for
 * what the SQS-mode consumer hands to Camel's aws2-sqs consumer that reads the queue, the configuration of that
 * consumer (its first poll is an hour away: no SQS server is needed).
 */
class EndpointOptionsTest {

    @Test
    void everyOptionOfTheDescriptorHasACheck() throws Exception {
        JsonNode descriptor = ComponentDescriptorTest.descriptor();
        List<Map<String, OptionChecks.Check>> endpointGroups = List.of(ProducerOptionsTest.CHECKS,
                ClientOptionsTest.CHECKS, ConsumerOptionsTest.CHECKS, SchedulerOptionsTest.CHECKS);
        Set<String> endpoint = new TreeSet<>();
        endpointGroups.forEach(group -> endpoint.addAll(group.keySet()));
        assertEquals(endpointGroups.stream().mapToInt(Map::size).sum(), endpoint.size(), "options checked twice");
        assertEquals(names(descriptor.get("properties")), endpoint, "endpoint options with a check");
        assertEquals(names(descriptor.get("componentProperties")), ComponentOptionsTest.CHECKS.keySet(),
                "component options with a check");
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
