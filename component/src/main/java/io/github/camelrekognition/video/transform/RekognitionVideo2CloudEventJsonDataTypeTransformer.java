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
package io.github.camelrekognition.video.transform;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.camelrekognition.video.RekognitionVideo2Constants;
import org.apache.camel.Message;
import org.apache.camel.cloudevents.CloudEvent;
import org.apache.camel.cloudevents.CloudEvents;
import org.apache.camel.spi.DataType;
import org.apache.camel.spi.DataTypeTransformer;
import org.apache.camel.spi.Transformer;

/**
 * The structured form of {@link RekognitionVideo2CloudEventDataTypeTransformer}'s CloudEvent: the whole event as one
 * JSON object ({@code application/cloudevents+json}, the CloudEvents JSON format), its attributes from Camel's
 * CloudEvent headers, the {@code dataref} extension attribute of results stored by reference, and the service's JSON as
 * {@code data} (a JSON value, not a string). Camel's own {@code application-cloudevents+json} writes the same event but
 * knows no extension attributes, so it leaves {@code dataref} out.
 */
@DataTypeTransformer(name = "aws2-rekognition-video:application-cloudevents+json",
                     description = "Turns a completed job's exchange into a structured CloudEvent: the whole event, "
                                   + "its dataref included, as one JSON object")
public class RekognitionVideo2CloudEventJsonDataTypeTransformer extends Transformer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RekognitionVideo2CloudEventDataTypeTransformer attributes
            = new RekognitionVideo2CloudEventDataTypeTransformer();

    @Override
    public void transform(Message message, DataType fromType, DataType toType) throws Exception {
        attributes.transform(message, fromType, toType);
        Map<String, Object> headers = message.getHeaders();
        ObjectNode event = JSON.createObjectNode();
        for (CloudEvent.Attribute attribute : CloudEvents.v1_0.attributes()) {
            Object value = headers.get(attribute.id());
            if (value != null) {
                event.put(attribute.json(), value.toString());
            }
        }
        Object reference = headers.get(RekognitionVideo2Constants.CLOUD_EVENT_DATA_REF);
        if (reference != null) {
            event.put("dataref", reference.toString());
        }
        String data = message.getBody(String.class);
        if (data != null) {
            event.putRawValue("data", new RawValue(data));
        }
        message.setBody(JSON.writeValueAsString(event));
        headers.put(CloudEvent.CAMEL_CLOUD_EVENT_CONTENT_TYPE, "application/cloudevents+json");
    }
}
