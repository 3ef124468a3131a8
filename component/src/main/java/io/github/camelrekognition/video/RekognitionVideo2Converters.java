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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.spi.TypeConverterRegistry;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Camel type converters between what the component emits and JSON in the service's own shape ({@link SdkJson}): the
 * SDK's Rekognition objects (a result such as {@code FaceDetection}, {@code VideoMetadata}, a Get response), lists of
 * them (the results of a job or of a page) and the completion notification, to JSON as {@code String}, {@code byte[]}
 * or {@code InputStream}; and JSON to the SDK's Rekognition object a route asks for. So
 * {@code convertBodyTo(String.class)} turns an emitted result into the JSON the AWS CLI prints.
 */
@Converter(generateLoader = true)
public final class RekognitionVideo2Converters {

    private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.rekognition.model.";

    private RekognitionVideo2Converters() {
    }

    /**
     * A Rekognition object, a non-empty list of them or a notification to JSON text, bytes or stream; JSON text, bytes
     * or a stream to a Rekognition object. Anything else is left to the other converters.
     */
    @Converter(fallback = true)
    public static Object convertTo(Class<?> type, Exchange exchange, Object value, TypeConverterRegistry registry) {
        if (type == String.class || type == byte[].class || type == InputStream.class) {
            String text = json(value);
            if (text == null) {
                return null;
            }
            if (type == String.class) {
                return text;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return type == byte[].class ? bytes : new ByteArrayInputStream(bytes);
        }
        if (isRekognitionModel(type) && (value instanceof String || value instanceof byte[] || value instanceof InputStream)) {
            return SdkJson.fromTree(read(value, type), type.asSubclass(SdkPojo.class));
        }
        return null;
    }

    /** The JSON of what the component emits, or null for anything else. */
    private static String json(Object value) {
        if (value instanceof RekognitionVideo2Notification notification) {
            return notification.toJson().toString();
        }
        if (value instanceof SdkPojo && isRekognitionModel(value.getClass())) {
            return SdkJson.toJson(value);
        }
        if (value instanceof Collection<?> collection && !collection.isEmpty()
                && collection.stream().allMatch(e -> e instanceof SdkPojo && isRekognitionModel(e.getClass()))) {
            return SdkJson.toJson(collection);
        }
        return null;
    }

    private static boolean isRekognitionModel(Class<?> type) {
        return SdkPojo.class.isAssignableFrom(type) && type.getName().startsWith(MODEL_PACKAGE);
    }

    private static JsonNode read(Object value, Class<?> type) {
        try {
            if (value instanceof String text) {
                return SdkJson.MAPPER.readTree(text);
            }
            if (value instanceof byte[] bytes) {
                return SdkJson.MAPPER.readTree(bytes);
            }
            return SdkJson.MAPPER.readTree((InputStream) value);
        } catch (IOException e) {
            throw new TypeConversionException(value, type, e);
        }
    }
}
