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
