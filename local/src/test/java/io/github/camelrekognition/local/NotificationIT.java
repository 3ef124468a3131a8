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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.rekognition.model.LimitExceededException;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static io.github.camelrekognition.local.LocalTestSupport.awaitJob;
import static io.github.camelrekognition.local.LocalTestSupport.drain;
import static io.github.camelrekognition.local.LocalTestSupport.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job's completion is published to its SNS topic and delivered to the SQS queues subscribed to it, in the SNS
 * envelope or raw; ClientRequestToken idempotency and the concurrent-job limit hold.
 */
class NotificationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LocalRekognitionVideoExtension extension = new LocalRekognitionVideoExtension(
            LocalRekognitionVideo.builder().maxConcurrentJobs(1).workers(1));

    static RekognitionClient rekognition;
    static SqsClient sqs;
    static SnsClient sns;
    static String topicArn;
    static String envelopeQueue;
    static String rawQueue;

    @BeforeAll
    static void wire() {
        LocalRekognitionVideo local = extension.get();
        rekognition = local.rekognitionClient();
        sqs = local.sqsClient();
        sns = local.snsClient();
        local.s3Client().createBucket(b -> b.bucket("videos"));
        upload(local, "videos", "clear.mp4", SampleVideos.clearFrontal());
        upload(local, "videos", "no-face.mp4", SampleVideos.noFace());

        topicArn = sns.createTopic(b -> b.name("AmazonRekognitionFaces")).topicArn();
        envelopeQueue = sqs.createQueue(b -> b.queueName("faces-envelope")).queueUrl();
        rawQueue = sqs.createQueue(b -> b.queueName("faces-raw")).queueUrl();
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(envelopeQueue)));
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(rawQueue))
                .attributes(Map.of("RawMessageDelivery", "true")));
    }

    private static String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static StartFaceDetectionRequest.Builder start(String key) {
        return StartFaceDetectionRequest.builder()
                .video(v -> v.s3Object(o -> o.bucket("videos").name(key)))
                .notificationChannel(c -> c.snsTopicArn(topicArn).roleArn(extension.get().roleArn("Rekognition")));
    }

    @Test
    void createsTopicsAndListsSubscriptionsInSnsProtocol() {
        assertEquals(topicArn, sns.createTopic(b -> b.name("AmazonRekognitionFaces")).topicArn(), "CreateTopic is idempotent");
        assertEquals(extension.get().topicArn("AmazonRekognitionFaces"), topicArn);
        List<Subscription> subscriptions = sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions();
        assertEquals(2, subscriptions.size());
        assertTrue(subscriptions.stream().allMatch(s -> s.protocol().equals("sqs") && s.endpoint().startsWith("arn:aws:sqs:")));
        String rawSubscription = subscriptions.stream().filter(s -> s.endpoint().endsWith(":faces-raw")).findFirst()
                .orElseThrow().subscriptionArn();
        assertEquals("true", sns.getSubscriptionAttributes(b -> b.subscriptionArn(rawSubscription)).attributes()
                .get("RawMessageDelivery"));
        assertThrows(NotFoundException.class,
                () -> sns.publish(b -> b.topicArn(extension.get().topicArn("NoSuchTopic")).message("x")));
    }

    @Test
    void deliversTheCompletionInTheEnvelopeAndRaw() throws Exception {
        String jobId = rekognition.startFaceDetection(start("clear.mp4").jobTag("door-cam").build()).jobId();
        awaitJob(rekognition, jobId, Duration.ofSeconds(60));

        List<Message> enveloped = drain(sqs, envelopeQueue, Duration.ofSeconds(2));
        List<Message> raw = drain(sqs, rawQueue, Duration.ofSeconds(1));

        assertEquals(1, enveloped.size(), "one notification per job");
        assertEquals(1, raw.size());
        JsonNode envelope = JSON.readTree(enveloped.get(0).body());
        assertEquals("Notification", envelope.get("Type").asText());
        assertEquals(topicArn, envelope.get("TopicArn").asText());
        for (String field : List.of("MessageId", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL",
                "UnsubscribeURL")) {
            assertTrue(envelope.hasNonNull(field), "envelope has " + field);
        }
        assertTrue(envelope.get("Message").isTextual(), "Message is the notification as a string");
        assertEquals(raw.get(0).body(), envelope.get("Message").asText(), "raw delivery is the bare notification");

        JsonNode notification = JSON.readTree(envelope.get("Message").asText());
        assertEquals(List.of("JobId", "Status", "API", "JobTag", "Timestamp", "Video"),
                iterableToList(notification.fieldNames()));
        assertEquals(jobId, notification.get("JobId").asText());
        assertEquals("SUCCEEDED", notification.get("Status").asText());
        assertEquals("StartFaceDetection", notification.get("API").asText());
        assertEquals("door-cam", notification.get("JobTag").asText());
        assertTrue(notification.get("Timestamp").isIntegralNumber());
        assertEquals("clear.mp4", notification.at("/Video/S3ObjectName").asText());
        assertEquals("videos", notification.at("/Video/S3Bucket").asText());
        assertTrue(signatureVerifies(envelope), "the envelope's signature verifies with the key at SigningCertURL");
    }

    @Test
    void omitsTheJobTagWhenTheStartHadNone() throws Exception {
        String jobId = rekognition.startFaceDetection(start("no-face.mp4").build()).jobId();
        awaitJob(rekognition, jobId, Duration.ofSeconds(30));

        JsonNode notification = JSON.readTree(drain(sqs, rawQueue, Duration.ofSeconds(2)).get(0).body());
        drain(sqs, envelopeQueue, Duration.ofSeconds(1));

        assertEquals(jobId, notification.get("JobId").asText());
        assertFalse(notification.has("JobTag"));
    }

    @Test
    void startsOneJobPerTokenAndNotifiesOnce() throws Exception {
        StartFaceDetectionRequest request = start("no-face.mp4").clientRequestToken("upload-7").jobTag("once").build();
        String first = rekognition.startFaceDetection(request).jobId();
        awaitJob(rekognition, first, Duration.ofSeconds(30));

        String second = rekognition.startFaceDetection(request).jobId();

        assertEquals(first, second, "the same token and parameters give the same job");
        assertEquals(1, drain(sqs, rawQueue, Duration.ofSeconds(2)).size(), "and no second notification");
        drain(sqs, envelopeQueue, Duration.ofSeconds(1));
        IdempotentParameterMismatchException mismatch = assertThrows(IdempotentParameterMismatchException.class,
                () -> rekognition.startFaceDetection(request.toBuilder().jobTag("other").build()));
        assertTrue(mismatch.getMessage().contains("upload-7"), mismatch.getMessage());
    }

    @Test
    void refusesJobsBeyondTheConcurrentLimit() throws Exception {
        String running = rekognition.startFaceDetection(start("clear.mp4").jobTag("limit").build()).jobId();

        LimitExceededException error = assertThrows(LimitExceededException.class,
                () -> rekognition.startFaceDetection(start("no-face.mp4").jobTag("over-limit").build()));

        assertTrue(error.getMessage().contains("the limit is 1"), error.getMessage());
        awaitJob(rekognition, running, Duration.ofSeconds(60));
        drain(sqs, rawQueue, Duration.ofSeconds(2));
        drain(sqs, envelopeQueue, Duration.ofSeconds(1));
    }

    private static boolean signatureVerifies(JsonNode envelope) throws Exception {
        String pem = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(envelope.get("SigningCertURL").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        String signed = "Message\n" + envelope.get("Message").asText() + "\nMessageId\n" + envelope.get("MessageId").asText()
                        + "\nTimestamp\n" + envelope.get("Timestamp").asText() + "\nTopicArn\n"
                        + envelope.get("TopicArn").asText() + "\nType\nNotification\n";
        Signature signature = Signature.getInstance("SHA1withRSA");
        signature.initVerify(key);
        signature.update(signed.getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base64.getDecoder().decode(envelope.get("Signature").asText()));
    }

    private static List<String> iterableToList(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
