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

import io.github.camelrekognition.video.telemetry.RekognitionVideo2SpanDecorator;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace across the wait, with Camel's OpenTelemetry tracing (camel-opentelemetry2) and the OpenTelemetry SDK's
 * in-memory exporter: an S3 event starts a job on one instance, another instance (another CamelContext sharing the
 * startedJobsRepository) emits its completion, and the start, the completion and the step after it are spans of one
 * trace, those of the component tagged with the job id and the analysis.
 */
class TracingIT extends ConsumerTestSupport {

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final MemoryAggregationRepository STARTED = new MemoryAggregationRepository();
    static final AttributeKey<String> CAMEL_URI = AttributeKey.stringKey("camel.uri");
    static final AttributeKey<String> OP = AttributeKey.stringKey("op");

    @BeforeAll
    static void openTelemetry() {
        GlobalOpenTelemetry.resetForTest();
        OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .buildAndRegisterGlobal();
    }

    @AfterAll
    static void noOpenTelemetry() {
        GlobalOpenTelemetry.resetForTest();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        trace(context);
        return context;
    }

    private static void trace(CamelContext context) throws Exception {
        context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                .setStartedJobsRepository(STARTED);
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.init(context);
    }

    private static List<SpanData> spansOf(String traceId) {
        return SPANS.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** The consumer's span of the job's completion. */
    private static boolean isCompletion(SpanData span, String jobId) {
        return "EVENT_RECEIVED".equals(span.getAttributes().get(OP))
                && jobId.equals(span.getAttributes().get(AttributeKey.stringKey(RekognitionVideo2SpanDecorator.JOB_ID)));
    }

    /** The span of the step after the consumer. */
    private static boolean isDownstream(SpanData span) {
        return "mock://downstream".equals(span.getAttributes().get(CAMEL_URI));
    }

    @Test
    void theStartTheCompletionOnAnotherInstanceAndTheStepAfterItAreOneTrace() throws Exception {
        String queue = subscribedQueue(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:s3-event").routeId("video-uploaded")
                        .to("aws2-rekognition-video:faces?bucketName=videos");
            }
        });
        String jobId = template.request("direct:s3-event", e -> e.getMessage().setHeaders(new HashMap<>(
                Map.of(
                        OBJECT_KEY, "clear.mp4", SNS_TOPIC_ARN, topicArn,
                        ROLE_ARN, local.get().roleArn("RekognitionPublishToSns")))))
                .getMessage().getHeader(JOB_ID, String.class);
        SpanData start = await().atMost(10, TimeUnit.SECONDS).until(() -> SPANS.getFinishedSpanItems().stream()
                .filter(span -> jobId.equals(span.getAttributes().get(AttributeKey.stringKey(
                        RekognitionVideo2SpanDecorator.JOB_ID))))
                .findFirst().orElse(null), span -> span != null);
        assertEquals("FaceDetection", start.getAttributes().get(AttributeKey.stringKey(
                RekognitionVideo2SpanDecorator.ANALYSIS)), "the producer's span: " + start);

        // another instance: its own CamelContext, the same started jobs
        try (CamelContext other = new DefaultCamelContext()) {
            RekognitionVideo2TestSupport.pointAt(other, local.get().rekognitionEndpoint(), local.get().region());
            other.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                    .setSnsSigningCertificate(local.get().snsSigningCertificate().toString());
            trace(other);
            other.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(consumer(queue, "resultMode=notification")).routeId("faces-found")
                            .to("mock:downstream");
                }
            });
            other.start();
            MockEndpoint downstream = other.getEndpoint("mock:downstream", MockEndpoint.class);
            downstream.expectedMessageCount(1);
            downstream.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
            assertEquals(jobId, downstream.getReceivedExchanges().get(0).getMessage().getHeader(JOB_ID));
            // the consumer's span ends after the step in it, once the exchange is done
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertTrue(
                    spansOf(start.getTraceId()).stream().anyMatch(TracingIT::isDownstream)
                            && spansOf(start.getTraceId()).stream()
                                    .anyMatch(span -> isCompletion(span,
                                            jobId)),
                    () -> "the completion and the step after it in the start's trace: " + SPANS.getFinishedSpanItems()
                            .stream().map(span -> span.getName() + "/" + span.getTraceId() + "/" + span.getSpanId() + "/"
                                                  + span.getParentSpanId() + "/" + span.getAttributes().asMap())
                            .toList()));
        }

        List<SpanData> trace = spansOf(start.getTraceId());
        SpanData completion = trace.stream().filter(span -> isCompletion(span, jobId)).findFirst().orElseThrow();
        assertEquals(start.getSpanId(), completion.getParentSpanId(), "the completion is a child of the start");
        SpanData downstream = trace.stream().filter(TracingIT::isDownstream).findFirst().orElseThrow();
        assertEquals(completion.getSpanId(), downstream.getParentSpanId(), "the step after it, a child of the completion");
        assertEquals("FaceDetection", completion.getAttributes().get(AttributeKey.stringKey(
                RekognitionVideo2SpanDecorator.ANALYSIS)));
        assertTrue(trace.stream().anyMatch(span -> "direct://s3-event".equals(span.getAttributes().get(CAMEL_URI))),
                "the S3 event: " + trace);
        assertFalse(STARTED.getKeys().contains(jobId), "struck off once emitted");
    }
}
