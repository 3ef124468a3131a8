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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;
import software.amazon.awssdk.services.rekognition.model.RekognitionResponse;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;

/**
 * Turns a message into a Rekognition Video call: the Start or Get call of an analysis. The request comes from
 * {@link RekognitionVideo2Requests} (headers and options, or the body), checked against the Rekognition API model
 * before it is sent; service errors reach the route as the SDK's own exceptions.
 */
public class RekognitionVideo2Producer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionVideo2Producer.class);

    private WritableHealthCheckRepository healthCheckRepository;
    private RekognitionVideo2ProducerHealthCheck healthCheck;
    private final RekognitionVideo2Requests requests;

    public RekognitionVideo2Producer(RekognitionVideo2Endpoint endpoint) {
        super(endpoint);
        this.requests = new RekognitionVideo2Requests(endpoint.getConfiguration());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // health checks are optional: registered when the CamelContext has the producers repository
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new RekognitionVideo2ProducerHealthCheck(getEndpoint(), getEndpoint().getId());
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public RekognitionVideo2Endpoint getEndpoint() {
        return (RekognitionVideo2Endpoint) super.getEndpoint();
    }

    private RekognitionVideo2Configuration configuration() {
        return getEndpoint().getConfiguration();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        RekognitionVideo2Operations operation = determineOperation(message);
        RekognitionRequest request = request(operation, message);
        if (operation.isStart()) {
            start(operation, request, message);
        } else {
            get(operation, request, message);
        }
    }

    private RekognitionVideo2Operations determineOperation(Message message) {
        Object header = message.getHeader(OPERATION);
        return header != null
                ? RekognitionVideo2Operations.fromValue(header, "header " + OPERATION)
                : configuration().getOperation();
    }

    /** The request {@code operation} would send for the message, validated: what the route adds to the call. */
    RekognitionRequest request(RekognitionVideo2Operations operation, Message message) throws InvalidPayloadException {
        return requests.request(operation, message);
    }

    private void start(RekognitionVideo2Operations operation, RekognitionRequest request, Message message)
            throws InterruptedException {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} of {}", operation.apiName(), request.getValueForField("Video", Object.class).orElse(null));
        }
        long startedAt = System.currentTimeMillis();
        RekognitionResponse response = configuration().getConcurrentJobLimit() > 0
                ? startInSlot(operation, request, message, startedAt)
                : startWaitingForService(operation, request);
        String jobId = (String) RekognitionVideo2Analysis.member(response, "JobId");
        getEndpoint().getComponent().jobStarted(configuration().getLabel(), operation.analysis(), jobId);
        if (configuration().getConcurrentJobLimit() <= 0) {
            record(operation, request, message, jobId, startedAt);
        }
        message.setHeader(JOB_ID, jobId);
        message.setBody(response);
    }

    /** Records the job in startedJobsRepository, when there is one and the job notifies its completion. */
    private void record(
            RekognitionVideo2Operations operation, RekognitionRequest request, Message message, String jobId,
            long startedAt) {
        if (configuration().getStartedJobsRepository() != null
                && request.getValueForField("NotificationChannel", Object.class).isPresent()) {
            StartedJobs.record(configuration().getStartedJobsRepository(), getEndpoint().getCamelContext(),
                    operation.analysis(), jobId, startedAt, message.getHeader(TRACEPARENT, String.class));
        }
    }

    /** The Start call, retried while the service refuses it for its quota, for limitExceededWaitTimeout at most. */
    private RekognitionResponse startWaitingForService(RekognitionVideo2Operations operation, RekognitionRequest request) {
        long waitForSlot = configuration().getLimitExceededWaitTimeout();
        try {
            return operation.analysis().start(getEndpoint().getRekognitionClient(),
                    waitForSlot > 0 ? JobSlotWait.waiting(request, waitForSlot) : request);
        } catch (ApiCallTimeoutException e) {
            if (waitForSlot <= 0) {
                throw e;
            }
            throw LimitExceededException.builder().cause(e)
                    .message(operation.apiName() + " was not accepted within limitExceededWaitTimeout (" + waitForSlot
                             + " ms): no job slot freed (the account's quota of concurrent jobs) or the service kept "
                             + "failing; " + e.getMessage())
                    .build();
        }
    }

    /**
     * The Start call in one of concurrentJobLimit's slots ({@link JobSlots}): waits for a free slot, calls the service,
     * records the job, and lets the reservation go. When the service refuses the call for its quota all the same (jobs
     * the repository does not count, such as other applications'), it waits again, a second at least.
     */
    private RekognitionResponse startInSlot(
            RekognitionVideo2Operations operation, RekognitionRequest request, Message message, long startedAt)
            throws InterruptedException {
        if (request.getValueForField("NotificationChannel", Object.class).isEmpty()) {
            throw new RekognitionVideo2ValidationException(
                    "option concurrentJobLimit",
                    "counts a job until its completion is emitted, which needs a notification channel: set snsTopicArn "
                                                 + "and roleArn (options or headers), or leave concurrentJobLimit out");
        }
        int limit = configuration().getConcurrentJobLimit();
        long timeout = configuration().getLimitExceededWaitTimeout();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        JobSlots slots = getEndpoint().getComponent().jobSlots(configuration().getStartedJobsRepository());
        LimitExceededException refused = null;
        while (true) {
            String reservation = slots.reserve(limit, deadline);
            if (reservation == null) {
                throw LimitExceededException.builder().cause(refused)
                        .message(operation.apiName() + " found no free job slot of concurrentJobLimit (" + limit
                                 + ") within limitExceededWaitTimeout (" + timeout + " ms): jobs recorded in "
                                 + "startedJobsRepository, started and not yet emitted, held them all"
                                 + (refused == null ? "" : ", and the service refused the call for its own quota")
                                 + "; no job was started")
                        .build();
            }
            try {
                RekognitionResponse response = operation.analysis().start(getEndpoint().getRekognitionClient(), request);
                record(operation, request, message, (String) RekognitionVideo2Analysis.member(response, "JobId"),
                        startedAt);
                return response;
            } catch (LimitExceededException e) {
                refused = e;
                LOG.debug("{} refused by the service with a slot free of concurrentJobLimit ({}): waiting again",
                        operation.apiName(), limit);
            } finally {
                slots.release(reservation);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw refused;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
        }
    }

    /**
     * One page when the request names a page (MaxResults or NextToken), else every page through the SDK's paginator,
     * their results in one list.
     */
    private void get(RekognitionVideo2Operations operation, RekognitionRequest request, Message message) {
        RekognitionVideo2Analysis analysis = operation.analysis();
        RekognitionClient client = getEndpoint().getRekognitionClient();
        String jobId = request.getValueForField("JobId", String.class).orElseThrow();
        if (request.getValueForField("MaxResults", Integer.class).isPresent()
                || request.getValueForField("NextToken", String.class).isPresent()) {
            RekognitionResponse page = analysis.get(client, request);
            ResultHeaders.setGetResults(message, analysis, jobId, page, analysis.results(page));
            message.setHeader(NEXT_TOKEN, RekognitionVideo2Analysis.member(page, "NextToken"));
        } else {
            RekognitionResponse first = null;
            List<Object> results = new ArrayList<>();
            for (RekognitionResponse page : analysis.pages(client, request)) {
                first = first == null ? page : first;
                results.addAll(analysis.results(page));
            }
            ResultHeaders.setGetResults(message, analysis, jobId, first, results);
            message.removeHeader(NEXT_TOKEN);
        }
    }
}
