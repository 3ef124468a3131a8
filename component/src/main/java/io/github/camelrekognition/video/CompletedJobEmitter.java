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

import org.apache.camel.spi.AggregationRepository;

/**
 * Emits a completed job once, the same way for every consumer (SQS, polling, reconciliation): the completion is
 * filtered ({@link NotificationFilter}), claimed ({@link CompletionClaims}), emitted ({@link ResultExchanges}),
 * recorded as done and struck off the started jobs. What happened is returned, for the consumer to act on: a completion
 * claimed elsewhere is left in the queue, one that is not taken is left for the consumers it is meant for.
 */
final class CompletedJobEmitter {

    /** What {@link #emit} did with a completion. */
    enum Outcome {
        /** Its exchanges completed. */
        EMITTED,
        /** Emitted already: nothing emitted again. */
        DUPLICATE,
        /** Another consumer is emitting it: nothing emitted here. */
        CLAIMED_ELSEWHERE,
        /** Of an analysis or job tag this consumer does not take. */
        NOT_TAKEN,
        /** The job has not completed ({@link #emitIfCompleted} only). */
        IN_PROGRESS;

        /** Whether the completion is emitted, here now or before. */
        boolean emitted() {
            return this == EMITTED || this == DUPLICATE;
        }
    }

    private final RekognitionVideo2Endpoint endpoint;
    private final NotificationFilter filter;
    private final CompletionClaims claims;
    private final ResultExchanges exchanges;
    private final AggregationRepository startedJobs;

    /**
     * @param startedJobs the started jobs that an emitted job is struck off, or null
     */
    CompletedJobEmitter(RekognitionVideo2Endpoint endpoint, NotificationFilter filter, CompletionClaims claims,
                        ResultExchanges exchanges, AggregationRepository startedJobs) {
        this.endpoint = endpoint;
        this.filter = filter;
        this.claims = claims;
        this.exchanges = exchanges;
        this.startedJobs = startedJobs;
    }

    /**
     * Emits the job of a completion notification, unless this consumer does not take it or it was emitted already.
     *
     * @throws Exception the failure of an exchange the route did not handle: the completion is to come again
     */
    Outcome emit(RekognitionVideo2Notification notification) throws Exception {
        RekognitionVideo2Analysis analysis = RekognitionVideo2Analysis.ofStartApi(notification.api());
        if (!filter.takes(analysis, notification.jobTag())) {
            return Outcome.NOT_TAKEN;
        }
        return emit(analysis, notification);
    }

    /**
     * Checks a job of {@code analysis} with its Get call, and emits it when it has completed, as if its notification
     * had come at {@code now}; a job of an analysis this consumer does not take is not checked.
     *
     * @throws Exception the failure of the Get call, or of an exchange the route did not handle
     */
    Outcome emitIfCompleted(RekognitionVideo2Analysis analysis, String jobId, long now) throws Exception {
        if (!filter.takes(analysis)) {
            return Outcome.NOT_TAKEN;
        }
        RekognitionVideo2Notification notification = RekognitionVideo2Notification.ofGet(analysis, jobId,
                analysis.get(endpoint.getRekognitionClient(), jobId, 1), now);
        if (notification == null) {
            return Outcome.IN_PROGRESS;
        }
        if (!filter.takes(analysis, notification.jobTag())) {
            return Outcome.NOT_TAKEN;
        }
        return emit(analysis, notification);
    }

    private Outcome emit(RekognitionVideo2Analysis analysis, RekognitionVideo2Notification notification)
            throws Exception {
        String key = CompletionClaims.key(notification);
        Outcome outcome = switch (claims.claim(key)) {
            case DUPLICATE -> Outcome.DUPLICATE;
            case CLAIMED_ELSEWHERE -> Outcome.CLAIMED_ELSEWHERE;
            case CLAIMED -> {
                StartedJobs.Started started = startedJobs == null
                        ? null : StartedJobs.get(startedJobs, endpoint.getCamelContext(), notification.jobId());
                Long videoMillis;
                try {
                    videoMillis = exchanges.emit(analysis, notification, started == null ? null : started.traceparent());
                    claims.done(key);
                } catch (Exception e) {
                    claims.failed(key);
                    throw e;
                }
                endpoint.getComponent().metrics().completed(notification, analysis,
                        started == null ? null : started.startedAt(), videoMillis);
                yield Outcome.EMITTED;
            }
        };
        if (startedJobs != null && outcome.emitted()) {
            StartedJobs.strike(startedJobs, endpoint.getCamelContext(), notification.jobId());
            endpoint.getComponent().jobSlotFreed(startedJobs);
        }
        return outcome;
    }
}
