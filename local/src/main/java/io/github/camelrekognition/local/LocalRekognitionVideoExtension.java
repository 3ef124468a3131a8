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

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link LocalRekognitionVideo} (all-in-one, free ports) before the tests of a class and stops it after them.
 *
 * <pre>
 * &#64;RegisterExtension
 * static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();
 * ...
 * local.get().rekognitionClient()
 * </pre>
 *
 * Test methods and constructors may also take a {@code LocalRekognitionVideo} parameter.
 */
public class LocalRekognitionVideoExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final LocalRekognitionVideo.Builder builder;
    private LocalRekognitionVideo local;

    public LocalRekognitionVideoExtension() {
        this(LocalRekognitionVideo.builder());
    }

    public LocalRekognitionVideoExtension(LocalRekognitionVideo.Builder builder) {
        this.builder = builder;
    }

    /** The running server. */
    public LocalRekognitionVideo get() {
        if (local == null) {
            throw new IllegalStateException(
                    "The local Rekognition Video is not started: register the extension "
                                            + "on a static field with @RegisterExtension");
        }
        return local;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        local = builder.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (local != null) {
            local.close();
            local = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalRekognitionVideo.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get();
    }
}
