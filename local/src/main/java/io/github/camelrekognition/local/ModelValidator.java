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

    /**
     * Where {@code document} is not a value of the model's shape {@code shapeName} (a Get response, for the results a
     * test supplies): a member the shape does not have, a value of the wrong JSON type, an enum value, a length or a
     * pattern the model refuses; at most 10, each with its JSON path. Empty when the document is one.
     */
    List<String> documentProblems(String shapeName, JsonNode document) {
        List<String> problems = new ArrayList<>();
        strict(shapes.path(shapeName), document, "$", problems);
        return problems;
    }

    private void strict(JsonNode shape, JsonNode value, String path, List<String> problems) {
        if (problems.size() >= 10 || value == null || value.isNull()) {
            return;
        }
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                if (!value.isObject()) {
                    problems.add(path + " must be an object, not " + value.getNodeType());
                    return;
                }
                JsonNode members = shape.path("members");
                value.fieldNames().forEachRemaining(name -> {
                    if (!members.has(name)) {
                        problems.add(path + "." + name + " is not a member of the response");
                    }
                });
                members.fields().forEachRemaining(member -> strict(
                        shapes.path(member.getValue().path("shape").asText()), value.get(member.getKey()),
                        path + "." + member.getKey(), problems));
            }
            case "list" -> {
                if (!value.isArray()) {
                    problems.add(path + " must be an array, not " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    strict(shapes.path(shape.path("member").path("shape").asText()), value.get(i), path + "[" + i + "]",
                            problems);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    problems.add(path + " must be an object, not " + value.getNodeType());
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + " must be a string, not " + value.getNodeType());
                    return;
                }
                List<String> errors = new ArrayList<>();
                validateString(shape, value.asText(), path, errors);
                errors.forEach(e -> problems.add(path + ": " + e.substring(e.indexOf("failed to satisfy constraint: ")
                                                                           + "failed to satisfy constraint: ".length())));
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + " must be an integer, not " + value.getNodeType());
                }
            }
            case "float", "double" -> {
                if (!value.isNumber()) {
                    problems.add(path + " must be a number, not " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + " must be true or false, not " + value.getNodeType());
                }
            }
            default -> {
                // timestamps and blobs: any JSON the SDK reads
            }
        }
    }

    /** The service names members lowerCamelCase in its messages: {@code video.s3Object.bucket}. */
    private static String path(String prefix, String member) {
        String name = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
