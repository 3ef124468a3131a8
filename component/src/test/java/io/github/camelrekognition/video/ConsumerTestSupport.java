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

import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;

/**
 * Consumers against the local Rekognition Video: jobs started by the producer notify the SNS topic of the local server,
 * which delivers to SQS queues of the embedded ElasticMQ that the consumers read.
 */
abstract class ConsumerTestSupport extends CamelTestSupport {

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();

    static String topicArn;
    static int queues;

    @BeforeAll
    static void videosAndTopic() {
        LocalRekognitionVideo server = local.get();
        server.s3Client().createBucket(b -> b.bucket("videos"));
        server.s3Client().putObject(b -> b.bucket("videos").key("clear.mp4"),
                RequestBody.fromFile(SampleVideos.clearFrontal()));
        server.s3Client().putObject(b -> b.bucket("videos").key("empty.mp4"), RequestBody.fromFile(SampleVideos.noFace()));
        server.s3Client().putObject(b -> b.bucket("videos").key("text.mp4"), RequestBody.fromFile(SampleVideos.notAVideo()));
        topicArn = server.snsClient().createTopic(b -> b.name("AmazonRekognitionFaces")).topicArn();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = RekognitionVideo2TestSupport.pointAt(super.createCamelContext(),
                local.get().rekognitionEndpoint(), local.get().region());
        // the local SNS signs with a key of its own, trusted explicitly
        context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                .setSnsSigningCertificate(local.get().snsSigningCertificate().toString());
        return context;
    }

    /** A new queue subscribed to the topic; returns its URL. */
    static String subscribedQueue(boolean raw) {
        return subscribedQueue(raw, topicArn);
    }

    /** A new queue subscribed to {@code topics}; returns its URL. */
    static synchronized String subscribedQueue(boolean raw, String... topics) {
        LocalRekognitionVideo server = local.get();
        String url = server.sqsClient().createQueue(b -> b.queueName("completions-" + (++queues))).queueUrl();
        String arn = server.sqsClient().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        for (String topic : topics) {
            server.snsClient().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn)
                    .attributes(Map.of("RawMessageDelivery", String.valueOf(raw))));
        }
        return url;
    }

    /** The consumer URI of a queue, with more options. */
    static String consumer(String queueUrl, String options) {
        return "aws2-rekognition-video:faces?queueUrl=" + queueUrl + "&sqsUriEndpointOverride="
               + local.get().sqsEndpoint() + "&waitTimeSeconds=1" + (options.isEmpty() ? "" : "&" + options);
    }

    /** Starts a job on {@code key} that notifies the topic; returns its id. */
    String startJob(String key, String jobTag) {
        return startJob(key, jobTag, topicArn);
    }

    /** Starts a job on {@code key} that notifies {@code topic}; returns its id. */
    String startJob(String key, String jobTag, String topic) {
        org.apache.camel.Exchange started = template.request("aws2-rekognition-video:faces?bucketName=videos",
                e -> e.getMessage().setHeaders(new HashMap<>(
                        Map.of(OBJECT_KEY, key, JOB_TAG, jobTag,
                                SNS_TOPIC_ARN, topic, ROLE_ARN, local.get().roleArn("RekognitionPublishToSns")))));
        if (started.getException() != null) {
            throw new AssertionError("the job did not start", started.getException());
        }
        return started.getMessage().getHeader(JOB_ID, String.class);
    }

    /** Messages visible or in flight on a queue. */
    static int messagesIn(String queueUrl) {
        return messagesIn(local.get().sqsClient(), queueUrl);
    }

    /** Messages visible or in flight on a queue of {@code sqs}. */
    static int messagesIn(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
               + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
