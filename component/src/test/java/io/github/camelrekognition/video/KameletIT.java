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

import io.github.camelrekognition.local.LocalRekognitionVideo;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kamelets shipped in the component jar ({@code classpath:kamelets}), through Camel's kamelet component, against
 * the local Rekognition Video: the sink starts a job, the source emits its faces. The component itself is not
 * configured: everything the endpoints need comes from the Kamelets' properties.
 */
class KameletIT extends ConsumerTestSupport {

    /** The component as a user who configures nothing on it has it: the Kamelets' properties must do. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        return new DefaultCamelContext();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        LocalRekognitionVideo server = local.get();
        String credentials = "&region=" + server.region() + "&accessKey=RAW(" + LocalRekognitionVideo.ACCESS_KEY
                             + ")&secretKey=RAW(" + LocalRekognitionVideo.SECRET_KEY + ")&overrideEndpoint=true"
                             + "&uriEndpointOverride=" + server.rekognitionEndpoint();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:video")
                        .to("kamelet:aws-rekognition-video-sink?snsTopicArn=" + topicArn + "&roleArn="
                            + server.roleArn("RekognitionPublishToSns") + "&bucketName=videos&jobTag=kamelet"
                            + credentials)
                        .to("mock:started");
                from("kamelet:aws-rekognition-video-source?queueUrl=" + subscribedQueue(false) + "&sqsUriEndpointOverride="
                     + server.sqsEndpoint() + "&jobTag=kamelet&notificationTopicArns=" + topicArn
                     + "&requireSignedNotifications=true&snsSigningCertificate=" + server.snsSigningCertificate()
                     + credentials)
                        .to("mock:completed");
            }
        };
    }

    @Test
    void theSinkStartsAJobAndTheSourceEmitsItsFaces() throws Exception {
        MockEndpoint completed = getMockEndpoint("mock:completed");
        completed.expectedMessageCount(1);
        MockEndpoint started = getMockEndpoint("mock:started");
        started.expectedMessageCount(1);

        template.sendBodyAndHeaders("direct:video", null, Map.of(OBJECT_KEY, "clear.mp4"));
        started.assertIsSatisfied();
        String jobId = started.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID, String.class);
        assertNotNull(jobId, "the sink put the job id in a header");

        completed.setResultWaitTime(90_000);
        completed.assertIsSatisfied();
        Exchange done = completed.getReceivedExchanges().get(0);
        assertEquals(jobId, done.getMessage().getHeader(JOB_ID));
        assertEquals("SUCCEEDED", done.getMessage().getHeader(JOB_STATUS));
        assertEquals("clear.mp4", done.getMessage().getHeader(OBJECT_KEY));
        assertTrue(done.getMessage().getHeader(FACE_COUNT, Integer.class) > 0, "the faces came with it");
    }
}
