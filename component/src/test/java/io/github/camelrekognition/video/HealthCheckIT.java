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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static java.util.concurrent.TimeUnit.SECONDS;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer and consumer health checks through Camel's health check API: DOWN while the local Rekognition Video (and
 * its SQS) is not running on the ports the endpoints point at, UP once it runs there.
 */
class HealthCheckIT extends CamelTestSupport {

    static final int REKOGNITION_PORT = freePort();
    static final int SQS_PORT = freePort();
    static final String QUEUE_URL = "http://127.0.0.1:" + SQS_PORT + "/" + LocalRekognitionVideo.ACCOUNT_ID + "/completions";

    static final String PRODUCER = "producer:aws2-rekognition-video-";
    static final String SQS_CONSUMER = "consumer:from-queue";
    static final String POLLING_CONSUMER = "consumer:polling";

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = RekognitionVideo2TestSupport.pointAt(super.createCamelContext(),
                URI.create("http://127.0.0.1:" + REKOGNITION_PORT), "us-east-1");
        // Camel leaves producer health checks off by default; a user turns them on with camel.health.producersEnabled
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        // every check in the answer, UP ones included (the default exposure level leaves those out)
        HealthCheckRegistry.get(context).setExposureLevel("full");
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("aws2-rekognition-video:faces");
                from("aws2-rekognition-video:faces?queueUrl=" + QUEUE_URL + "&sqsUriEndpointOverride=http://127.0.0.1:"
                     + SQS_PORT + "&waitTimeSeconds=1").routeId("from-queue").to("log:completed");
                from("aws2-rekognition-video:polled").routeId("polling").to("log:completed");
            }
        };
    }

    @Test
    void downWhileTheServiceIsAwayUpOnceItRuns() throws Exception {
        Map<String, HealthCheck.Result> results = results();
        for (String id : new String[] { PRODUCER, SQS_CONSUMER, POLLING_CONSUMER }) {
            assertNotNull(results.get(id), id + " is registered: " + results.keySet());
            assertEquals(HealthCheck.State.DOWN, results.get(id).getState(), id + " is DOWN");
            assertTrue(results.get(id).getError().isPresent(), id + " says why");
        }
        assertTrue(results.get(SQS_CONSUMER).getMessage().orElse("").contains(String.valueOf(SQS_PORT))
                || results.get(SQS_CONSUMER).getError().get().getMessage().contains(String.valueOf(SQS_PORT)),
                "the consumer names the queue endpoint it cannot reach: " + results.get(SQS_CONSUMER).getMessage());

        try (LocalRekognitionVideo local = LocalRekognitionVideo.builder().rekognitionPort(REKOGNITION_PORT)
                .sqsPort(SQS_PORT).start()) {
            // the service answers, but the queue does not exist yet: the SQS consumer stays DOWN, with SQS's code
            await().atMost(30, SECONDS).until(() -> state(PRODUCER) == HealthCheck.State.UP);
            HealthCheck.Result noQueue = results().get(SQS_CONSUMER);
            assertEquals(HealthCheck.State.DOWN, noQueue.getState());
            assertEquals(400, noQueue.getDetails().get(AbstractHealthCheck.SERVICE_STATUS_CODE),
                    noQueue.getDetails().toString());
            assertEquals(HealthCheck.State.UP, results().get(POLLING_CONSUMER).getState());

            local.sqsClient().createQueue(b -> b.queueName("completions"));
            await().atMost(30, SECONDS).until(() -> state(SQS_CONSUMER) == HealthCheck.State.UP);
        }
    }

    private HealthCheck.State state(String id) {
        Map<String, HealthCheck.Result> results = results();
        assertNotNull(results.get(id), id + " is registered: " + results.keySet());
        return results.get(id).getState();
    }

    private Map<String, HealthCheck.Result> results() {
        Map<String, HealthCheck.Result> byId = new TreeMap<>();
        // the producer's check is named after its endpoint's id, which Camel generates
        HealthCheckHelper.invoke(context).forEach(result -> byId.put(
                result.getCheck().getId().startsWith(PRODUCER) ? PRODUCER : result.getCheck().getId(), result));
        return byId;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
