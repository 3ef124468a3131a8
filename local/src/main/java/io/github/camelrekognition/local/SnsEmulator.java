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

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The part of Amazon SNS that Rekognition notifications and Camel's aws2-sns need, in SNS's own protocol (awsQuery:
 * form-encoded POST, XML answers): CreateTopic, ListTopics, GetTopicAttributes, SetTopicAttributes, DeleteTopic,
 * Subscribe (protocol sqs, RawMessageDelivery), Unsubscribe, ListSubscriptionsByTopic, GetSubscriptionAttributes,
 * SetSubscriptionAttributes and Publish.
 * <p>
 * A message published to a topic is sent to every SQS queue subscribed to it, through the SQS API: in the SNS envelope
 * ({@code Type, MessageId, TopicArn, Subject, Message, Timestamp, SignatureVersion, Signature,
 * SigningCertURL, UnsubscribeURL}), or as the bare message when the subscription asks for raw delivery. The envelope is
 * signed with a key of this server, as SNS does: SignatureVersion 1 (SHA1withRSA), or 2 (SHA256withRSA) when the
 * topic's {@code SignatureVersion} attribute is 2. {@code GET /SimpleNotificationService-local.pem} returns its public
 * key (PEM), which a consumer trusts explicitly, as AWS's certificates do not vouch for it.
 */
final class SnsEmulator implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SnsEmulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";
    static final String KEY_PATH = "/SimpleNotificationService-local.pem";

    record Subscription(String arn, String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
        boolean raw() {
            return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
        }
    }

    private final String region;
    private final String accountId;
    private final Supplier<URI> endpoint;
    private final SqsClient sqs;
    private final Clock clock;
    private final KeyPair signingKey;
    private final Map<String, Map<String, String>> topics = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    /** Where the topics and subscriptions are kept across restarts, or null. */
    private final JobStore store;

    /** @param store where the topics and subscriptions are kept across restarts, or null */
    SnsEmulator(String region, String accountId, Supplier<URI> endpoint, SqsClient sqs, Clock clock, KeyPair signingKey,
                JobStore store) {
        this.region = region;
        this.accountId = accountId;
        this.endpoint = endpoint;
        this.sqs = sqs;
        this.clock = clock;
        this.signingKey = signingKey;
        this.store = store;
        if (store != null) {
            store.loadSns(topics, subscriptions);
        }
    }

    /** Keeps the topics and subscriptions, after a change, when there is a store. */
    private void saved() {
        if (store != null) {
            synchronized (store) {
                store.saveSns(topics, subscriptions.values());
            }
        }
    }

    /** A new RSA key pair to sign with. */
    static KeyPair newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if ("GET".equals(exchange.getRequestMethod()) && KEY_PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 200, "application/x-pem-file", publicKeyPem());
                return;
            }
            Map<String, String> params = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (exchange.getRequestURI().getRawQuery() != null) {
                params.putAll(form(exchange.getRequestURI().getRawQuery()));
            }
            String action = params.getOrDefault("Action", "");
            String requestId = UUID.randomUUID().toString();
            try {
                String result = dispatch(action, params);
                send(exchange, 200, "text/xml", "<" + action + "Response xmlns=\"" + NS + "\">" + result
                                                + "<ResponseMetadata><RequestId>" + requestId
                                                + "</RequestId></ResponseMetadata></" + action + "Response>");
            } catch (ServiceException e) {
                send(exchange, e.status(), "text/xml", "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>"
                                                       + e.type() + "</Code><Message>" + xml(e.getMessage())
                                                       + "</Message></Error><RequestId>" + requestId
                                                       + "</RequestId></ErrorResponse>");
            }
        }
    }

    private String dispatch(String action, Map<String, String> p) {
        String answer = answer(action, p);
        if (!action.startsWith("Get") && !action.startsWith("List") && !action.equals("Publish")) {
            saved();
        }
        return answer;
    }

    private String answer(String action, Map<String, String> p) {
        return switch (action) {
            case "CreateTopic" -> createTopic(p);
            case "ListTopics" -> listTopics();
            case "GetTopicAttributes" ->
                "<GetTopicAttributesResult>" + entries(topicAttributes(topic(p))) + "</GetTopicAttributesResult>";
            case "SetTopicAttributes" -> {
                topics.get(topic(p)).put(required(p, "AttributeName"), p.getOrDefault("AttributeValue", ""));
                yield "";
            }
            case "DeleteTopic" -> {
                String topic = topic(p);
                topics.remove(topic);
                subscriptions.values().removeIf(s -> s.topicArn().equals(topic));
                yield "";
            }
            case "Subscribe" -> subscribe(p);
            case "Unsubscribe" -> {
                subscriptions.remove(required(p, "SubscriptionArn"));
                yield "";
            }
            case "ListSubscriptionsByTopic" -> listSubscriptions(topic(p));
            case "GetSubscriptionAttributes" -> "<GetSubscriptionAttributesResult>"
                                                + entries(subscriptionAttributes(subscription(p)))
                                                + "</GetSubscriptionAttributesResult>";
            case "SetSubscriptionAttributes" -> {
                subscription(p).attributes().put(required(p, "AttributeName"), p.getOrDefault("AttributeValue", ""));
                yield "";
            }
            case "Publish" -> "<PublishResult><MessageId>" + publish(topic(p), required(p, "Message"), p.get("Subject"))
                              + "</MessageId></PublishResult>";
            default -> throw ServiceException.client("InvalidAction",
                    "The local SNS does not implement the action " + action);
        };
    }

    private String createTopic(Map<String, String> p) {
        String name = required(p, "Name");
        if (!name.matches("[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
            throw ServiceException.client("InvalidParameter", "Invalid parameter: Topic Name");
        }
        String arn = "arn:aws:sns:" + region + ":" + accountId + ":" + name;
        Map<String, String> attributes = topics.computeIfAbsent(arn, k -> new ConcurrentHashMap<>());
        attributes.putAll(indexed(p, "Attributes.entry", "key", "value"));
        return "<CreateTopicResult><TopicArn>" + arn + "</TopicArn></CreateTopicResult>";
    }

    private String listTopics() {
        StringBuilder xml = new StringBuilder("<ListTopicsResult><Topics>");
        topics.keySet().stream().sorted()
                .forEach(t -> xml.append("<member><TopicArn>").append(t).append("</TopicArn></member>"));
        return xml.append("</Topics></ListTopicsResult>").toString();
    }

    private Map<String, String> topicAttributes(String topic) {
        Map<String, String> attributes = new TreeMap<>(topics.get(topic));
        attributes.put("TopicArn", topic);
        attributes.put("Owner", accountId);
        attributes.put("SubscriptionsConfirmed",
                String.valueOf(subscriptions.values().stream().filter(s -> s.topicArn().equals(topic)).count()));
        return attributes;
    }

    private String subscribe(Map<String, String> p) {
        String topic = topic(p);
        String protocol = required(p, "Protocol");
        if (!"sqs".equals(protocol)) {
            throw ServiceException.client("InvalidParameter",
                    "Invalid parameter: the local SNS delivers to the sqs protocol only, not " + protocol);
        }
        String queueArn = required(p, "Endpoint");
        if (!queueArn.startsWith("arn:aws:sqs:") || queueArn.split(":").length != 6) {
            throw ServiceException.client("InvalidParameter", "Invalid parameter: SQS endpoint ARN " + queueArn);
        }
        for (Subscription existing : subscriptions.values()) {
            if (existing.topicArn().equals(topic) && existing.endpoint().equals(queueArn)) {
                return "<SubscribeResult><SubscriptionArn>" + existing.arn() + "</SubscriptionArn></SubscribeResult>";
            }
        }
        Map<String, String> attributes = new ConcurrentHashMap<>(indexed(p, "Attributes.entry", "key", "value"));
        Subscription subscription = new Subscription(topic + ":" + UUID.randomUUID(), topic, protocol, queueArn, attributes);
        subscriptions.put(subscription.arn(), subscription);
        LOG.info("SNS {} -> SQS {}{}", topic, queueArn, subscription.raw() ? " (raw)" : "");
        return "<SubscribeResult><SubscriptionArn>" + subscription.arn() + "</SubscriptionArn></SubscribeResult>";
    }

    private String listSubscriptions(String topic) {
        StringBuilder xml = new StringBuilder("<ListSubscriptionsByTopicResult><Subscriptions>");
        subscriptions.values().stream().filter(s -> s.topicArn().equals(topic)).forEach(s -> xml
                .append("<member><TopicArn>").append(s.topicArn()).append("</TopicArn><Protocol>").append(s.protocol())
                .append("</Protocol><SubscriptionArn>").append(s.arn()).append("</SubscriptionArn><Owner>")
                .append(accountId).append("</Owner><Endpoint>").append(s.endpoint()).append("</Endpoint></member>"));
        return xml.append("</Subscriptions></ListSubscriptionsByTopicResult>").toString();
    }

    private Map<String, String> subscriptionAttributes(Subscription s) {
        Map<String, String> attributes = new TreeMap<>(s.attributes());
        attributes.putIfAbsent("RawMessageDelivery", "false");
        attributes.put("SubscriptionArn", s.arn());
        attributes.put("TopicArn", s.topicArn());
        attributes.put("Protocol", s.protocol());
        attributes.put("Endpoint", s.endpoint());
        attributes.put("Owner", accountId);
        attributes.put("ConfirmationWasAuthenticated", "true");
        attributes.put("PendingConfirmation", "false");
        return attributes;
    }

    /** Delivers {@code message} to every queue subscribed to {@code topic}; returns the message id. */
    String publish(String topic, String message, String subject) {
        String messageId = UUID.randomUUID().toString();
        String timestamp = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
        for (Subscription subscription : subscriptions.values()) {
            if (!subscription.topicArn().equals(topic)) {
                continue;
            }
            String body = subscription.raw()
                    ? message
                    : envelope(messageId, topic, subject, message, timestamp, subscription.arn(),
                            "2".equals(topics.getOrDefault(topic, Map.of()).get("SignatureVersion")) ? "2" : "1");
            String[] arn = subscription.endpoint().split(":");
            String queueUrl = sqs.getQueueUrl(b -> b.queueName(arn[5]).queueOwnerAWSAccountId(arn[4])).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        }
        return messageId;
    }

    private String envelope(
            String messageId, String topic, String subject, String message, String timestamp, String subscriptionArn,
            String signatureVersion) {
        StringBuilder signed = new StringBuilder()
                .append("Message\n").append(message).append('\n')
                .append("MessageId\n").append(messageId).append('\n');
        if (subject != null) {
            signed.append("Subject\n").append(subject).append('\n');
        }
        signed.append("Timestamp\n").append(timestamp).append('\n')
                .append("TopicArn\n").append(topic).append('\n')
                .append("Type\nNotification\n");
        ObjectNode envelope = JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", messageId)
                .put("TopicArn", topic);
        if (subject != null) {
            envelope.put("Subject", subject);
        }
        envelope.put("Message", message)
                .put("Timestamp", timestamp)
                .put("SignatureVersion", signatureVersion)
                .put("Signature", sign(signed.toString(), "2".equals(signatureVersion) ? "SHA256withRSA" : "SHA1withRSA"))
                .put("SigningCertURL", endpoint.get().resolve(KEY_PATH).toString())
                .put("UnsubscribeURL", endpoint.get() + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn);
        return envelope.toString();
    }

    private String sign(String text, String algorithm) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(signingKey.getPrivate());
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
               + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                       .encodeToString(signingKey.getPublic().getEncoded())
               + "\n-----END PUBLIC KEY-----\n";
    }

    private String topic(Map<String, String> p) {
        String topic = required(p, "TopicArn");
        if (!topics.containsKey(topic)) {
            throw new ServiceException("NotFound", 404, "Topic does not exist");
        }
        return topic;
    }

    private Subscription subscription(Map<String, String> p) {
        Subscription subscription = subscriptions.get(required(p, "SubscriptionArn"));
        if (subscription == null) {
            throw new ServiceException("NotFound", 404, "Subscription does not exist");
        }
        return subscription;
    }

    private static String required(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null) {
            throw ServiceException.client("InvalidParameter", "Invalid parameter: " + name + " is required");
        }
        return value;
    }

    /** {@code prefix.N.key}/{@code prefix.N.value} pairs of a query request. */
    private static Map<String, String> indexed(Map<String, String> p, String prefix, String key, String value) {
        Map<String, String> answer = new LinkedHashMap<>();
        for (int i = 1; p.containsKey(prefix + "." + i + "." + key); i++) {
            answer.put(p.get(prefix + "." + i + "." + key), p.getOrDefault(prefix + "." + i + "." + value, ""));
        }
        return answer;
    }

    private static String entries(Map<String, String> attributes) {
        StringBuilder xml = new StringBuilder("<Attributes>");
        attributes.forEach((k, v) -> xml.append("<entry><key>").append(xml(k)).append("</key><value>").append(xml(v))
                .append("</value></entry>"));
        return xml.append("</Attributes>").toString();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        HttpAnswers.send(exchange, status, contentType, UUID.randomUUID().toString(), body);
    }
}
