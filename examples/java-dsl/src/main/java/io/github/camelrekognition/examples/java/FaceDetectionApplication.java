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
package io.github.camelrekognition.examples.java;

import org.apache.camel.main.Main;

/** Camel Main: the route builders of this package ({@link FaceDetectionRoutes}) and {@code application.properties}. */
public final class FaceDetectionApplication {

    private FaceDetectionApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(FaceDetectionApplication.class);
        main.run(args);
    }
}
