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
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.video.RekognitionVideo2Analysis;
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
        String region = property("aws.region");
        String account = property("aws.account");
        // every analysis's Start and Get call; "*" only for the actions IAM gives no resource type to
        Set<String> withoutResourceType = new TreeSet<>(Set.of("rekognition:ListCollections"));
        for (RekognitionVideo2Analysis analysis : RekognitionVideo2Analysis.values()) {
            withoutResourceType.add("rekognition:" + analysis.getApi());
            if (!analysis.startApi().equals("StartFaceSearch")) {
                withoutResourceType.add("rekognition:" + analysis.startApi());
            }
        }
        JsonNode analyses = statement(application, "StartAndReadStoredVideoAnalyses");
        assertEquals(withoutResourceType, actions(analyses), "every analysis's calls, and the health checks' call");
        assertEquals("*", analyses.get("Resource").asText());
        JsonNode faceSearch = statement(application, "SearchFacesOfTheCollection");
        assertEquals(Set.of("rekognition:StartFaceSearch"), actions(faceSearch));
        assertTrue(faceSearch.get("Resource").asText().startsWith("arn:aws:rekognition:" + region + ":" + account
                                                                  + ":collection/"),
                "StartFaceSearch on the collection only");
        JsonNode passRole = statement(application, "LetRekognitionPublishWithTheRole");
        assertEquals(role, passRole.get("Resource").asText());
        assertEquals("rekognition.amazonaws.com",
                passRole.at("/Condition/StringEquals/iam:PassedToService").asText(), "passed to Rekognition only");
        String bucket = "arn:aws:s3:::" + property("videos.bucket");
        assertEquals(List.of(bucket, bucket + "/*"), texts(statement(application, "ReadTheVideos").get("Resource")));
        JsonNode kms = statement(application, "DecryptTheVideosOfAnEncryptedBucket");
        assertEquals(Set.of("kms:Decrypt"), actions(kms));
        assertTrue(kms.get("Resource").asText().startsWith("arn:aws:kms:" + region + ":" + account + ":key/"));
        assertEquals("s3." + region + ".amazonaws.com", kms.at("/Condition/StringEquals/kms:ViaService").asText(),
                "decrypting through S3 only");
        assertEquals(queueArn, statement(application, "ReadTheCompletions").get("Resource").asText());
        assertTrue(actions(statement(application, "ReadTheCompletions")).contains("sqs:GetQueueAttributes"),
                "the consumer health check's call");
        JsonNode publish = statement(application, "PublishTheEvents");
        assertEquals(Set.of("sns:Publish"), actions(publish));
        assertEquals(property("events.topicArn"), publish.get("Resource").asText());
        for (JsonNode statement : application.get("Statement")) {
            for (String action : actions(statement)) {
                assertTrue(!action.contains("*"), statement.get("Sid") + ": no wildcard action, " + action);
            }
            for (String resource : texts(statement.get("Resource"))) {
                assertTrue(!resource.equals("*") || withoutResourceType.containsAll(actions(statement)),
                        statement.get("Sid") + ": * only for actions without a resource type");
            }
        }

        JsonNode rolePolicy = json.readTree(iam.resolve("rekognition-role-policy.json").toFile());
        assertEquals(topic, rolePolicy.at("/Statement/0/Resource").asText());
        JsonNode trust = json.readTree(iam.resolve("rekognition-role-trust-policy.json").toFile());
        assertEquals("rekognition.amazonaws.com", trust.at("/Statement/0/Principal/Service").asText());
        JsonNode queuePolicy = json.readTree(iam.resolve("completion-queue-policy.json").toFile());
        assertEquals(queueArn, queuePolicy.at("/Statement/0/Resource").asText());
        assertEquals(topic, queuePolicy.at("/Statement/0/Condition/ArnEquals/aws:SourceArn").asText());
    }

    private static Set<String> actions(JsonNode statement) {
        return new TreeSet<>(texts(statement.get("Action")));
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else {
            texts.add(node.asText());
        }
        return texts;
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
