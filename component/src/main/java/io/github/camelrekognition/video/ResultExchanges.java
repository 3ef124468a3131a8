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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.support.DefaultConsumer;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.RekognitionResponse;
import software.amazon.awssdk.services.rekognition.model.VideoMetadata;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.TRACEPARENT;

/**
 * Hands a consumer's exchanges to its route: those of a completed job, as the {@code resultMode} says (the
 * notification; its results fetched through every page of the Get call of its analysis, in one exchange, one per page
 * or one per result; or, for a job that did not succeed, its status with no body), and the consumer's other exchanges.
 * Results too large for a message are stored first, and referenced ({@link LargeResults}). An exchange the route fails
 * (and does not handle) stops the emission: its exception is thrown.
 */
final class ResultExchanges {

    private final RekognitionVideo2Endpoint endpoint;
    private final DefaultConsumer consumer;

    ResultExchanges(RekognitionVideo2Endpoint endpoint, DefaultConsumer consumer) {
        this.endpoint = endpoint;
        this.consumer = consumer;
    }

    /**
     * Emits the exchanges of a completed job of {@code analysis}.
     *
     * @return           the duration of the analysed video in milliseconds, as the Get call says, or null when the job
     *                   did not succeed or its results were not fetched ({@code notification} mode)
     * @throws Exception the failure of an exchange the route did not handle
     */
    Long emit(RekognitionVideo2Analysis analysis, RekognitionVideo2Notification notification, String traceparent)
            throws Exception {
        if (endpoint.getConfiguration().getResultMode() == RekognitionVideo2ResultMode.notification) {
            Exchange exchange = exchange(notification, traceparent, null, null);
            exchange.getMessage().setBody(notification);
            process(exchange);
            return null;
        } else if (!notification.succeeded()) {
            emitFailure(analysis, notification, traceparent);
            return null;
        } else {
            return emitResults(analysis, notification, traceparent);
        }
    }

    /** The duration of the video of a Get response's metadata (for segments, its first video), or null. */
    private static Long videoMillis(ResultHeaders.Response response) {
        Object metadata = response.videoMetadata();
        if (metadata instanceof List<?> list && !list.isEmpty()) {
            metadata = list.get(0);
        }
        return metadata instanceof VideoMetadata video ? video.durationMillis() : null;
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

    private void emitFailure(
            RekognitionVideo2Analysis analysis, RekognitionVideo2Notification notification, String traceparent)
            throws Exception {
        RekognitionResponse response;
        try {
            // the reason: the StatusMessage of the Get call, for FAILED and ERROR alike
            response = analysis.get(endpoint.getRekognitionClient(), notification.jobId(), 1);
        } catch (RekognitionException e) {
            if (!"ERROR".equals(notification.status()) || e.statusCode() >= 500) {
                throw e;
            }
            // a job the service ended in ERROR may have nothing to Get: its status alone is emitted
            response = null;
        }
        Exchange exchange
                = exchange(notification, traceparent, response == null ? null : ResultHeaders.Response.of(response), null);
        exchange.getMessage().setBody(null);
        process(exchange);
    }

    private Long emitResults(
            RekognitionVideo2Analysis analysis, RekognitionVideo2Notification notification, String traceparent)
            throws Exception {
        RekognitionVideo2Configuration configuration = endpoint.getConfiguration();
        LargeResults largeResults = LargeResults.of(endpoint);
        Iterator<? extends RekognitionResponse> pages = analysis.pages(endpoint.getRekognitionClient(),
                analysis.getRequest(notification.jobId(), configuration.getMaxResults())).iterator();
        switch (configuration.getResultMode()) {
            case page -> {
                Long videoMillis = null;
                for (int index = 0; pages.hasNext(); index++) {
                    RekognitionResponse page = pages.next();
                    ResultHeaders.Response response = ResultHeaders.Response.of(page);
                    if (index == 0) {
                        videoMillis = videoMillis(response);
                    }
                    Exchange exchange = exchange(notification, traceparent, response, "page-" + index);
                    ResultHeaders.setResults(exchange.getMessage(), analysis, analysis.results(page));
                    exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
                    exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, !pages.hasNext());
                    storeIfLarge(largeResults, exchange, notification, "page-" + index);
                    process(exchange);
                }
                return videoMillis;
            }
            case item -> {
                // streamed: one page in memory, and the next one read ahead to know which result is the last
                RekognitionResponse first = pages.next();
                ResultHeaders.Response headers = ResultHeaders.Response.of(first);
                List<?> page = analysis.results(first).isEmpty() ? nextResults(analysis, pages) : analysis.results(first);
                int index = 0;
                while (page != null) {
                    List<?> next = null;
                    for (int i = 0; i < page.size(); i++) {
                        if (i == page.size() - 1) {
                            next = nextResults(analysis, pages);
                        }
                        emitItem(analysis, notification, traceparent, headers, page.get(i), index++,
                                i == page.size() - 1 && next == null, largeResults);
                    }
                    page = next;
                }
                return videoMillis(headers);
            }
            default -> {
                RekognitionResponse first = pages.next();
                List<Object> results = new ArrayList<>(analysis.results(first));
                pages.forEachRemaining(page -> results.addAll(analysis.results(page)));
                ResultHeaders.Response response = ResultHeaders.Response.of(first);
                Exchange exchange = exchange(notification, traceparent, response, null);
                ResultHeaders.setResults(exchange.getMessage(), analysis, results);
                storeIfLarge(largeResults, exchange, notification, null);
                process(exchange);
                return videoMillis(response);
            }
        }
    }

    private static void storeIfLarge(
            LargeResults largeResults, Exchange exchange, RekognitionVideo2Notification notification, String part) {
        if (largeResults != null) {
            largeResults.storeIfLarge(exchange.getMessage(), notification, part);
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
            RekognitionVideo2Analysis analysis, RekognitionVideo2Notification notification, String traceparent,
            ResultHeaders.Response headers, Object result, int index, boolean last, LargeResults largeResults)
            throws Exception {
        Exchange exchange = exchange(notification, traceparent, headers, "item-" + index);
        exchange.getMessage().setBody(result);
        ResultHeaders.setResultCount(exchange.getMessage(), analysis, 1);
        exchange.setProperty(ExchangePropertyKey.SPLIT_INDEX, index);
        exchange.setProperty(ExchangePropertyKey.SPLIT_COMPLETE, last);
        exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
        exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, last);
        if (last) {
            exchange.setProperty(ExchangePropertyKey.SPLIT_SIZE, index + 1);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, index + 1);
        }
        storeIfLarge(largeResults, exchange, notification, "item-" + index);
        process(exchange);
    }

    /**
     * @param traceparent the W3C trace context the exchange continues, or null
     * @param response    the headers of the Get response the exchange's results come from, or null
     * @param part        the part of the job the exchange carries, or null for the whole job
     */
    private Exchange exchange(
            RekognitionVideo2Notification notification, String traceparent, ResultHeaders.Response response,
            String part) {
        Exchange exchange = consumer.createExchange(false);
        ResultHeaders.setCompletion(exchange.getMessage(), notification);
        ResultHeaders.setMessageId(exchange.getMessage(), notification, part);
        if (traceparent != null) {
            exchange.getMessage().setHeader(TRACEPARENT, traceparent);
        }
        if (response != null) {
            response.setOn(exchange.getMessage());
        }
        return exchange;
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
