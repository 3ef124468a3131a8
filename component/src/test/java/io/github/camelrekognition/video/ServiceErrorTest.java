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

import java.util.Map;
import java.util.stream.Stream;

import io.github.camelrekognition.local.RekognitionModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error the Rekognition model lists for StartFaceDetection and GetFaceDetection reaches the route's error handler
 * as the SDK's own typed exception, with the service's message intact.
 */
class ServiceErrorTest extends RekognitionVideo2TestSupport {

    static Stream<Arguments> serviceErrors() {
        return Stream.concat(
                RekognitionModel.errors("StartFaceDetection").stream().map(e -> Arguments.of("StartFaceDetection", e)),
                RekognitionModel.errors("GetFaceDetection").stream().map(e -> Arguments.of("GetFaceDetection", e)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serviceErrors")
    void reachesTheErrorHandlerAsTheSdkException(String operation, String errorShape) throws Exception {
        int status = RekognitionModel.isServerFault(errorShape) ? 500 : 400;
        String serviceMessage = errorShape + " said the local server at " + System.nanoTime();
        server.failAlways(operation, status, errorShape, serviceMessage);
        boolean start = operation.equals("StartFaceDetection");

        Exception error = start
                ? sendFailing("direct:start", "event", Map.of(BUCKET_NAME, "videos", OBJECT_KEY, "clip.mp4"))
                : sendFailing("direct:get", "event", Map.of(JOB_ID, "job-1"));

        String sdkClass = "software.amazon.awssdk.services.rekognition.model."
                          + (errorShape.endsWith("Exception") ? errorShape : errorShape + "Exception");
        assertEquals(sdkClass, error.getClass().getName());
        RekognitionException rekognition = assertInstanceOf(RekognitionException.class, error);
        assertEquals(serviceMessage, rekognition.awsErrorDetails().errorMessage());
        assertEquals(errorShape, rekognition.awsErrorDetails().errorCode());
        assertEquals(status, rekognition.statusCode());
        assertTrue(error.getMessage().contains(serviceMessage), error.getMessage());
        assertFalse(server.requests(operation).isEmpty(), "the call went over the wire");
    }
}
