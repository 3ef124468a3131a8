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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Checks an AWS SDK request against the constraints of the Rekognition API model (lengths, patterns, enums, ranges,
 * required members) before it is sent. The model is the service's own {@code rekognition-2016-06-27-model.json},
 * bundled at build time from {@code com.amazonaws:aws-java-sdk-models}: no constraint is retyped here.
 * <p>
 * Patterns are matched against the whole value, as the service reports them ("Member must satisfy regular expression
 * pattern").
 */
public final class RekognitionApiValidator {

    /** Where the bundled Rekognition API model is on the class path. */
    public static final String MODEL_RESOURCE = "io/github/camelrekognition/model/rekognition-2016-06-27-model.json";

    private static volatile RekognitionApiValidator instance;

    private final JsonNode operations;
    private final JsonNode shapes;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private RekognitionApiValidator(JsonNode model) {
        this.operations = model.path("operations");
        this.shapes = model.path("shapes");
    }

    /** The validator of the bundled model, read once per class loader. */
    public static RekognitionApiValidator get() {
        RekognitionApiValidator answer = instance;
        if (answer == null) {
            synchronized (RekognitionApiValidator.class) {
                answer = instance;
                if (answer == null) {
                    answer = new RekognitionApiValidator(readModel());
                    instance = answer;
                }
            }
        }
        return answer;
    }

    private static JsonNode readModel() {
        try (InputStream in = RekognitionApiValidator.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The Rekognition API model " + MODEL_RESOURCE + " is not on the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Rekognition API model " + MODEL_RESOURCE, e);
        }
    }

    /**
     * Validates {@code request} as the input of {@code operation} (e.g. {@code StartFaceDetection}).
     *
     * @param  sourceOf                            where the value of a member path (e.g.
     *                                             {@code Video.S3Object.Bucket}) came from, for the error message
     * @throws RekognitionVideo2ValidationException on the first member that breaks a rule
     */
    public void validate(String operation, SdkPojo request, Function<String, String> sourceOf) {
        JsonNode input = operations.path(operation).path("input").path("shape");
        if (input.isMissingNode()) {
            throw new IllegalArgumentException("The Rekognition API has no operation " + operation);
        }
        validateStructure(operation, shape(input.asText()), request, "", sourceOf);
    }

    private void validateStructure(
            String operation, JsonNode shape, SdkPojo pojo, String prefix, Function<String, String> sourceOf) {
        for (JsonNode required : shape.path("required")) {
            String member = required.asText();
            if (valueOf(pojo, member) == null) {
                String path = prefix + member;
                throw new RekognitionVideo2ValidationException(
                        sourceOf.apply(path), operation + " " + path + " is required");
            }
        }
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            JsonNode member = shape.path("members").path(field.locationName());
            if (value == null || member.isMissingNode()) {
                continue;
            }
            String path = prefix + field.locationName();
            validateValue(operation, shape(member.path("shape").asText()), value, path, sourceOf);
        }
    }

    private void validateValue(
            String operation, JsonNode shape, Object value, String path, Function<String, String> sourceOf) {
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> validateStructure(operation, shape, (SdkPojo) value, path + ".", sourceOf);
            case "list" -> {
                JsonNode elementShape = shape(shape.path("member").path("shape").asText());
                List<?> list = (List<?>) value;
                checkRange(operation, shape, list.size(), path, "have", " elements", sourceOf);
                for (int i = 0; i < list.size(); i++) {
                    validateValue(operation, elementShape, list.get(i), path + "[" + i + "]", sourceOf);
                }
            }
            case "string" -> validateString(operation, shape, value.toString(), path, sourceOf);
            case "integer", "long" -> checkRange(
                    operation, shape, ((Number) value).longValue(), path, "be", "", sourceOf);
            default -> {
                // booleans, floats, blobs and timestamps carry no constraint the requests of this component use
            }
        }
    }

    private void validateString(
            String operation, JsonNode shape, String value, String path, Function<String, String> sourceOf) {
        JsonNode enums = shape.path("enum");
        if (enums.isArray() && !enums.isEmpty()) {
            List<String> allowed = new ArrayList<>();
            enums.forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(value)) {
                throw new RekognitionVideo2ValidationException(
                        sourceOf.apply(path),
                        operation + " " + path + " '" + abbreviate(value) + "' must be one of " + allowed);
            }
        }
        int length = value.codePointCount(0, value.length());
        if (shape.has("min") && length < shape.get("min").asLong()
                || shape.has("max") && length > shape.get("max").asLong()) {
            throw new RekognitionVideo2ValidationException(
                    sourceOf.apply(path),
                    operation + " " + path + " '" + abbreviate(value) + "' must be " + bounds(shape)
                                          + " characters long (it is " + length + ")");
        }
        if (shape.has("pattern")) {
            String regex = shape.get("pattern").asText();
            if (!patterns.computeIfAbsent(regex, Pattern::compile).matcher(value).matches()) {
                throw new RekognitionVideo2ValidationException(
                        sourceOf.apply(path),
                        operation + " " + path + " '" + abbreviate(value) + "' must match the pattern " + regex);
            }
        }
    }

    private static void checkRange(
            String operation, JsonNode shape, long value, String path, String verb, String unit,
            Function<String, String> sourceOf) {
        if (shape.has("min") && value < shape.get("min").asLong()
                || shape.has("max") && value > shape.get("max").asLong()) {
            throw new RekognitionVideo2ValidationException(
                    sourceOf.apply(path),
                    operation + " " + path + " must " + verb + " " + bounds(shape) + unit + " (it is " + value + ")");
        }
    }

    private static String bounds(JsonNode shape) {
        if (shape.has("min") && shape.has("max")) {
            return shape.get("min").asText() + " to " + shape.get("max").asText();
        }
        return shape.has("min") ? "at least " + shape.get("min").asText() : "at most " + shape.get("max").asText();
    }

    private JsonNode shape(String name) {
        JsonNode shape = shapes.path(name);
        if (shape.isMissingNode()) {
            throw new IllegalStateException("The Rekognition API model has no shape " + name);
        }
        return shape;
    }

    private static Object valueOf(SdkPojo pojo, String member) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.locationName().equals(member)) {
                return field.getValueOrDefault(pojo);
            }
        }
        return null;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
