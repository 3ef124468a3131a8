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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Checks an AWS SDK request against the constraints of the Rekognition API model (lengths, patterns, enums, ranges,
 * required members) before it is sent. The model is the service's own {@code rekognition-2016-06-27-model.json},
 * bundled at build time from {@code com.amazonaws:aws-java-sdk-models}: no constraint is retyped here.
 * <p>
 * Each shape of the model is turned into a rule once, at its first use (patterns compiled, enums as sets), so that a
 * request costs a walk over its set fields and no lookups in the model.
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
    /** The rule of each shape, by shape name, made at its first use. */
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    /** The input shape of each operation, by operation name. */
    private final Map<String, String> inputs = new ConcurrentHashMap<>();

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
     * @param  sourceOf                             where the value of a member path (e.g.
     *                                              {@code Video.S3Object.Bucket}) came from, for the error message
     * @throws RekognitionVideo2ValidationException on the first member that breaks a rule
     */
    public void validate(String operation, SdkPojo request, Function<String, String> sourceOf) {
        String input = inputs.computeIfAbsent(operation, name -> {
            JsonNode shape = operations.path(name).path("input").path("shape");
            if (shape.isMissingNode()) {
                throw new IllegalArgumentException("The Rekognition API has no operation " + name);
            }
            return shape.asText();
        });
        rule(input).check(new Check(operation, sourceOf), request, null);
    }

    private Rule rule(String shapeName) {
        Rule rule = rules.get(shapeName);
        if (rule == null) {
            rule = compile(shapeName);
            rules.putIfAbsent(shapeName, rule);
        }
        return rule;
    }

    private Rule compile(String shapeName) {
        JsonNode shape = shapes.path(shapeName);
        if (shape.isMissingNode()) {
            throw new IllegalStateException("The Rekognition API model has no shape " + shapeName);
        }
        Bounds bounds = Bounds.of(shape);
        switch (shape.path("type").asText()) {
            case "structure" -> {
                List<String> required = new ArrayList<>();
                shape.path("required").forEach(member -> required.add(member.asText()));
                Map<String, String> members = new HashMap<>();
                shape.path("members").properties()
                        .forEach(member -> members.put(member.getKey(), member.getValue().path("shape").asText()));
                return new StructureRule(List.copyOf(required), Map.copyOf(members));
            }
            case "list" -> {
                return new ListRule(bounds, shape.path("member").path("shape").asText());
            }
            case "string" -> {
                // in the model's order, for the error message
                Set<String> allowed = new LinkedHashSet<>();
                shape.path("enum").forEach(value -> allowed.add(value.asText()));
                String regex = shape.has("pattern") ? shape.get("pattern").asText() : null;
                return new StringRule(
                        Collections.unmodifiableSet(allowed), bounds, regex,
                        regex == null ? null : Pattern.compile(regex));
            }
            case "integer", "long", "float", "double" -> {
                return new NumberRule(bounds);
            }
            default -> {
                // booleans, blobs and timestamps carry no constraint the requests of this component use
                return (check, value, path) -> {
                };
            }
        }
    }

    /** What one validation reports with: the operation, and where each member path's value came from. */
    private record Check(String operation, Function<String, String> sourceOf) {

        RekognitionVideo2ValidationException error(Path path, String rule) {
            String member = path.toString();
            return new RekognitionVideo2ValidationException(sourceOf.apply(member), operation + " " + member + rule);
        }
    }

    /** A member path (e.g. {@code Video.S3Object.Bucket}, {@code Filters[0]}), rendered only for an error. */
    private record Path(Path parent, String member, int index) {

        static Path of(Path parent, String name) {
            return new Path(parent, name, -1);
        }

        Path element(int i) {
            return new Path(this, null, i);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            append(text);
            return text.toString();
        }

        private void append(StringBuilder text) {
            if (parent != null) {
                parent.append(text);
            }
            if (member != null) {
                text.append(parent == null ? "" : ".").append(member);
            } else {
                text.append('[').append(index).append(']');
            }
        }
    }

    /** The min and max of a shape, if any, and how an error states them. */
    private record Bounds(Long min, Long max, String text) {

        static Bounds of(JsonNode shape) {
            Long min = shape.has("min") ? shape.get("min").asLong() : null;
            Long max = shape.has("max") ? shape.get("max").asLong() : null;
            String text = min != null && max != null ? min + " to " + max
                    : min != null ? "at least " + min : "at most " + max;
            return new Bounds(min, max, text);
        }

        boolean excludes(long value) {
            return min != null && value < min || max != null && value > max;
        }

        boolean excludes(double value) {
            return Double.isNaN(value) || min != null && value < min || max != null && value > max;
        }
    }

    @FunctionalInterface
    private interface Rule {
        void check(Check check, Object value, Path path);
    }

    private final class StructureRule implements Rule {
        private final List<String> required;
        private final Map<String, String> memberShapes;

        StructureRule(List<String> required, Map<String, String> memberShapes) {
            this.required = required;
            this.memberShapes = memberShapes;
        }

        @Override
        public void check(Check check, Object value, Path path) {
            SdkPojo pojo = (SdkPojo) value;
            List<SdkField<?>> fields = pojo.sdkFields();
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                Object member = fields.get(i).getValueOrDefault(pojo);
                // the SDK's stand-in for a list or map never set: not sent, so absent
                values[i] = member instanceof SdkAutoConstructList || member instanceof SdkAutoConstructMap ? null : member;
            }
            for (String member : required) {
                if (valueOf(fields, values, member) == null) {
                    throw check.error(Path.of(path, member), " is required");
                }
            }
            for (int i = 0; i < values.length; i++) {
                String member = fields.get(i).locationName();
                String shape = memberShapes.get(member);
                if (values[i] != null && shape != null) {
                    rule(shape).check(check, values[i], Path.of(path, member));
                }
            }
        }

        private static Object valueOf(List<SdkField<?>> fields, Object[] values, String member) {
            for (int i = 0; i < values.length; i++) {
                if (fields.get(i).locationName().equals(member)) {
                    return values[i];
                }
            }
            return null;
        }
    }

    private final class ListRule implements Rule {
        private final Bounds bounds;
        private final String elementShape;

        ListRule(Bounds bounds, String elementShape) {
            this.bounds = bounds;
            this.elementShape = elementShape;
        }

        @Override
        public void check(Check check, Object value, Path path) {
            List<?> list = (List<?>) value;
            if (bounds.excludes(list.size())) {
                throw check.error(path, " must have " + bounds.text() + " elements (it is " + list.size() + ")");
            }
            Rule element = rule(elementShape);
            for (int i = 0; i < list.size(); i++) {
                element.check(check, list.get(i), path.element(i));
            }
        }
    }

    /** Integers and decimals: every int and long is exact as a double. */
    private record NumberRule(Bounds bounds) implements Rule {
        @Override
        public void check(Check check, Object value, Path path) {
            if (bounds.excludes(((Number) value).doubleValue())) {
                throw check.error(path, " must be " + bounds.text() + " (it is " + value + ")");
            }
        }
    }

    private record StringRule(Set<String> allowed, Bounds bounds, String regex, Pattern pattern) implements Rule {
        @Override
        public void check(Check check, Object value, Path path) {
            String text = value.toString();
            if (!allowed.isEmpty() && !allowed.contains(text)) {
                throw check.error(path, " '" + abbreviate(text) + "' must be one of " + allowed);
            }
            int length = text.codePointCount(0, text.length());
            if (bounds.excludes(length)) {
                throw check.error(path, " '" + abbreviate(text) + "' must be " + bounds.text()
                                        + " characters long (it is " + length + ")");
            }
            if (pattern != null && !pattern.matcher(text).matches()) {
                throw check.error(path, " '" + abbreviate(text) + "' must match the pattern " + regex);
            }
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
