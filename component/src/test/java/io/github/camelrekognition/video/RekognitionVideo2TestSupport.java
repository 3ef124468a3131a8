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

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Routes from direct endpoints to aws2-rekognition-video endpoints whose real SDK client talks HTTP to a
 * {@link RecordingRekognitionServer} on loopback. Failed exchanges go to {@code mock:dead}, as they arrived.
 */
abstract class RekognitionVideo2TestSupport extends CamelTestSupport {

    static final String A_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:AmazonRekognitionFaces";
    static final String A_ROLE_ARN = "arn:aws:iam::123456789012:role/RekognitionPublishToSns";

    @RegisterExtension
    static RecordingRekognitionServer server = RecordingRekognitionServer.forTestClass().resetBeforeEach();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        return pointAt(super.createCamelContext(), server.endpoint(), "us-east-1");
    }

    /** Points the component of {@code context} at a Rekognition endpoint on loopback, with static credentials. */
    static CamelContext pointAt(CamelContext context, URI endpoint, String region) {
        RekognitionVideo2Configuration configuration
                = context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration();
        configuration.setRegion(region);
        configuration.setAccessKey("local-access-key");
        configuration.setSecretKey("local-secret-key");
        configuration.setOverrideEndpoint(true);
        configuration.setUriEndpointOverride(endpoint.toString());
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from("direct:start").to("aws2-rekognition-video:faces").to("mock:result");
                from("direct:options")
                        .to("aws2-rekognition-video:faces?bucketName=videos&snsTopicArn=" + A_TOPIC_ARN
                            + "&roleArn=" + A_ROLE_ARN + "&faceAttributes=ALL&jobTag=from-options")
                        .to("mock:result");
                from("direct:noDerivedToken")
                        .to("aws2-rekognition-video:faces?deriveClientRequestToken=false").to("mock:result");
                from("direct:startPojo").to("aws2-rekognition-video:faces?pojoRequest=true").to("mock:result");
                from("direct:get").to("aws2-rekognition-video:faces?operation=getFaceDetection").to("mock:result");
                from("direct:getPojo")
                        .to("aws2-rekognition-video:faces?operation=getFaceDetection&pojoRequest=true")
                        .to("mock:result");
                moreRoutes(this);
            }
        };
    }

    /** The routes a test class adds to these, with the same error handler. */
    protected void moreRoutes(RouteBuilder routes) {
    }

    /** Sends a message and returns the exchange that reached mock:result. */
    Exchange send(String uri, Object body, Map<String, Object> headers) throws InterruptedException {
        MockEndpoint result = getMockEndpoint("mock:result");
        result.reset();
        result.expectedMessageCount(1);
        template.sendBodyAndHeaders(uri, body, headers);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        if (!dead.getReceivedExchanges().isEmpty()) {
            throw new AssertionError(
                    "the exchange failed",
                    dead.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        }
        result.assertIsSatisfied();
        return result.getReceivedExchanges().get(0);
    }

    /**
     * Sends a message that must fail: returns the exception the error handler saw, after checking that the message
     * reached the dead letter endpoint as it was sent.
     */
    Exception sendFailing(String uri, Object body, Map<String, Object> headers) throws InterruptedException {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.reset();
        dead.expectedMessageCount(1);
        template.sendBodyAndHeaders(uri, body, headers);
        dead.assertIsSatisfied();
        Exchange failed = dead.getReceivedExchanges().get(0);
        assertEquals(body, failed.getMessage().getBody(), "the body reached the error handler unchanged");
        headers.forEach((name, value) -> assertEquals(value, failed.getMessage().getHeader(name),
                "header " + name + " reached the error handler unchanged"));
        Exception caught = failed.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertNotNull(caught, "the error handler saw the exception");
        assertEquals(List.of(), getMockEndpoint("mock:result").getReceivedExchanges(), "nothing went further");
        return caught;
    }
}
