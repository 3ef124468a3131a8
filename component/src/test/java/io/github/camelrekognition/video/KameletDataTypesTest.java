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

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cloudevents.CloudEvent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.DataType;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The output data types the source Kamelet declares (its {@code dataTypes.out}) are data types Camel finds, and they
 * turn what the source emits into what they describe.
 */
class KameletDataTypesTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyDeclaredOutputTypeResolvesAndTransforms() throws Exception {
        Map<String, Object> kamelet;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("kamelets/aws-rekognition-video-source.kamelet.yaml")) {
            kamelet = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
        Map<String, Object> spec = (Map<String, Object>) kamelet.get("spec");
        Map<String, Map<String, Object>> types
                = (Map<String, Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) spec
                        .get("dataTypes")).get("out")).get("types");
        assertFalse(types.isEmpty());
        for (Map.Entry<String, Map<String, Object>> type : types.entrySet()) {
            String format = (String) type.getValue().get("format");
            try (CamelContext context = new DefaultCamelContext()) {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:out").transformDataType(new DataType(format));
                    }
                });
                context.start();
                Exchange out = context.createProducerTemplate().request("direct:out", e -> {
                    e.getMessage().setBody(List.of(FaceDetection.builder().timestamp(200L).build()));
                    e.getMessage().setHeader(MESSAGE_ID, "job-1:SUCCEEDED:page-0");
                    e.getMessage().setHeader(API, "StartFaceDetection");
                    e.getMessage().setHeader(JOB_STATUS, "SUCCEEDED");
                    e.getMessage().setHeader(BUCKET_NAME, "videos");
                    e.getMessage().setHeader(OBJECT_KEY, "a.mp4");
                    e.getMessage().setHeader(COMPLETION_TIMESTAMP, 1_765_000_000_000L);
                });
                assertEquals(null, out.getException(), type.getKey() + ": " + format);
                assertEquals("job-1:SUCCEEDED:page-0", out.getMessage().getHeader(CloudEvent.CAMEL_CLOUD_EVENT_ID),
                        type.getKey());
                assertEquals("application/json",
                        out.getMessage().getHeader(CloudEvent.CAMEL_CLOUD_EVENT_DATA_CONTENT_TYPE), type.getKey());
                assertEquals(type.getValue().get("mediaType"),
                        out.getMessage().getHeader(CloudEvent.CAMEL_CLOUD_EVENT_CONTENT_TYPE), type.getKey());
                String body = out.getMessage().getBody(String.class);
                if ("application/cloudevents+json".equals(type.getValue().get("mediaType"))) {
                    JsonNode event = new ObjectMapper().readTree(body);
                    assertEquals("job-1:SUCCEEDED:page-0", event.get("id").asText(), body);
                    assertEquals("application/json", event.get("datacontenttype").asText(), body);
                    body = event.get("data").toString();
                }
                assertEquals("[{\"Timestamp\":200}]", body, type.getKey());
            }
        }
    }
}
