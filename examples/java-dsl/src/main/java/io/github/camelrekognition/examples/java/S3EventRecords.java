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
package io.github.camelrekognition.examples.java;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The objects of an S3 Event Notification ({@code {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":
 * {"name":...},"object":{"key":...,"versionId":...}}}]}}), delivered to SQS directly or in an SNS envelope. Keys in S3
 * events are URL-encoded (a space is {@code +}); they are decoded here.
 */
public final class S3EventRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One created object. */
    public record S3Object(String bucket, String key, String versionId) {
    }

    private S3EventRecords() {
    }

    public static List<S3Object> records(String body) throws IOException {
        JsonNode event = JSON.readTree(body);
        if (event.path("Message").isTextual()) {
            event = JSON.readTree(event.get("Message").asText());
        }
        List<S3Object> objects = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            if (!record.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            objects.add(new S3Object(
                    s3.path("bucket").path("name").asText(),
                    URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8),
                    s3.path("object").path("versionId").asText(null)));
        }
        return objects;
    }
}
