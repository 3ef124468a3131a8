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

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The descriptor that camel-package-maven-plugin generates lists every option and header the component promises. */
class ComponentDescriptorTest {

    static final String DESCRIPTOR = "META-INF/io/github/camelrekognition/video/aws2-rekognition-video.json";

    static final List<String> OPTIONS = List.of(
            "region", "retryMode", "maxAttempts", "accessKey", "secretKey", "sessionToken", "useDefaultCredentialsProvider",
            "useProfileCredentialsProvider", "profileCredentialsName", "useSessionCredentials", "overrideEndpoint",
            "uriEndpointOverride", "trustAllCertificates", "proxyHost", "proxyPort", "proxyProtocol",
            "rekognitionClient", "operation", "pojoRequest", "bucketName", "snsTopicArn", "roleArn", "faceAttributes",
            "minConfidence", "features", "collectionId", "faceMatchThreshold", "segmentTypes", "sortBy", "aggregateBy",
            "jobTag", "deriveClientRequestToken", "limitExceededWaitTimeout", "concurrentJobLimit", "queueUrl", "sqsClient",
            "sqsUriEndpointOverride", "waitTimeSeconds",
            "maxMessagesPerPoll", "concurrentConsumers", "visibilityTimeout", "extendMessageVisibility", "resultMode",
            "maxResults", "notificationApi", "deleteIfFiltered", "idempotentRepository", "inProgressRepository",
            "startedJobsRepository", "reconcileInterval",
            "reconcileAfter", "verifyNotificationSignature",
            "requireSignedNotifications", "notificationTopicArns", "snsSigningCertificate");

    static final List<String> SECRET_OPTIONS = List.of("accessKey", "secretKey", "sessionToken");

    static final List<String> HEADERS = List.of(
            "CamelAwsRekognitionVideoOperation", "CamelAwsRekognitionVideoBucketName",
            "CamelAwsRekognitionVideoObjectKey", "CamelAwsRekognitionVideoObjectVersion",
            "CamelAwsRekognitionVideoClientRequestToken", "CamelAwsRekognitionVideoJobTag",
            "CamelAwsRekognitionVideoFaceAttributes", "CamelAwsRekognitionVideoSnsTopicArn",
            "CamelAwsRekognitionVideoRoleArn", "CamelAwsRekognitionVideoJobId", "CamelAwsRekognitionVideoNextToken",
            "CamelAwsRekognitionVideoMaxResults", "CamelAwsRekognitionVideoJobStatus",
            "CamelAwsRekognitionVideoStatusMessage", "CamelAwsRekognitionVideoVideoMetadata",
            "CamelAwsRekognitionVideoVideoMetadataJson", "CamelAwsRekognitionVideoMessageId",
            "CamelAwsRekognitionVideoFaceCount", "CamelAwsRekognitionVideoApi",
            "CamelAwsRekognitionVideoCompletionTimestamp", "CamelAwsRekognitionVideoResultCount",
            "CamelAwsRekognitionVideoResultReference", "CamelCloudEventDataRef", "traceparent",
            "CamelAwsRekognitionVideoMinConfidence", "CamelAwsRekognitionVideoFeatures",
            "CamelAwsRekognitionVideoSettings", "CamelAwsRekognitionVideoCollectionId",
            "CamelAwsRekognitionVideoFaceMatchThreshold", "CamelAwsRekognitionVideoSegmentTypes",
            "CamelAwsRekognitionVideoFilters", "CamelAwsRekognitionVideoSortBy", "CamelAwsRekognitionVideoAggregateBy");

    static JsonNode descriptor() throws Exception {
        try (InputStream in = ComponentDescriptorTest.class.getClassLoader().getResourceAsStream(DESCRIPTOR)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void describesTheComponent() throws Exception {
        JsonNode component = descriptor().get("component");
        assertEquals("aws2-rekognition-video", component.get("scheme").asText());
        assertEquals("aws2-rekognition-video:label", component.get("syntax").asText());
        assertEquals(RekognitionVideo2Component.class.getName(), component.get("javaType").asText());
    }

    @Test
    void listsEveryOptionOnTheEndpointAndTheComponent() throws Exception {
        JsonNode descriptor = descriptor();
        for (String option : OPTIONS) {
            assertTrue(descriptor.get("properties").has(option), "endpoint option " + option);
            assertTrue(descriptor.get("componentProperties").has(option), "component option " + option);
        }
        assertTrue(descriptor.get("properties").get("label").get("required").asBoolean());
    }

    @Test
    void marksCredentialsSecret() throws Exception {
        JsonNode descriptor = descriptor();
        for (String option : OPTIONS) {
            boolean secret = descriptor.get("properties").get(option).get("secret").asBoolean();
            assertEquals(SECRET_OPTIONS.contains(option), secret, option + " secret");
            assertEquals(secret, descriptor.get("componentProperties").get(option).get("secret").asBoolean());
        }
    }

    @Test
    void listsEveryHeaderWithADescription() throws Exception {
        JsonNode headers = descriptor().get("headers");
        for (String header : HEADERS) {
            assertTrue(headers.has(header), "header " + header);
            assertFalse(headers.get(header).get("description").asText().isBlank(), header + " is described");
        }
        assertEquals(HEADERS.size(), headers.size(), "no header that is not promised");
    }

    @Test
    void hasAConsumerAndAProducer() throws Exception {
        JsonNode component = descriptor().get("component");
        assertFalse(component.get("producerOnly").asBoolean());
        assertFalse(component.get("consumerOnly").asBoolean());
        assertEquals("[\"aggregate\",\"page\",\"item\",\"notification\"]",
                descriptor().get("properties").get("resultMode").get("enum").toString());
    }

    @Test
    void offersTheOperationsAndFaceAttributesAsEnums() throws Exception {
        JsonNode properties = descriptor().get("properties");
        List<String> operations = new ArrayList<>();
        properties.get("operation").get("enum").forEach(operation -> operations.add(operation.asText()));
        assertEquals(Arrays.stream(RekognitionVideo2Operations.values()).map(Enum::name).toList(), operations,
                "the Start and Get operation of every analysis");
        assertEquals(16, operations.size());
        assertEquals("[\"DEFAULT\",\"ALL\"]", properties.get("faceAttributes").get("enum").toString());
        assertEquals("startFaceDetection", properties.get("operation").get("defaultValue").asText());
    }
}
