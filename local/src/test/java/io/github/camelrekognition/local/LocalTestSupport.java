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
package io.github.camelrekognition.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Helpers shared by the tests of the local server: upload, wait for a job, read a queue. */
final class LocalTestSupport {

    private LocalTestSupport() {
    }

    static void upload(LocalRekognitionVideo local, String bucket, String key, Path file) {
        local.s3Client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    /** Polls GetFaceDetection until the job leaves IN_PROGRESS; returns the first page of the final state. */
    static GetFaceDetectionResponse awaitJob(RekognitionClient client, String jobId, Duration timeout)
            throws InterruptedException {
        return awaitJob(() -> client.getFaceDetection(b -> b.jobId(jobId)), GetFaceDetectionResponse::jobStatus,
                timeout);
    }

    /** Makes the Get call {@code get} until the job's status leaves IN_PROGRESS; returns the last answer. */
    static <R> R awaitJob(Supplier<R> get, Function<R, VideoJobStatus> status, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            R response = get.get();
            if (status.apply(response) != VideoJobStatus.IN_PROGRESS) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job still IN_PROGRESS after " + timeout + ": " + response);
            }
            Thread.sleep(100);
        }
    }

    /** Every message that arrives on {@code queueUrl} within {@code wait}, deleted as read. */
    static List<Message> drain(SqsClient sqs, String queueUrl, Duration wait) {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            for (Message message : batch) {
                messages.add(message);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return messages;
    }
}
