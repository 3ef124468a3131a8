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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The JSON of the SDK's Rekognition objects in the service's own shape: member names as the API model names them (the
 * SDK fields' location names, e.g. {@code Faces}, {@code BoundingBox}), as the AWS CLI prints a Get response, and back.
 * Written from the SDK's own field metadata ({@link SdkPojo#sdkFields()}, their marshalling types and traits), streamed
 * through Jackson's generator as each member is read, and read back from Jackson's trees; timestamps as epoch seconds,
 * as the service's JSON protocol sends them.
 */
final class SdkJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private SdkJson() {
    }

    /** An SDK object, a list or map of them, or a plain value, as JSON text. */
    static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(new Written(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** An SDK object, a list or map of them, or a plain value, as JSON in UTF-8. */
    static byte[] toJsonBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(new Written(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * The members of each SDK class, with their names ready to be written, worked out once per class from its builder
     * (whose fields are the class's own).
     */
    private static final ClassValue<Member[]> MEMBERS = new ClassValue<>() {
        @Override
        protected Member[] computeValue(Class<?> type) {
            return builderOf(type.asSubclass(SdkPojo.class)).sdkFields().stream()
                    .map(field -> new Member(field, new SerializedString(field.locationName()))).toArray(Member[]::new);
        }
    };

    /** A field of an SDK class, and its location name ready to be written. */
    private record Member(SdkField<?> field, SerializedString name) {
    }

    /** A value that Jackson writes through {@link #write}, in its own buffers. */
    private record Written(Object value) implements JsonSerializable {

        @Override
        public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
            write(value, generator);
        }

        @Override
        public void serializeWithType(
                JsonGenerator generator, SerializerProvider serializers, TypeSerializer typeSerializer)
                throws IOException {
            serialize(generator, serializers);
        }
    }

    /** Streams {@code value} as JSON: no tree is built, each member is written as it is read. */
    static void write(Object value, JsonGenerator generator) throws IOException {
        // the most frequent first: Rekognition's results are mostly floats (boxes, landmarks, confidences)
        if (value instanceof Float number) {
            generator.writeNumber(number);
        } else if (value instanceof SdkPojo pojo) {
            generator.writeStartObject();
            for (Member member : MEMBERS.get(pojo.getClass())) {
                Object memberValue = member.field().getValueOrDefault(pojo);
                if (memberValue != null && !(memberValue instanceof SdkAutoConstructList)
                        && !(memberValue instanceof SdkAutoConstructMap)) {
                    generator.writeFieldName(member.name());
                    write(memberValue, generator);
                }
            }
            generator.writeEndObject();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value == null) {
            generator.writeNull();
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Collection<?> collection) {
            generator.writeStartArray();
            for (Object element : collection) {
                write(element, generator);
            }
            generator.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(entry.getValue(), generator);
            }
            generator.writeEndObject();
        } else if (value instanceof Instant instant) {
            if (instant.getNano() == 0) {
                generator.writeNumber(instant.getEpochSecond());
            } else {
                generator.writeNumber(BigDecimal.valueOf(instant.getEpochSecond())
                        .add(BigDecimal.valueOf(instant.getNano(), 9)).stripTrailingZeros());
            }
        } else if (value instanceof SdkBytes bytes) {
            generator.writeBinary(bytes.asByteArray());
        } else {
            generator.writeObject(value);
        }
    }

    /**
     * The SDK object of {@code type} that {@code node} describes, in the service's member names; members the type does
     * not have are left out, as the SDK's own unmarshaller leaves them.
     *
     * @throws IllegalArgumentException when a member's value is not of the member's type
     */
    static <T extends SdkPojo> T fromTree(JsonNode node, Class<T> type) {
        return type.cast(pojo(node, builderOf(type), type.getSimpleName()));
    }

    private static SdkPojo builderOf(Class<? extends SdkPojo> type) {
        try {
            return (SdkPojo) type.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " is not an SDK model class with a builder()", e);
        }
    }

    private static Object pojo(JsonNode node, SdkPojo builder, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be a JSON object, not " + node.getNodeType());
        }
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode member = node.get(field.locationName());
            if (member != null && !member.isNull()) {
                field.set(builder, value(member, field, path + "." + field.locationName()));
            }
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object value(JsonNode node, SdkField<?> field, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return pojo(node, (SdkPojo) field.constructor().get(), path);
        }
        if (type == MarshallingType.LIST) {
            if (!node.isArray()) {
                throw new IllegalArgumentException(path + " must be a JSON array, not " + node.getNodeType());
            }
            SdkField<?> element = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                list.add(value(node.get(i), element, path + "[" + i + "]"));
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            if (!node.isObject()) {
                throw new IllegalArgumentException(path + " must be a JSON object, not " + node.getNodeType());
            }
            SdkField<?> element = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue(), element, path + "." + e.getKey())));
            return map;
        }
        return scalar(node, type, path);
    }

    private static Object scalar(JsonNode node, MarshallingType<?> type, String path) {
        if (type == MarshallingType.STRING && node.isTextual()) {
            return node.textValue();
        }
        if (type == MarshallingType.BOOLEAN && node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            if (type == MarshallingType.INTEGER && node.canConvertToInt()) {
                return node.intValue();
            }
            if (type == MarshallingType.LONG && node.canConvertToLong()) {
                return node.longValue();
            }
            if (type == MarshallingType.FLOAT) {
                return node.floatValue();
            }
            if (type == MarshallingType.DOUBLE) {
                return node.doubleValue();
            }
            if (type == MarshallingType.BIG_DECIMAL) {
                return node.decimalValue();
            }
            if (type == MarshallingType.INSTANT) {
                BigDecimal seconds = node.decimalValue();
                return Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            }
        }
        if (type == MarshallingType.SDK_BYTES && node.isTextual()) {
            try {
                return SdkBytes.fromByteArray(node.binaryValue());
            } catch (IOException e) {
                throw new IllegalArgumentException(path + " must be base64: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(path + " must be " + expected(type) + ", not " + node);
    }

    private static String expected(MarshallingType<?> type) {
        if (type == MarshallingType.STRING) {
            return "a string";
        }
        if (type == MarshallingType.BOOLEAN) {
            return "true or false";
        }
        if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
            return "a whole number";
        }
        if (type == MarshallingType.INSTANT) {
            return "a time in seconds since the epoch";
        }
        if (type == MarshallingType.SDK_BYTES) {
            return "base64 text";
        }
        return "a number";
    }
}
