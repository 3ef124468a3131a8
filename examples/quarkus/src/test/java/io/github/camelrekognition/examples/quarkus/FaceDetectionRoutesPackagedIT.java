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
package io.github.camelrekognition.examples.quarkus;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link FaceDetectionRoutesIT} against the packaged application ({@code target/quarkus-app/quarkus-run.jar}, or the
 * native executable when built with {@code -Pnative}), started by Quarkus in a process of its own, as Camel Quarkus's
 * integration tests run.
 */
@QuarkusIntegrationTest
class FaceDetectionRoutesPackagedIT extends FaceDetectionRoutesIT {
}
