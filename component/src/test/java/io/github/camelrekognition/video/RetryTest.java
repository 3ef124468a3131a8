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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.rekognition.model.InternalServerErrorException;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code retryMode} and {@code maxAttempts}: the AWS SDK's own retry strategy, attempts counted on the wire of a
 * {@link RecordingRekognitionServer} that answers every call with a retryable service error; once the attempts are
 * spent, the service's error reaches the route's error handler, as the SDK's typed exception with the service's
 * message.
 */
class RetryTest extends RekognitionVideo2TestSupport {

    @Override
    protected void moreRoutes(RouteBuilder routes) {
        routes.from("direct:standard2").to("aws2-rekognition-video:faces?retryMode=STANDARD&maxAttempts=2")
                .to("mock:result");
        routes.from("direct:adaptive3").to("aws2-rekognition-video:faces?retryMode=ADAPTIVE_V2&maxAttempts=3")
                .to("mock:result");
        routes.from("direct:once").to("aws2-rekognition-video:faces?maxAttempts=1").to("mock:result");
        routes.from("direct:standard").to("aws2-rekognition-video:faces?retryMode=STANDARD").to("mock:result");
        routes.from("direct:waitForSlot").to("aws2-rekognition-video:faces?limitExceededWaitTimeout=20000")
                .to("mock:result");
        routes.from("direct:waitForSlotBriefly").to("aws2-rekognition-video:faces?limitExceededWaitTimeout=2500")
                .to("mock:result");
        routes.from("direct:getStandard2")
                .to("aws2-rekognition-video:faces?operation=getFaceDetection&retryMode=STANDARD&maxAttempts=2")
                .to("mock:result");
    }

    /** The retryable errors of the Rekognition API, and the SDK exception each becomes. */
    static Stream<Arguments> retryableErrors() {
        return Stream.of(
                Arguments.of(400, "ThrottlingException", ThrottlingException.class),
                Arguments.of(400, "ProvisionedThroughputExceededException", ProvisionedThroughputExceededException.class),
                Arguments.of(500, "InternalServerError", InternalServerErrorException.class));
    }

    private static Map<String, Object> video() {
        return new HashMap<>(Map.of(BUCKET_NAME, "videos", OBJECT_KEY, "clip.mp4"));
    }

    /** Sends to {@code uri} against a service that always fails; returns the calls made. */
    private int attempts(
            String uri, Map<String, Object> headers, int status, String error,
            Class<? extends RekognitionException> type)
            throws Exception {
        String operation = uri.startsWith("direct:get") ? "GetFaceDetection" : "StartFaceDetection";
        server.failAlways(operation, status, error, "Rate exceeded for this account (" + error + ")");
        Exception caught = sendFailing(uri, null, headers);
        RekognitionException service = assertInstanceOf(type, caught);
        assertEquals("Rate exceeded for this account (" + error + ")", service.awsErrorDetails().errorMessage(),
                "the service's message reaches the route");
        return server.requests(operation).size();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("retryableErrors")
    void standardWithTwoAttempts(int status, String error, Class<? extends RekognitionException> type) throws Exception {
        assertEquals(2, attempts("direct:standard2", video(), status, error, type));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("retryableErrors")
    void adaptiveWithThreeAttempts(int status, String error, Class<? extends RekognitionException> type)
            throws Exception {
        assertEquals(3, attempts("direct:adaptive3", video(), status, error, type));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("retryableErrors")
    void oneAttemptIsNoRetry(int status, String error, Class<? extends RekognitionException> type) throws Exception {
        assertEquals(1, attempts("direct:once", video(), status, error, type));
    }

    @Test
    void theModesOwnAttemptsWhenOnlyTheModeIsSet() throws Exception {
        assertEquals(3, attempts("direct:standard", video(), 400, "ThrottlingException", ThrottlingException.class));
    }

    @Test
    void theSdkDefaultWithoutOptions() throws Exception {
        assertEquals(4, attempts("direct:start", video(), 400, "ThrottlingException", ThrottlingException.class),
                "the SDK's default, LEGACY mode: 4 attempts");
    }

    @Test
    void getCallsAreRetriedToo() throws Exception {
        assertEquals(2, attempts("direct:getStandard2", new HashMap<>(Map.of(JOB_ID, "job-1")), 500,
                "InternalServerError", InternalServerErrorException.class));
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        server.failAlways("StartFaceDetection", 400, "InvalidParameterException", "Request has invalid parameters");
        Exception caught = sendFailing("direct:standard2", null, video());
        assertEquals("Request has invalid parameters",
                assertInstanceOf(RekognitionException.class, caught).awsErrorDetails().errorMessage());
        assertEquals(List.of("StartFaceDetection"),
                server.requests().stream().map(RecordingRekognitionServer.Request::operation).toList());
    }

    // -----------------------------------------------------------------------------------------------------------------
    // LimitExceededException: the account's quota of concurrent jobs

    @Test
    void aFullQuotaReachesTheRouteByDefault() throws Exception {
        server.failAlways("StartFaceDetection", 400, "LimitExceededException", "20 jobs in progress");
        Exception caught = sendFailing("direct:start", null, video());
        assertEquals("20 jobs in progress",
                assertInstanceOf(LimitExceededException.class, caught).awsErrorDetails().errorMessage());
        assertEquals(1, server.requests("StartFaceDetection").size(), "no retry of a full quota without the option");
    }

    @Test
    void waitsForAJobSlotWhenAsked() throws Exception {
        server.fail("StartFaceDetection", 400, "LimitExceededException", "20 jobs in progress")
                .fail("StartFaceDetection", 400, "LimitExceededException", "20 jobs in progress")
                .answer("StartFaceDetection", Map.of("JobId", "job-after-the-wait"));

        Exchange started = send("direct:waitForSlot", null, video());

        assertEquals("job-after-the-wait", started.getMessage().getHeader(JOB_ID));
        assertEquals(3, server.requests("StartFaceDetection").size(), "retried until a slot freed");
    }

    @Test
    void theWaitForAJobSlotEndsAtItsTimeout() throws Exception {
        server.failAlways("StartFaceDetection", 400, "LimitExceededException", "20 jobs in progress");
        long start = System.nanoTime();

        Exception caught = sendFailing("direct:waitForSlotBriefly", null, video());

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        LimitExceededException full = assertInstanceOf(LimitExceededException.class, caught);
        assertTrue(full.getMessage().startsWith("StartFaceDetection was not accepted within limitExceededWaitTimeout "
                                                + "(2500 ms)"),
                full.getMessage());
        assertTrue(waited >= 2400 && waited < 10_000, "waited " + waited + " ms");
        assertTrue(server.requests("StartFaceDetection").size() >= 2, "retried while it waited");
    }
}
