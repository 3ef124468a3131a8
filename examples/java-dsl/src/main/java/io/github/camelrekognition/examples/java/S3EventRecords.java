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
 * {"name":...},"object":{"key":...,"versionId":...}}}]}}), delivered to SQS directly or in an SNS envelope. Keys in
 * S3 events are URL-encoded (a space is {@code +}); they are decoded here.
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
            objects.add(new S3Object(s3.path("bucket").path("name").asText(),
                    URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8),
                    s3.path("object").path("versionId").asText(null)));
        }
        return objects;
    }
}
