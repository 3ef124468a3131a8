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
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A job that did not succeed never looks like success: its completion notification (FAILED, or ERROR) is one exchange
 * in every result mode, with its status, the reason the job's Get call gives, and no body; an ERROR job the service has
 * no Get answer for is emitted with its status alone. The notifications are sent to the local server's SQS; the Get
 * answers come from a {@link RecordingRekognitionServer}.
 */
class FailedJobsIT extends ConsumerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static RecordingRekognitionServer results = RecordingRekognitionServer.forTestClass().resetBeforeEach();

    private static void notify(String queue, String jobId, String status) throws Exception {
        String notification = JSON.writeValueAsString(Map.of("JobId", jobId, "Status", status,
                "API", "StartFaceDetection", "Timestamp", System.currentTimeMillis(),
                "Video", Map.of("S3ObjectName", "broken.mp4", "S3Bucket", "videos")));
        local.get().sqsClient().sendMessage(b -> b.queueUrl(queue).messageBody(notification));
    }

    /** A consumer of {@code queue} in {@code resultMode}, its Get calls to the recording server; its one exchange. */
    private MockEndpoint consume(String queue, String resultMode) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "resultMode=" + resultMode + "&overrideEndpoint=true&uriEndpointOverride="
                                     + results.endpoint()))
                        .to("mock:completed");
            }
        });
        MockEndpoint completed = getMockEndpoint("mock:completed");
        completed.expectedMessageCount(1);
        return completed;
    }

    @ParameterizedTest
    @CsvSource({ "FAILED,aggregate", "FAILED,page", "FAILED,item", "ERROR,aggregate", "ERROR,page", "ERROR,item" })
    void aJobThatDidNotSucceedIsOneExchangeWithItsStatusAndReason(String status, String resultMode) throws Exception {
        results.answerAlways("GetFaceDetection", Map.of("JobStatus", "FAILED",
                "StatusMessage", "Unsupported codec/format."));
        String queue = subscribedQueue(false);
        MockEndpoint completed = consume(queue, resultMode);

        notify(queue, "job-" + status + "-" + resultMode, status);

        completed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        Message message = completed.getReceivedExchanges().get(0).getMessage();
        assertEquals(status, message.getHeader(JOB_STATUS));
        assertEquals("Unsupported codec/format.", message.getHeader(STATUS_MESSAGE));
        assertEquals("job-" + status + "-" + resultMode + ":" + status, message.getHeader(MESSAGE_ID));
        assertNull(message.getBody(), "no results");
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        Thread.sleep(500);
        assertEquals(1, completed.getReceivedCounter(), "one exchange");
    }

    @ParameterizedTest
    @CsvSource({ "aggregate", "item" })
    void anErrorJobWithNothingToGetIsEmittedWithItsStatusAlone(String resultMode) throws Exception {
        results.failAlways("GetFaceDetection", 400, "ResourceNotFoundException", "The job does not exist");
        String queue = subscribedQueue(false);
        MockEndpoint completed = consume(queue, resultMode);

        notify(queue, "gone-" + resultMode, "ERROR");

        completed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        Message message = completed.getReceivedExchanges().get(0).getMessage();
        assertEquals("ERROR", message.getHeader(JOB_STATUS));
        assertNull(message.getHeader(STATUS_MESSAGE));
        assertNull(message.getBody());
        await().atMost(10, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
    }
}
