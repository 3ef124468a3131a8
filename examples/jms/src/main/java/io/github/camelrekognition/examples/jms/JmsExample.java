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
package io.github.camelrekognition.examples.jms;

import java.util.Map;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.SampleVideos;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.main.Main;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Runs the example with nothing installed: the local Rekognition Video and an embedded ActiveMQ broker on free loopback
 * ports, the bucket, topic and queue, and the routes of camel/faces-to-jms.camel.yaml with Camel Main. A sample video
 * with two faces is put in the bucket; each face of its job reaches the JMS queue as a CloudEvent, and a plain JMS
 * consumer prints their ids. Runs until stopped (Ctrl-C), or for CAMEL_MAIN_DURATIONMAXSECONDS.
 *
 * <pre>
 * mvn -B -q -pl examples/jms -am package -DskipTests exec:exec@jms
 * </pre>
 */
public final class JmsExample {

    public static final String COMPLETION_QUEUE = "faces-to-jms-completions";
    public static final String TOPIC = "AmazonRekognitionFacesToJms";

    private JmsExample() {
    }

    /** An ActiveMQ broker on a free loopback port, its messages in memory. */
    public static BrokerService broker() throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName("faces");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.addConnector("tcp://127.0.0.1:0");
        broker.start();
        broker.waitUntilStarted();
        return broker;
    }

    /** The broker's URL for clients. */
    public static String brokerUrl(BrokerService broker) throws Exception {
        return broker.getTransportConnectors().get(0).getPublishableConnectString();
    }

    /**
     * What the routes take as given, made on the local Rekognition Video: the videos bucket, the SNS topic Rekognition
     * notifies and the completion queue subscribed to it. On AWS they are made once (docs/aws-setup.md).
     */
    public static void createInfrastructure(LocalRekognitionVideo local) {
        local.s3Client().createBucket(b -> b.bucket("videos"));
        String topic = local.snsClient().createTopic(b -> b.name(TOPIC)).topicArn();
        String queue = local.sqsClient().createQueue(b -> b.queueName(COMPLETION_QUEUE)).queueUrl();
        String queueArn = local.sqsClient()
                .getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        local.snsClient().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "false")));
    }

    /** Points the routes of {@code main} at {@code local} and the broker. */
    public static void configure(Main main, LocalRekognitionVideo local, String brokerUrl) {
        main.addOverrideProperty("local.rekognition", local.rekognitionEndpoint().toString());
        main.addOverrideProperty("local.sns", local.snsEndpoint().toString());
        main.addOverrideProperty("local.s3", local.s3Endpoint().toString());
        main.addOverrideProperty("local.sqs", local.sqsEndpoint().toString());
        main.addOverrideProperty("completions.queueUrl", local.sqsEndpoint() + "/000000000000/" + COMPLETION_QUEUE);
        main.addOverrideProperty("jms.brokerUrl", brokerUrl);
    }

    public static void main(String[] args) throws Exception {
        BrokerService broker = broker();
        try (LocalRekognitionVideo local = LocalRekognitionVideo.builder().start();
             Connection connection = new ActiveMQConnectionFactory(brokerUrl(broker)).createConnection()) {
            System.out.println("ActiveMQ on " + brokerUrl(broker) + ", local Rekognition Video on "
                               + local.rekognitionEndpoint());
            createInfrastructure(local);
            local.s3Client().putObject(b -> b.bucket("videos").key("door-cam/clear-frontal.mp4"),
                    RequestBody.fromFile(SampleVideos.clearFrontal()));
            // a reader of the queue, as a downstream application would be
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer reader = session.createConsumer(session.createQueue("face-events"));
            reader.setMessageListener(message -> {
                try {
                    System.out.println("Face event " + message.getStringProperty("eventId") + ": "
                                       + ((TextMessage) message).getText());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();
            Main main = new Main();
            configure(main, local, brokerUrl(broker));
            main.run();
        } finally {
            broker.stop();
        }
    }
}
