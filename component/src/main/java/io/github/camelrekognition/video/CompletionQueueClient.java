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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsServiceClientConfiguration;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The SQS client that the composed aws2-sqs consumer reads the completion queue with: the endpoint's client, as it is,
 * but for what a stop does to its thread. Stopping the aws2-sqs consumer interrupts its thread: a long poll in progress
 * then fails with the SDK's {@link AbortedException} (which aws2-sqs logs at ERROR, with its stack), and a delete of a
 * message whose exchanges completed can be cut short (the message comes back and is emitted again). Once the consumer
 * stops, a receive, or one interrupted, answers "no message", a delete is sent even if the thread was interrupted, and
 * the messages received but never processed go back to the queue at once. The calls aws2-sqs makes on a given queue URL
 * are these three; the client is the endpoint's, which closes it.
 */
final class CompletionQueueClient implements SqsClient {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionQueueClient.class);

    private final SqsClient client;
    private final BooleanSupplier stopping;
    /** The receipt handles of the messages received and not yet done with (processed, or failed). */
    private final Set<String> received = ConcurrentHashMap.newKeySet();

    /** @param stopping whether the consumer reading the queue stops */
    CompletionQueueClient(SqsClient client, BooleanSupplier stopping) {
        this.client = client;
        this.stopping = stopping;
    }

    /** The endpoint's client, which every call goes to. */
    SqsClient client() {
        return client;
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        if (stopping.getAsBoolean()) {
            // no message is taken while the consumer stops
            return ReceiveMessageResponse.builder().build();
        }
        try {
            ReceiveMessageResponse response = client.receiveMessage(request);
            response.messages().forEach(message -> received.add(message.receiptHandle()));
            return response;
        } catch (AbortedException e) {
            if (!stopping.getAsBoolean()) {
                throw e;
            }
            LOG.debug("The receive of {} was cut short by the stop of its consumer", request.queueUrl());
            return ReceiveMessageResponse.builder().build();
        }
    }

    @Override
    public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
        // a stop may have interrupted this thread after the message's exchanges completed: the delete still goes out
        boolean interrupted = Thread.interrupted();
        try {
            return client.deleteMessage(request);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The message of {@code receiptHandle} is done with: deleted, or left for its visibility timeout. */
    void done(String receiptHandle) {
        received.remove(receiptHandle);
    }

    /**
     * Returns the messages received and never processed (the rest of a batch when the consumer stopped) to the queue at
     * once, rather than after their visibility timeout; returns how many.
     */
    int returnUnprocessed(String queueUrl) {
        List<String> handles = new ArrayList<>(received);
        received.clear();
        for (int from = 0; from < handles.size(); from += 10) {
            List<String> batch = handles.subList(from, Math.min(handles.size(), from + 10));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(String.valueOf(i))
                        .receiptHandle(batch.get(i)).visibilityTimeout(0).build());
            }
            try {
                client.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                LOG.debug("{} message(s) come back after their visibility timeout instead: {}", batch.size(),
                        e.getMessage());
            }
        }
        return handles.size();
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest request) {
        return client.changeMessageVisibilityBatch(request);
    }

    @Override
    public SqsServiceClientConfiguration serviceClientConfiguration() {
        return client.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return client.serviceName();
    }

    @Override
    public void close() {
        // the endpoint's client: the endpoint closes it
    }
}
