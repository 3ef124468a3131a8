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
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits an exchange when a job completes, reading the completion notifications from the SQS queue subscribed to the SNS
 * topic Rekognition notifies ({@code queueUrl}); beside it, {@link RekognitionVideo2PollingConsumer} polls the Get
 * calls instead.
 * <p>
 * The queue is read by Camel's own aws2-sqs consumer (long polling, concurrent consumers, visibility extension), so a
 * message is deleted only when everything it emitted completed, and comes back after the visibility timeout when the
 * route failed. Each message is parsed and checked ({@link RekognitionVideo2Notification#parse}, with the
 * {@link SnsNotificationVerifier}: SNS signature, topics) and handed to the {@link CompletedJobEmitter}; a message that
 * is not a notification, or not a trusted one, goes to the route's error handler. With {@code reconcileInterval}, the
 * {@link StartedJobsReconciler} emits the jobs whose notification was lost.
 */
public class RekognitionVideo2QueueConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionVideo2QueueConsumer.class);

    private final ResultExchanges exchanges;
    private final CompletedJobEmitter emitter;
    private final WorkInProgress work = new WorkInProgress();
    private Sqs2Endpoint queueEndpoint;
    private ScheduledPollConsumer queueConsumer;
    private CompletionQueueClient queueClient;
    private SnsNotificationVerifier verifier;
    private ScheduledExecutorService reconciliation;

    public RekognitionVideo2QueueConsumer(RekognitionVideo2Endpoint endpoint, Processor processor,
                                          NotificationFilter filter, CompletionClaims claims) {
        super(endpoint, processor);
        this.exchanges = new ResultExchanges(endpoint, this);
        this.emitter = new CompletedJobEmitter(
                endpoint, filter, claims, exchanges,
                endpoint.getConfiguration().getStartedJobsRepository());
    }

    @Override
    public RekognitionVideo2Endpoint getEndpoint() {
        return (RekognitionVideo2Endpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        work.starting();
        RekognitionVideo2ConsumerHealthCheck.register(this, getEndpoint());
        RekognitionVideo2Configuration configuration = getEndpoint().getConfiguration();
        verifier = SnsNotificationVerifier.of(configuration, getEndpoint().getCamelContext());
        Sqs2Configuration queue = new Sqs2Configuration();
        queueClient = new CompletionQueueClient(getEndpoint().getSqsClient(), work::stopping);
        queue.setAmazonSQSClient(queueClient);
        queue.setQueueUrl(configuration.getQueueUrl());
        queue.setAutoCreateQueue(false);
        queue.setWaitTimeSeconds(configuration.getWaitTimeSeconds());
        queue.setConcurrentConsumers(configuration.getConcurrentConsumers());
        queue.setVisibilityTimeout(configuration.getVisibilityTimeout());
        queue.setExtendMessageVisibility(configuration.isExtendMessageVisibility());
        queue.setDeleteAfterRead(true);
        String queueName = configuration.getQueueUrl().substring(configuration.getQueueUrl().lastIndexOf('/') + 1);
        queueEndpoint = new Sqs2Endpoint(
                "aws2-sqs://" + queueName,
                getEndpoint().getCamelContext().getComponent("aws2-sqs", Sqs2Component.class), queue);
        queueEndpoint.setCamelContext(getEndpoint().getCamelContext());
        queueEndpoint.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        // the queue's exchanges run in a unit of work of their own, whose completion deletes or releases the message
        Processor onMessage = PluginHelper.getInternalProcessorFactory(getEndpoint().getCamelContext())
                .addUnitOfWorkProcessorAdvice(getEndpoint().getCamelContext(), this::onMessage, null);
        queueConsumer = (ScheduledPollConsumer) queueEndpoint.createConsumer(onMessage);
        // this endpoint's scheduler options (delay, greedy, backoff*, sendEmptyMessageWhenIdle, ...) and exception
        // handler govern the reading of the queue
        getEndpoint().configureQueueReading(queueConsumer);
        queueConsumer.setExceptionHandler(new QueueExceptionHandler(getExceptionHandler()));
        ServiceHelper.startService(queueEndpoint, queueConsumer);
        if (configuration.getReconcileInterval() > 0) {
            StartedJobsReconciler reconciler = new StartedJobsReconciler(
                    getEndpoint(), emitter, work,
                    this::isRunAllowed, getExceptionHandler());
            reconciliation = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "ReconcileStartedJobs");
            reconciliation.scheduleWithFixedDelay(reconciler, configuration.getReconcileInterval(),
                    configuration.getReconcileInterval(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops gracefully: no message is received any more (one that a receive in progress brings, or that its batch still
     * holds, goes back to the queue at once, unprocessed), the messages in progress finish (their exchanges, then their
     * delete) within the CamelContext's shutdown timeout, and then the reading of the queue stops. When the shutdown
     * strategy forces the stop at its timeout (it interrupts this wait), the reading stops all the same.
     */
    @Override
    protected void doStop() throws Exception {
        work.stop();
        if (reconciliation != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(reconciliation);
            reconciliation = null;
        }
        long timeoutMillis = getEndpoint().getCamelContext().getShutdownStrategy().getTimeUnit()
                .toMillis(getEndpoint().getCamelContext().getShutdownStrategy().getTimeout());
        if (!work.awaitNone(timeoutMillis)) {
            LOG.warn("{} completion message(s) still in progress after the shutdown timeout of {} ms: they were not "
                     + "deleted and come back after the visibility timeout",
                    work.count(), timeoutMillis);
        }
        ServiceHelper.stopAndShutdownServices(queueConsumer, queueEndpoint);
        int returned = queueClient.returnUnprocessed(getEndpoint().getConfiguration().getQueueUrl());
        LOG.debug("Stopped; {} message(s) received and not processed went back to the queue", returned);
        queueConsumer = null;
        queueEndpoint = null;
        super.doStop();
    }

    /** The consumer of Camel's aws2-sqs that reads the completion queue for this consumer. */
    ScheduledPollConsumer queueConsumer() {
        return queueConsumer;
    }

    /** One queue message: its failure leaves the message in the queue. */
    private void onMessage(Exchange queued) throws Exception {
        if (work.stopping()) {
            // received as the consumer stops: it goes back to the queue when the stop is done
            throw new LeftInQueueException("Returned to the queue unprocessed: the consumer stops");
        }
        String receiptHandle = queued.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
        work.begin();
        queued.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public int getOrder() {
                // after the other completions of the message: the delete of aws2-sqs
                return Ordered.LOWEST;
            }

            @Override
            public void onDone(Exchange exchange) {
                if (receiptHandle != null) { // null for the empty exchange of sendEmptyMessageWhenIdle
                    queueClient.done(receiptHandle);
                }
                work.end();
            }
        });
        if (queued.getMessage().getHeader(Sqs2Constants.MESSAGE_ID) == null) {
            // no message: the empty exchange of sendEmptyMessageWhenIdle
            exchanges.emitEmpty();
            return;
        }
        String body = queued.getMessage().getBody(String.class);
        RekognitionVideo2Notification notification;
        try {
            // an IOException (a signing certificate not fetched) fails the message: it is tried again
            notification = RekognitionVideo2Notification.parse(body, verifier);
        } catch (InvalidNotificationException e) {
            getEndpoint().getComponent().metrics().refused(e);
            Map<String, Object> headers = new HashMap<>();
            headers.put(Sqs2Constants.MESSAGE_ID, queued.getMessage().getHeader(Sqs2Constants.MESSAGE_ID));
            headers.put(Sqs2Constants.ATTRIBUTES, queued.getMessage().getHeader(Sqs2Constants.ATTRIBUTES));
            exchanges.emitInvalid(body, headers, e);
            return;
        }
        switch (emitter.emit(notification)) {
            case CLAIMED_ELSEWHERE -> throw new LeftInQueueException(
                    "Left in the queue: the completion "
                                                                     + CompletionClaims.key(notification)
                                                                     + " is being emitted by another consumer (its claim in "
                                                                     + "inProgressRepository)");
            case NOT_TAKEN -> {
                if (!getEndpoint().getConfiguration().isDeleteIfFiltered()) {
                    // leave it in the queue for the consumers it is meant for
                    throw new FilteredNotificationException(notification);
                }
            }
            default -> {
                // emitted, now or before: the message is deleted
            }
        }
    }

    /** Fails the queue exchange of a message this consumer leaves in the queue on purpose: not an error. */
    static class LeftInQueueException extends Exception {
        private static final long serialVersionUID = 1L;

        LeftInQueueException(String message) {
            super(message, null, false, false);
        }
    }

    /** Keeps a notification this consumer does not take in the queue, when deleteIfFiltered is false. */
    static final class FilteredNotificationException extends LeftInQueueException {
        private static final long serialVersionUID = 1L;

        FilteredNotificationException(RekognitionVideo2Notification notification) {
            super("Left in the queue: the notification of job " + notification.jobId() + " (API " + notification.api()
                  + ", job tag " + notification.jobTag() + ") is not for this consumer");
        }
    }

    /**
     * The exception handler of the queue reading: this consumer's, except for the messages left in the queue on purpose
     * (filtered, or returned as the consumer stops), which are logged at DEBUG.
     */
    private record QueueExceptionHandler(ExceptionHandler handler) implements ExceptionHandler {

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            if (exception instanceof LeftInQueueException) {
                LOG.debug("{}", exception.getMessage());
            } else {
                handler.handleException(message, exchange, exception);
            }
        }
    }
}
