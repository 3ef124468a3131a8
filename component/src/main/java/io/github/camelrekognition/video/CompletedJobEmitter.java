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

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rekognition.model.RekognitionResponse;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;

/**
 * Turns a completed job into the consumer's exchanges, the same way for both consumers (SQS and polling): the
 * notification is filtered (API, job tag), dropped when its job id and status were emitted already (the idempotent
 * repository), and the results are fetched through every page of the Get call of the notification's analysis (its API
 * field) and emitted as the result mode says.
 * An exchange the route fails (and does not handle) stops the emission and fails the notification, so that it comes
 * back; its key is removed from the repository.
 * <p>
 * With an in-progress repository (consumers of several instances), a job is claimed there before it is emitted and
 * recorded in the idempotent repository only once its exchanges completed: a notification of a job done is dropped, one
 * of a job another instance is emitting is left in the queue, and a claim of an instance that died expires (the
 * repository's work), so that its job is emitted by another.
 */
final class CompletedJobEmitter {

    private static final Logger LOG = LoggerFactory.getLogger(CompletedJobEmitter.class);

    private final RekognitionVideo2Endpoint endpoint;
    private final DefaultConsumer consumer;
    private final IdempotentRepository repository;
    private final IdempotentRepository inProgress;

    CompletedJobEmitter(RekognitionVideo2Endpoint endpoint, DefaultConsumer consumer, IdempotentRepository repository,
                        IdempotentRepository inProgress) {
        this.endpoint = endpoint;
        this.consumer = consumer;
        this.repository = repository;
        this.inProgress = inProgress;
    }

    private RekognitionVideo2Configuration configuration() {
        return endpoint.getConfiguration();
    }

    /** Whether this consumer takes the notification: its analysis is one of notificationApi, and the job tag matches. */
    boolean accepts(RekognitionVideo2Notification notification) {
        String tag = configuration().getJobTag();
        return endpoint.takes(RekognitionVideo2Analysis.ofStartApi(notification.api()))
                && (tag == null || tag.equals(notification.jobTag()));
    }

    /**
     * Emits the exchanges of a completed job, unless it was emitted already.
     *
     * @throws Exception the failure of an exchange the route did not handle
     */
    void emit(RekognitionVideo2Notification notification) throws Exception {
        String key = notification.jobId() + ":" + notification.status();
        if (inProgress != null) {
            emitClaimed(notification, key);
            return;
        }
        if (!repository.add(key)) {
            LOG.debug("Dropping the duplicate completion {}", key);
            return;
        }
        try {
            emitExchanges(notification);
            repository.confirm(key);
        } catch (Exception e) {
            repository.remove(key);
            throw e;
        }
    }

    /** Emits a job claimed in the in-progress repository, and records it as done once its exchanges completed. */
    private void emitClaimed(RekognitionVideo2Notification notification, String key) throws Exception {
        if (repository.contains(key)) {
            LOG.debug("Dropping the duplicate completion {}", key);
            // a claim of a job done has nothing left to guard: let go one that an instance which died between recording
            // the job and letting its claim go left behind
            inProgress.remove(key);
            return;
        }
        if (!claim(key)) {
            throw new RekognitionVideo2Consumer.LeftInQueueException("Left in the queue: the completion " + key
                                                                     + " is being emitted by another consumer (its "
                                                                     + "claim in inProgressRepository)");
        }
        try {
            if (repository.contains(key)) { // done between the check and the claim
                LOG.debug("Dropping the duplicate completion {}", key);
                inProgress.remove(key);
                return;
            }
            emitExchanges(notification);
            // recorded as done before the claim is let go: a duplicate always finds one of the two
            repository.add(key);
            repository.confirm(key);
            inProgress.remove(key);
        } catch (Exception e) {
            inProgress.remove(key);
            throw e;
        }
    }

    /**
     * Claims a job in the in-progress repository. A database that refuses the claim because another instance made it
     * at the same moment (SQLSTATE class 23, an integrity constraint, or 40001, a serialization failure) means the same
     * as a claim found there: not claimed.
     */
    private boolean claim(String key) {
        try {
            return inProgress.add(key);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || "40001".equals(sql.getSQLState()))) {
                    LOG.debug("The claim of {} went to another instance: {}", key, sql.getMessage());
                    return false;
                }
            }
            throw e;
        }
    }

    private void emitExchanges(RekognitionVideo2Notification notification) throws Exception {
        RekognitionVideo2Analysis analysis = RekognitionVideo2Analysis.ofStartApi(notification.api());
        if (configuration().getResultMode() == RekognitionVideo2ResultMode.notification) {
            Exchange exchange = exchange(notification, null);
            exchange.getMessage().setBody(notification);
            process(exchange);
        } else if (!notification.succeeded()) {
            emitFailure(analysis, notification);
        } else {
            emitResults(analysis, notification);
        }
    }

    /**
     * Hands a message that is not a notification to the route's error handler, body and headers as they arrived.
     *
     * @throws Exception when the route does not handle it
     */
    void emitInvalid(Object body, Map<String, Object> headers, InvalidNotificationException error) throws Exception {
        Exchange exchange = consumer.createExchange(false);
        exchange.getMessage().setBody(body);
        exchange.getMessage().getHeaders().putAll(headers);
        exchange.setException(error);
        process(exchange);
    }

    /** The exchange of {@code sendEmptyMessageWhenIdle}: a poll found no completion; no body, no headers. */
    void emitEmpty() throws Exception {
        process(consumer.createExchange(false));
    }

    private void emitFailure(RekognitionVideo2Analysis analysis, RekognitionVideo2Notification notification)
            throws Exception {
        RekognitionResponse response = "FAILED".equals(notification.status())
                ? analysis.get(endpoint.getRekognitionClient(), notification.jobId(), 1)
                : null;
        Exchange exchange = exchange(notification, response);
        exchange.getMessage().setBody(null);
        process(exchange);
    }

    private void emitResults(RekognitionVideo2Analysis analysis, RekognitionVideo2Notification notification)
            throws Exception {
        Iterator<? extends RekognitionResponse> pages = analysis.pages(endpoint.getRekognitionClient(),
                analysis.getRequest(notification.jobId(), configuration().getMaxResults())).iterator();
        switch (configuration().getResultMode()) {
            case page -> {
                for (int index = 0; pages.hasNext(); index++) {
                    RekognitionResponse page = pages.next();
                    Exchange exchange = exchange(notification, page);
                    setResults(exchange.getMessage(), analysis, analysis.results(page));
                    exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
                    exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, !pages.hasNext());
                    process(exchange);
                }
            }
            case item -> {
                // streamed: one page in memory, and the next one read ahead to know which result is the last
                RekognitionResponse first = pages.next();
                List<?> page = analysis.results(first).isEmpty() ? nextResults(analysis, pages) : analysis.results(first);
                int index = 0;
                while (page != null) {
                    List<?> next = null;
                    for (int i = 0; i < page.size(); i++) {
                        if (i == page.size() - 1) {
                            next = nextResults(analysis, pages);
                        }
                        emitItem(analysis, notification, first, page.get(i), index++,
                                i == page.size() - 1 && next == null);
                    }
                    page = next;
                }
            }
            default -> {
                RekognitionResponse first = pages.next();
                List<Object> results = new ArrayList<>(analysis.results(first));
                pages.forEachRemaining(page -> results.addAll(analysis.results(page)));
                Exchange exchange = exchange(notification, first);
                setResults(exchange.getMessage(), analysis, results);
                process(exchange);
            }
        }
    }

    /** The results of the next page that has some, or null when there is none. */
    private static List<?> nextResults(
            RekognitionVideo2Analysis analysis, Iterator<? extends RekognitionResponse> pages) {
        while (pages.hasNext()) {
            List<?> results = analysis.results(pages.next());
            if (!results.isEmpty()) {
                return results;
            }
        }
        return null;
    }

    /**
     * One result of {@code item} mode. As for Camel's streaming splitter, the size is known, and set, on the last
     * exchange only.
     */
    private void emitItem(
            RekognitionVideo2Analysis analysis, RekognitionVideo2Notification notification, RekognitionResponse first,
            Object result, int index, boolean last)
            throws Exception {
        Exchange exchange = exchange(notification, first);
        exchange.getMessage().setBody(result);
        RekognitionVideo2Producer.setResultCount(exchange.getMessage(), analysis, 1);
        exchange.setProperty(ExchangePropertyKey.SPLIT_INDEX, index);
        exchange.setProperty(ExchangePropertyKey.SPLIT_COMPLETE, last);
        exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
        exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, last);
        if (last) {
            exchange.setProperty(ExchangePropertyKey.SPLIT_SIZE, index + 1);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, index + 1);
        }
        process(exchange);
    }

    private Exchange exchange(RekognitionVideo2Notification notification, RekognitionResponse response) {
        Exchange exchange = consumer.createExchange(false);
        Message message = exchange.getMessage();
        message.setHeader(JOB_ID, notification.jobId());
        message.setHeader(JOB_STATUS, notification.status());
        message.setHeader(API, notification.api());
        message.setHeader(JOB_TAG, notification.jobTag());
        message.setHeader(BUCKET_NAME, notification.s3Bucket());
        message.setHeader(OBJECT_KEY, notification.s3ObjectName());
        message.setHeader(COMPLETION_TIMESTAMP, notification.timestamp());
        if (response != null) {
            message.setHeader(STATUS_MESSAGE, RekognitionVideo2Analysis.member(response, "StatusMessage"));
            message.setHeader(VIDEO_METADATA, RekognitionVideo2Analysis.member(response, "VideoMetadata"));
        }
        return exchange;
    }

    private static void setResults(Message message, RekognitionVideo2Analysis analysis, List<?> results) {
        message.setBody(results);
        RekognitionVideo2Producer.setResultCount(message, analysis, results.size());
    }

    private void process(Exchange exchange) throws Exception {
        try {
            consumer.getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }
}
