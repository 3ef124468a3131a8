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
package io.github.camelrekognition.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Rekognition API model this server validates requests with: the service's own
 * {@code rekognition-2016-06-27-model.json}, bundled at build time from {@code com.amazonaws:aws-java-sdk-models}.
 * Tests (this server's and the component's) take the constraints they probe (lengths, patterns, enums, errors) from
 * here rather than from memory.
 */
public final class RekognitionModel {

    /** The bundled model on the class path. */
    public static final String RESOURCE = "io/github/camelrekognition/model/rekognition-2016-06-27-model.json";

    private static final JsonNode MODEL = read();

    private RekognitionModel() {
    }

    private static JsonNode read() {
        try (InputStream in = RekognitionModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole model: its {@code operations} and {@code shapes}. */
    static JsonNode tree() {
        return MODEL;
    }

    public static JsonNode shape(String name) {
        JsonNode shape = MODEL.path("shapes").path(name);
        if (shape.isMissingNode()) {
            throw new IllegalArgumentException("no shape " + name + " in the Rekognition model");
        }
        return shape;
    }

    public static int min(String shape) {
        return shape(shape).path("min").asInt();
    }

    public static int max(String shape) {
        return shape(shape).get("max").asInt();
    }

    public static String pattern(String shape) {
        return shape(shape).get("pattern").asText();
    }

    public static List<String> enumValues(String shape) {
        List<String> values = new ArrayList<>();
        shape(shape).get("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The name of the output shape of {@code operation}, e.g. {@code GetFaceDetectionResponse}. */
    public static String outputShape(String operation) {
        return MODEL.path("operations").path(operation).path("output").path("shape").asText();
    }

    /** The members of the output of {@code operation} that are lists. */
    public static List<String> outputMembers(String operation) {
        List<String> lists = new ArrayList<>();
        String output = MODEL.path("operations").path(operation).path("output").path("shape").asText();
        shape(output).path("members").properties().forEach(member -> {
            if ("list".equals(shape(member.getValue().path("shape").asText()).path("type").asText())) {
                lists.add(member.getKey());
            }
        });
        return lists;
    }

    public static List<String> errors(String operation) {
        List<String> errors = new ArrayList<>();
        MODEL.path("operations").path(operation).path("errors").forEach(e -> errors.add(e.get("shape").asText()));
        return errors;
    }

    public static boolean isServerFault(String errorShape) {
        return shape(errorShape).path("exception").asBoolean() && shape(errorShape).path("fault").asBoolean();
    }
}
