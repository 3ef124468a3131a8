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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.Protocol;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component's options: the defaults of its endpoints, and its own.
 */
class ComponentOptionsTest extends OptionChecks {

    static final Map<String, Check> CHECKS = new TreeMap<>();

    static {
        for (String shared : List.of("bucketName", "concurrentConsumers", "deleteIfFiltered", "deriveClientRequestToken",
                "extendMessageVisibility", "faceAttributes", "jobTag", "maxMessagesPerPoll", "maxResults",
                "notificationApi", "operation", "overrideEndpoint", "pojoRequest", "profileCredentialsName", "proxyHost",
                "proxyPort", "proxyProtocol", "queueUrl", "region", "resultMode", "roleArn", "secretKey", "accessKey",
                "sessionToken", "snsTopicArn", "sqsUriEndpointOverride", "trustAllCertificates", "uriEndpointOverride",
                "useDefaultCredentialsProvider", "useProfileCredentialsProvider", "useSessionCredentials",
                "visibilityTimeout", "waitTimeSeconds", "idempotentRepository", "rekognitionClient", "sqsClient",
                "minConfidence", "features", "collectionId", "faceMatchThreshold", "segmentTypes", "sortBy",
                "aggregateBy", "retryMode", "maxAttempts", "limitExceededWaitTimeout", "concurrentJobLimit",
                "verifyNotificationSignature",
                "requireSignedNotifications", "notificationTopicArns", "snsSigningCertificate", "inProgressRepository",
                "startedJobsRepository", "reconcileInterval", "reconcileAfter", "largeResultBucket", "largeResultKeyPrefix",
                "largeResultLimit", "s3Client", "s3UriEndpointOverride")) {
            CHECKS.put(shared, () -> componentDefault(shared));
        }
        CHECKS.put("configuration", () -> {
            RekognitionVideo2Configuration configuration = new RekognitionVideo2Configuration();
            configuration.setRegion("sa-east-1");
            configuration.setAccessKey("a");
            configuration.setSecretKey("b");
            try (CamelContext context = new DefaultCamelContext()) {
                context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class)
                        .setConfiguration(configuration);
                assertEquals("sa-east-1", context.getEndpoint("aws2-rekognition-video:faces",
                        RekognitionVideo2Endpoint.class).getConfiguration().getRegion());
            }
        });
        CHECKS.put("bridgeErrorHandler", () -> {
            try (CamelContext context = context()) {
                context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).setBridgeErrorHandler(true);
                assertTrue(context.getEndpoint(SQS, RekognitionVideo2Endpoint.class).isBridgeErrorHandler());
            }
        });
        CHECKS.put("lazyStartProducer", () -> {
            try (CamelContext context = context()) {
                context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).setLazyStartProducer(true);
                assertTrue(context.getEndpoint("aws2-rekognition-video:faces", RekognitionVideo2Endpoint.class)
                        .isLazyStartProducer());
            }
        });
        CHECKS.put("autowiredEnabled", () -> {
            try (RekognitionClient client = client(Region.US_EAST_1)) {
                for (boolean autowired : new boolean[] { true, false }) {
                    try (CamelContext context = new DefaultCamelContext()) {
                        context.getRegistry().bind("client", client);
                        RekognitionVideo2Component component = new RekognitionVideo2Component();
                        component.setAutowiredEnabled(autowired);
                        context.addComponent("aws2-rekognition-video", component);
                        context.start();
                        assertEquals(autowired ? client : null, component.getConfiguration().getRekognitionClient(),
                                "autowiredEnabled=" + autowired);
                    }
                }
            }
        });
        CHECKS.put("healthCheckProducerEnabled", () -> {
            assertEquals(List.of(true), healthChecks("producer:", false));
            assertEquals(List.of(false), healthChecks("producer:", true));
        });
        CHECKS.put("healthCheckConsumerEnabled", () -> {
            assertEquals(List.of(true), healthChecks("consumer:", false));
            assertEquals(List.of(false), healthChecks("consumer:", true));
        });
    }

    /** A component option's value is the default of every endpoint of the component. */
    private static void componentDefault(String option) throws Exception {
        JsonNode property = ComponentDescriptorTest.descriptor().get("componentProperties").get(option);
        Object value = sampleValue(property);
        try (CamelContext context = context()) {
            RekognitionVideo2Component component = context.getComponent("aws2-rekognition-video",
                    RekognitionVideo2Component.class);
            new RekognitionVideo2ComponentConfigurer().configure(context, component, option, value, true);
            RekognitionVideo2Endpoint endpoint = context.getEndpoint("aws2-rekognition-video:faces",
                    RekognitionVideo2Endpoint.class);
            assertEquals(value, new RekognitionVideo2EndpointConfigurer().getOptionValue(endpoint, option, true),
                    "the endpoint takes the component's " + option);
        }
    }

    /** A value of the option's type other than its default. */
    private static Object sampleValue(JsonNode property) {
        String type = property.get("javaType").asText();
        if (property.has("enum")) {
            JsonNode values = property.get("enum");
            String text = values.get(values.size() - 1).asText();
            return switch (type) {
                case "io.github.camelrekognition.video.RekognitionVideo2Operations" ->
                    RekognitionVideo2Operations.valueOf(text);
                case "io.github.camelrekognition.video.RekognitionVideo2ResultMode" ->
                    RekognitionVideo2ResultMode.valueOf(text);
                case "software.amazon.awssdk.core.Protocol" -> Protocol.valueOf(text);
                case "software.amazon.awssdk.core.retry.RetryMode" -> RetryMode.valueOf(text);
                default -> text;
            };
        }
        return switch (type) {
            case "boolean" -> !property.path("defaultValue").asBoolean(false);
            case "int", "java.lang.Integer" -> 7;
            case "long" -> 7000L;
            case "java.lang.Float" -> 42.5f;
            case "java.lang.String" -> "sample";
            case "org.apache.camel.spi.IdempotentRepository" -> new MemoryIdempotentRepository();
            case "org.apache.camel.spi.AggregationRepository" -> new MemoryAggregationRepository();
            case "software.amazon.awssdk.services.rekognition.RekognitionClient" -> client(Region.US_EAST_1);
            case "software.amazon.awssdk.services.sqs.SqsClient" -> SqsClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
            case "software.amazon.awssdk.services.s3.S3Client" -> S3Client.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
            default -> throw new AssertionError("no sample value of " + type);
        };
    }

    /** Whether the producer's or consumer's health check is enabled, with the component option turned off or not. */
    private static List<Boolean> healthChecks(String prefix, boolean turnedOff) throws Exception {
        try (CamelContext context = context()) {
            RekognitionVideo2Component component = context.getComponent("aws2-rekognition-video",
                    RekognitionVideo2Component.class);
            component.setHealthCheckProducerEnabled(!(turnedOff && prefix.equals("producer:")));
            component.setHealthCheckConsumerEnabled(!(turnedOff && prefix.equals("consumer:")));
            HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
            route(context, "direct:start", "aws2-rekognition-video:faces");
            route(context, SQS, "mock:out");
            context.start();
            List<Boolean> enabled = new ArrayList<>();
            for (String repository : List.of("producers", "consumers")) {
                HealthCheckHelper.getHealthCheckRepository(context, repository).stream()
                        .filter(check -> check.getId().startsWith(prefix))
                        .forEach(check -> enabled.add(check.isEnabled()));
            }
            if (prefix.equals("consumer:")) {
                // the consumers repository wraps the consumer's own check: look at the consumer's
                enabled.clear();
                HealthCheck own = ((RekognitionVideo2QueueConsumer) context.getRoutes().stream()
                        .filter(r -> r.getConsumer() instanceof RekognitionVideo2QueueConsumer).findFirst().get().getConsumer())
                        .getHealthCheck();
                enabled.add(own.isEnabled());
            }
            return enabled;
        }
    }

    @TestFactory
    Stream<DynamicTest> checks() {
        return dynamicTests(CHECKS);
    }
}
