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
package io.github.camelrekognition.examples.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the routes take as given, made on the local Rekognition Video: the videos bucket, the results bucket, the SNS
 * topic Rekognition notifies and the completion queue subscribed to it; the Kafka topic; and the properties that point
 * the routes at the local servers and the Kafka broker. On AWS these are made once, by whoever runs the account
 * (docs/aws-setup.md).
 */
public final class LocalInfrastructure {

    public static final String COMPLETION_QUEUE = "faces-to-kafka-completions";
    public static final String TOPIC = "AmazonRekognitionFacesToKafka";

    private LocalInfrastructure() {
    }

    /** Creates the buckets, the topic and the subscribed completion queue on {@code local}. */
    public static void create(LocalRekognitionVideo local) {
        local.s3Client().createBucket(b -> b.bucket("videos"));
        local.s3Client().createBucket(b -> b.bucket("video-results"));
        String topic = local.snsClient().createTopic(b -> b.name(TOPIC)).topicArn();
        String queue = local.sqsClient().createQueue(b -> b.queueName(COMPLETION_QUEUE)).queueUrl();
        String queueArn = local.sqsClient()
                .getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        local.snsClient().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "false")));
    }

    /** Creates the topic of the events on the broker (one partition: the events in the order they were sent). */
    public static void createTopic(String kafkaBrokers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBrokers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    /** Points the routes of {@code main} at {@code local}, the broker and a state folder. */
    public static void configure(Main main, LocalRekognitionVideo local, String kafkaBrokers, Path stateFolder) {
        main.addOverrideProperty("local.rekognition", local.rekognitionEndpoint().toString());
        main.addOverrideProperty("local.sns", local.snsEndpoint().toString());
        main.addOverrideProperty("local.s3", local.s3Endpoint().toString());
        main.addOverrideProperty("local.sqs", local.sqsEndpoint().toString());
        main.addOverrideProperty("completions.queueUrl", local.sqsEndpoint() + "/000000000000/" + COMPLETION_QUEUE);
        main.addOverrideProperty("kafka.brokers", kafkaBrokers);
        main.addOverrideProperty("state.folder", stateFolder.toAbsolutePath().toString());
    }
}
