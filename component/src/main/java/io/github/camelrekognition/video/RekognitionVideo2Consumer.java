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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits an exchange when a job completes, reading the completion notifications from the SQS queue subscribed to
 * the SNS topic Rekognition notifies ({@code queueUrl}).
 * <p>
 * The queue is read by Camel's own aws2-sqs consumer (long polling, concurrent consumers, visibility extension), so a
 * message is deleted only when everything it emitted completed, and comes back after the visibility timeout when the
 * route failed. Each message is parsed (SNS envelope or raw), checked by the {@link SnsNotificationVerifier} (SNS
 * signature, topics) and handed to the {@link CompletedJobEmitter}; a message that is not a notification, or not a
 * trusted one, goes to the route's error handler.
 */
public class RekognitionVideo2Consumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionVideo2Consumer.class);

    private final CompletedJobEmitter emitter;
    private Sqs2Endpoint queueEndpoint;
    private ScheduledPollConsumer queueConsumer;
    private CompletionQueueClient queueClient;
    private SnsNotificationVerifier verifier;
    private ScheduledExecutorService reconciliation;
    /** Set when this consumer starts to stop: a message that arrives then goes back to the queue unprocessed. */
    private volatile boolean stopping;
    /** The queue messages being processed: their exchanges, then their delete. */
    private final AtomicInteger inProgress = new AtomicInteger();

    public RekognitionVideo2Consumer(RekognitionVideo2Endpoint endpoint, Processor processor,
                                     IdempotentRepository repository, IdempotentRepository inProgressRepository) {
        super(endpoint, processor);
        this.emitter = new CompletedJobEmitter(endpoint, this, repository, inProgressRepository);
    }

    @Override
    public RekognitionVideo2Endpoint getEndpoint() {
        return (RekognitionVideo2Endpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stopping = false;
        RekognitionVideo2ConsumerHealthCheck.register(this, getEndpoint());
        RekognitionVideo2Configuration configuration = getEndpoint().getConfiguration();
        verifier = SnsNotificationVerifier.of(configuration, getEndpoint().getCamelContext());
        Sqs2Configuration queue = new Sqs2Configuration();
        queueClient = new CompletionQueueClient(getEndpoint().getSqsClient(), () -> stopping);
        queue.setAmazonSQSClient(queueClient);
        queue.setQueueUrl(configuration.getQueueUrl());
        queue.setAutoCreateQueue(false);
        queue.setWaitTimeSeconds(configuration.getWaitTimeSeconds());
        queue.setConcurrentConsumers(configuration.getConcurrentConsumers());
        queue.setVisibilityTimeout(configuration.getVisibilityTimeout());
        queue.setExtendMessageVisibility(configuration.isExtendMessageVisibility());
        queue.setDeleteAfterRead(true);
        String queueName = configuration.getQueueUrl().substring(configuration.getQueueUrl().lastIndexOf('/') + 1);
        queueEndpoint = new Sqs2Endpoint("aws2-sqs://" + queueName,
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
            reconciliation = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "ReconcileStartedJobs");
            reconciliation.scheduleWithFixedDelay(this::reconcile, configuration.getReconcileInterval(),
                    configuration.getReconcileInterval(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops gracefully: no message is received any more (one that a receive in progress brings, or that its batch
     * still holds, goes back to the queue at once, unprocessed), the messages in progress finish (their exchanges, then
     * their delete) within the CamelContext's shutdown timeout, and then the reading of the queue stops. When the
     * shutdown strategy forces the stop at its timeout (it interrupts this wait), the reading stops all the same.
     */
    @Override
    protected void doStop() throws Exception {
        stopping = true;
        if (reconciliation != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(reconciliation);
            reconciliation = null;
        }
        long timeoutMillis = getEndpoint().getCamelContext().getShutdownStrategy().getTimeUnit()
                .toMillis(getEndpoint().getCamelContext().getShutdownStrategy().getTimeout());
        if (!awaitNoneInProgress(timeoutMillis)) {
            LOG.warn("{} completion message(s) still in progress after the shutdown timeout of {} ms: they were not "
                     + "deleted and come back after the visibility timeout",
                    inProgress.get(), timeoutMillis);
        }
        ServiceHelper.stopAndShutdownServices(queueConsumer, queueEndpoint);
        int returned = queueClient.returnUnprocessed(getEndpoint().getConfiguration().getQueueUrl());
        LOG.debug("Stopped; {} message(s) received and not processed went back to the queue", returned);
        queueConsumer = null;
        queueEndpoint = null;
        super.doStop();
    }

    /** Whether no message is in progress any more within {@code timeoutMillis}, or before an interruption. */
    private boolean awaitNoneInProgress(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (inProgress) {
            try {
                while (inProgress.get() > 0 && System.currentTimeMillis() < deadline) {
                    inProgress.wait(Math.max(1, deadline - System.currentTimeMillis()));
                }
            } catch (InterruptedException e) {
                // the shutdown strategy forces the stop: stop the reading now, and keep the interruption
                Thread.currentThread().interrupt();
            }
            return inProgress.get() == 0;
        }
    }

    /** One piece of work in progress (a queue message, a reconciled job) is done: wakes a stop that waits for them. */
    private void finished() {
        synchronized (inProgress) {
            inProgress.decrementAndGet();
            inProgress.notifyAll();
        }
    }

    /** Strikes an emitted job off the started jobs, when they are kept. */
    private void strikeOff(String jobId) {
        AggregationRepository started = getEndpoint().getConfiguration().getStartedJobsRepository();
        if (started != null) {
            StartedJobs.strike(started, getEndpoint().getCamelContext(), jobId);
        }
    }

    /**
     * Reconciliation: the started jobs due (started reconcileAfter ago or more, no notification since) are checked
     * with the Get call of their analysis; the completed ones are emitted as if their notification had come (once,
     * whichever instance does it: the emitter's repositories) and struck off.
     */
    private void reconcile() {
        RekognitionVideo2Configuration configuration = getEndpoint().getConfiguration();
        List<StartedJobs.Started> due;
        try {
            due = StartedJobs.due(configuration.getStartedJobsRepository(), getEndpoint().getCamelContext(),
                    System.currentTimeMillis(), configuration.getReconcileAfter());
        } catch (Exception e) {
            getExceptionHandler().handleException("Reading the started jobs to reconcile failed; will retry", e);
            return;
        }
        for (StartedJobs.Started job : due) {
            if (stopping || !isRunAllowed()) {
                return;
            }
            if (!getEndpoint().takes(job.analysis())) {
                continue; // a job of an analysis another consumer takes (notificationApi): no Get call for it here
            }
            inProgress.incrementAndGet();
            try {
                RekognitionVideo2Notification notification = RekognitionVideo2Notification.ofGet(job.analysis(),
                        job.jobId(), job.analysis().get(getEndpoint().getRekognitionClient(), job.jobId(), 1),
                        System.currentTimeMillis());
                if (notification != null && emitter.accepts(notification)) {
                    LOG.info("Reconciling job {} ({}): {} without a notification since {}", job.jobId(),
                            job.analysis().startApi(), notification.status(),
                            java.time.Instant.ofEpochMilli(job.startedAt()));
                    emitter.emit(notification);
                    strikeOff(job.jobId());
                }
            } catch (LeftInQueueException e) {
                LOG.debug("{}", e.getMessage()); // another instance emits it
            } catch (Exception e) {
                getExceptionHandler().handleException("Reconciling job " + job.jobId() + " failed; will retry", e);
            } finally {
                finished();
            }
        }
    }

    /** The consumer of Camel's aws2-sqs that reads the completion queue for this consumer. */
    ScheduledPollConsumer queueConsumer() {
        return queueConsumer;
    }

    /** One queue message: its failure leaves the message in the queue. */
    private void onMessage(Exchange queued) throws Exception {
        if (stopping) {
            // received as the consumer stops: it goes back to the queue when the stop is done
            throw new LeftInQueueException("Returned to the queue unprocessed: the consumer stops");
        }
        String receiptHandle = queued.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
        inProgress.incrementAndGet();
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
                finished();
            }
        });
        if (queued.getMessage().getHeader(Sqs2Constants.MESSAGE_ID) == null) {
            // no message: the empty exchange of sendEmptyMessageWhenIdle
            emitter.emitEmpty();
            return;
        }
        String body = queued.getMessage().getBody(String.class);
        RekognitionVideo2Notification notification;
        try {
            // an IOException (a signing certificate not fetched) fails the message: it is tried again
            notification = RekognitionVideo2Notification.parse(body, verifier);
        } catch (InvalidNotificationException e) {
            Map<String, Object> headers = new HashMap<>();
            headers.put(Sqs2Constants.MESSAGE_ID, queued.getMessage().getHeader(Sqs2Constants.MESSAGE_ID));
            headers.put(Sqs2Constants.ATTRIBUTES, queued.getMessage().getHeader(Sqs2Constants.ATTRIBUTES));
            emitter.emitInvalid(body, headers, e);
            return;
        }
        if (emitter.accepts(notification)) {
            emitter.emit(notification);
            strikeOff(notification.jobId());
        } else if (!getEndpoint().getConfiguration().isDeleteIfFiltered()) {
            // leave it in the queue for the consumers it is meant for
            throw new FilteredNotificationException(notification);
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
     * The exception handler of the queue reading: this consumer's, except for the messages left in the queue on
     * purpose (filtered, or returned as the consumer stops), which are logged at DEBUG.
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
