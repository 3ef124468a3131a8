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
package io.github.camelrekognition.examples.aws;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS example cannot run here (no AWS account, no network to AWS). Its routes still load, every endpoint URI is
 * valid for its component (Camel's runtime catalog, from the components' own descriptors), and the IAM policies of iam/
 * grant what the routes and their properties use.
 */
class AwsExampleTest {

    private DefaultCamelContext context;

    @BeforeEach
    void loadRoutes() throws Exception {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.build();
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "classpath:camel/face-detection.camel.yaml"));
    }

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private String property(String name) {
        return context.resolvePropertyPlaceholders("{{" + name + "}}");
    }

    private List<String> endpointUris() {
        List<String> uris = new ArrayList<>();
        for (RouteDefinition route : context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions()) {
            uris.add(route.getInput().getEndpointUri());
            ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)
                    .forEach(to -> uris.add(to.getEndpointUri()));
        }
        return uris;
    }

    @Test
    void everyEndpointOfTheRoutesIsValid() {
        RuntimeCamelCatalog catalog = context.getCamelContextExtension().getContextPlugin(RuntimeCamelCatalog.class);
        List<String> uris = endpointUris();
        assertEquals(4, uris.size(), uris.toString());
        for (String uri : uris) {
            String resolved = context.resolvePropertyPlaceholders(uri);
            EndpointValidationResult result = catalog.validateProperties(resolved.substring(0, resolved.indexOf(':')),
                    endpointProperties(catalog, resolved));
            assertTrue(result.isSuccess(), resolved + ": " + result.summaryErrorMessage(false));
        }
        assertTrue(uris.stream().anyMatch(u -> u.startsWith("aws2-rekognition-video:faces?")));
        String bad = "aws2-rekognition-video:faces?resultMode=everything&queueUrl=https://sqs/1/q";
        assertTrue(!catalog.validateProperties("aws2-rekognition-video", endpointProperties(catalog, bad)).isSuccess(),
                "the catalog knows the component's options, and refuses a bad one");
    }

    private static Map<String, String> endpointProperties(RuntimeCamelCatalog catalog, String uri) {
        try {
            return catalog.endpointProperties(uri);
        } catch (URISyntaxException e) {
            throw new AssertionError(uri, e);
        }
    }

    @Test
    void thePoliciesGrantWhatTheRoutesUse() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path iam = Path.of("iam");
        String topic = property("rekognition.topicArn");
        String role = property("rekognition.roleArn");
        String queueUrl = property("completions.queueUrl");
        String queueArn = "arn:aws:sqs:" + property("aws.region") + ":" + property("aws.account") + ":"
                          + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        assertTrue(topic.substring(topic.lastIndexOf(':') + 1).startsWith("AmazonRekognition"),
                "the managed policy AmazonRekognitionServiceRole only publishes to AmazonRekognition* topics");

        JsonNode application = json.readTree(iam.resolve("camel-application-policy.json").toFile());
        assertEquals(role, statement(application, "LetRekognitionPublishWithTheRole").get("Resource").asText());
        assertEquals(queueArn, statement(application, "ReadTheCompletions").get("Resource").asText());
        assertTrue(statement(application, "StartAndReadFaceDetection").get("Action").toString()
                .contains("rekognition:StartFaceDetection"));
        // the calls of the producer and consumer health checks
        assertTrue(statement(application, "StartAndReadFaceDetection").get("Action").toString()
                .contains("rekognition:ListCollections"));
        assertTrue(statement(application, "ReadTheCompletions").get("Action").toString()
                .contains("sqs:GetQueueAttributes"));

        JsonNode rolePolicy = json.readTree(iam.resolve("rekognition-role-policy.json").toFile());
        assertEquals(topic, rolePolicy.at("/Statement/0/Resource").asText());
        JsonNode trust = json.readTree(iam.resolve("rekognition-role-trust-policy.json").toFile());
        assertEquals("rekognition.amazonaws.com", trust.at("/Statement/0/Principal/Service").asText());
        JsonNode queuePolicy = json.readTree(iam.resolve("completion-queue-policy.json").toFile());
        assertEquals(queueArn, queuePolicy.at("/Statement/0/Resource").asText());
        assertEquals(topic, queuePolicy.at("/Statement/0/Condition/ArnEquals/aws:SourceArn").asText());
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        for (JsonNode statement : policy.get("Statement")) {
            if (sid.equals(statement.path("Sid").asText())) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid);
    }
}
