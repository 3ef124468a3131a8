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

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same producer driven from Camel YAML DSL routes. */
class YamlDslRouteTest extends RekognitionVideo2TestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                PluginHelper.getRoutesLoader(getContext()).loadRoutes(
                        ResourceHelper.resolveMandatoryResource(getContext(),
                                "classpath:routes/start-and-get-faces.camel.yaml"));
            }
        };
    }

    @Test
    void startsAJobFromAYamlRoute() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-yaml"));
        MockEndpoint started = getMockEndpoint("mock:yaml-started");
        started.expectedHeaderReceived(JOB_ID, "job-yaml");

        template.sendBodyAndHeaders("direct:yaml-start", null, Map.of(S3_KEY, "door.mp4", S3_VERSION_ID, "v1"));

        started.assertIsSatisfied();
        var wire = server.requests("StartFaceDetection").get(0).body();
        assertEquals("videos", wire.at("/Video/S3Object/Bucket").asText());
        assertEquals("door.mp4", wire.at("/Video/S3Object/Name").asText());
        assertEquals("v1", wire.at("/Video/S3Object/Version").asText());
        assertEquals("ALL", wire.get("FaceAttributes").asText());
        assertEquals("yaml-dsl", wire.get("JobTag").asText());
        assertEquals(A_TOPIC_ARN, wire.at("/NotificationChannel/SNSTopicArn").asText());
        assertEquals(A_ROLE_ARN, wire.at("/NotificationChannel/RoleArn").asText());
    }

    @Test
    void getsAllFacesFromAYamlRoute() throws Exception {
        server.answer("GetFaceDetection", Map.of("JobStatus", "SUCCEEDED", "NextToken", "p2",
                "Faces", List.of(Map.of("Timestamp", 0, "Face", Map.of("Confidence", 99.0)))))
                .answer("GetFaceDetection", Map.of("JobStatus", "SUCCEEDED",
                        "Faces", List.of(Map.of("Timestamp", 200, "Face", Map.of("Confidence", 98.0)))));
        MockEndpoint faces = getMockEndpoint("mock:yaml-faces");
        faces.expectedHeaderReceived(FACE_COUNT, 2);
        faces.expectedHeaderReceived(JOB_STATUS, "SUCCEEDED");

        template.sendBodyAndHeader("direct:yaml-get", null, JOB_ID, "job-yaml");

        faces.assertIsSatisfied();
        assertEquals(2, server.requests("GetFaceDetection").size());
    }
}
