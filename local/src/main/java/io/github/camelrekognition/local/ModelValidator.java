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

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validates a JSON request body against the input shape of an operation of the Rekognition API model, and reports
 * violations in the service's words ("1 validation error detected: Value 'x' at 'jobTag' failed to satisfy constraint:
 * Member must ..."). The model is the service's own {@code rekognition-2016-06-27-model.json}, bundled from
 * {@code com.amazonaws:aws-java-sdk-models}.
 */
final class ModelValidator {

    private final JsonNode operations;
    private final JsonNode shapes;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    ModelValidator() {
        JsonNode model = RekognitionModel.tree();
        operations = model.path("operations");
        shapes = model.path("shapes");
    }

    /** The shape of the model named {@code name}, e.g. {@code MaxResults}. */
    JsonNode shape(String name) {
        return shapes.path(name);
    }

    /**
     * @throws ServiceException InvalidParameterException listing every violation
     */
    void validate(String operation, JsonNode request) {
        List<String> errors = new ArrayList<>();
        String input = operations.path(operation).path("input").path("shape").asText();
        validateStructure(shapes.path(input), request, "", errors);
        if (!errors.isEmpty()) {
            throw ServiceException.client("InvalidParameterException",
                    errors.size() + " validation error" + (errors.size() == 1 ? "" : "s") + " detected: "
                                                                       + String.join("; ", errors));
        }
    }

    private void validateStructure(JsonNode shape, JsonNode value, String prefix, List<String> errors) {
        for (JsonNode required : shape.path("required")) {
            JsonNode member = value.get(required.asText());
            if (member == null || member.isNull()) {
                errors.add("Value null at '" + path(prefix, required.asText()) + "' failed to satisfy constraint: "
                           + "Member must not be null");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonNode memberValue = value.get(member.getKey());
            if (memberValue != null && !memberValue.isNull()) {
                validateValue(shapes.path(member.getValue().path("shape").asText()), memberValue,
                        path(prefix, member.getKey()), errors);
            }
        }
    }

    private void validateValue(JsonNode shape, JsonNode value, String path, List<String> errors) {
        switch (shape.path("type").asText()) {
            case "structure" -> validateStructure(shape, value, path, errors);
            case "list" -> {
                checkBounds(shape, value.size(), path, "Member must have length", errors, "'" + path + "'");
                for (int i = 0; i < value.size(); i++) {
                    validateValue(shapes.path(shape.path("member").path("shape").asText()), value.get(i),
                            path + "." + (i + 1) + ".member", errors);
                }
            }
            case "string" -> validateString(shape, value.asText(), path, errors);
            case "integer", "long" -> checkBounds(shape, value.asLong(), path, "Member must have value", errors,
                    "'" + value.asLong() + "'");
            default -> {
                // booleans, floats, blobs and timestamps: no constraint used by the video operations
            }
        }
    }

    private void validateString(JsonNode shape, String value, String path, List<String> errors) {
        String shown = "'" + value + "'";
        JsonNode enums = shape.path("enum");
        if (enums.isArray() && !enums.isEmpty()) {
            List<String> allowed = new ArrayList<>();
            enums.forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(value)) {
                errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: "
                           + "Member must satisfy enum value set: " + allowed);
            }
        }
        int length = value.codePointCount(0, value.length());
        int before = errors.size();
        checkBounds(shape, length, path, "Member must have length", errors, shown);
        if (errors.size() == before && shape.has("pattern")) {
            String regex = shape.get("pattern").asText();
            if (!patterns.computeIfAbsent(regex, Pattern::compile).matcher(value).matches()) {
                errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: "
                           + "Member must satisfy regular expression pattern: " + regex);
            }
        }
    }

    private static void checkBounds(
            JsonNode shape, long value, String path, String rule, List<String> errors, String shown) {
        if (shape.has("min") && value < shape.get("min").asLong()) {
            errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + rule
                       + " greater than or equal to " + shape.get("min").asLong());
        } else if (shape.has("max") && value > shape.get("max").asLong()) {
            errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + rule
                       + " less than or equal to " + shape.get("max").asLong());
        }
    }

    /** The service names members lowerCamelCase in its messages: {@code video.s3Object.bucket}. */
    private static String path(String prefix, String member) {
        String name = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
