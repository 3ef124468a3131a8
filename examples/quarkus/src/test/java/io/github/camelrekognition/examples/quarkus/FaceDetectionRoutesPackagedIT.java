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
