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
package io.github.camelrekognition.video.telemetry;

import io.github.camelrekognition.video.RekognitionVideo2Analysis;
import io.github.camelrekognition.video.RekognitionVideo2Component;
import io.github.camelrekognition.video.RekognitionVideo2Constants;
import io.github.camelrekognition.video.RekognitionVideo2Endpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.AbstractMessagingSpanDecorator;

/**
 * The spans of {@code aws2-rekognition-video} endpoints in Camel's tracing (camel-telemetry, as camel-opentelemetry2
 * uses it; found through {@code META-INF/services/org.apache.camel.telemetry.SpanDecorator}): a span of a producer or a
 * consumer carries the job id ({@value #JOB_ID}) and the analysis ({@value #ANALYSIS}), and a consumer's span continues
 * the trace of the exchange that started the job (its {@code traceparent} header).
 */
public class RekognitionVideo2SpanDecorator extends AbstractMessagingSpanDecorator {

    public static final String JOB_ID = "rekognition.video.job_id";
    public static final String ANALYSIS = "rekognition.video.analysis";

    @Override
    public String getComponent() {
        return "aws2-rekognition-video";
    }

    @Override
    public String getComponentClassName() {
        return RekognitionVideo2Component.class.getName();
    }

    @Override
    protected String getMessageId(Exchange exchange) {
        return exchange.getMessage().getHeader(RekognitionVideo2Constants.MESSAGE_ID, String.class);
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        tag(span, exchange, endpoint);
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        // a producer's span: the job id is known once the Start call returned
        tag(span, exchange, exchange.getFromEndpoint());
    }

    private static void tag(Span span, Exchange exchange, Endpoint endpoint) {
        String jobId = exchange.getMessage().getHeader(RekognitionVideo2Constants.JOB_ID, String.class);
        if (jobId != null) {
            span.setTag(JOB_ID, jobId);
        }
        RekognitionVideo2Analysis analysis = RekognitionVideo2Analysis
                .ofStartApi(exchange.getMessage().getHeader(RekognitionVideo2Constants.API, String.class));
        if (analysis == null && endpoint instanceof RekognitionVideo2Endpoint rekognition) {
            analysis = rekognition.getConfiguration().getOperation().analysis();
        }
        if (analysis != null) {
            span.setTag(ANALYSIS, analysis.analysisName());
        }
    }
}
