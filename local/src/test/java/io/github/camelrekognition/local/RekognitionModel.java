package io.github.camelrekognition.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Rekognition API model as published in {@code com.amazonaws:aws-java-sdk-models}: tests take constraints from it. */
final class RekognitionModel {

    private static final JsonNode MODEL = read();

    private RekognitionModel() {
    }

    private static JsonNode read() {
        try (InputStream in = RekognitionModel.class.getClassLoader()
                .getResourceAsStream("models/rekognition-2016-06-27-model.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int min(String shape) {
        return MODEL.path("shapes").path(shape).path("min").asInt();
    }

    static int max(String shape) {
        return MODEL.path("shapes").path(shape).get("max").asInt();
    }

    static String pattern(String shape) {
        return MODEL.path("shapes").path(shape).get("pattern").asText();
    }
}
