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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The options of the SDK client: endpoint, region, credentials, retries, proxy, TLS.
 */
class ClientOptionsTest extends OptionChecks {

    static final Map<String, Check> CHECKS = new TreeMap<>();

    static {
        CHECKS.put("limitExceededWaitTimeout", () -> {
            server.reset();
            server.fail("StartFaceDetection", 400, "LimitExceededException", "20 jobs in progress")
                    .answer("StartFaceDetection", Map.of("JobId", "job-1"));
            send("limitExceededWaitTimeout=20s", null, video());
            assertEquals(2, server.requests("StartFaceDetection").size(), "retried until the quota had a slot");
        });
        CHECKS.put("retryMode", () -> {
            assertInstanceOf(AdaptiveRetryStrategy.class, producerEndpoint("retryMode=ADAPTIVE_V2")
                    .getRekognitionClient().serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow());
            // the completion queue's client and the S3 client of large results retry as the Rekognition client does
            assertInstanceOf(AdaptiveRetryStrategy.class, queueClient("retryMode=ADAPTIVE_V2")
                    .serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow());
            assertInstanceOf(AdaptiveRetryStrategy.class, ConsumerOptionsTest.largeResultsEndpoint("retryMode=ADAPTIVE_V2")
                    .getS3Client().serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow());
        });
        CHECKS.put("maxAttempts", () -> {
            assertEquals(2, producerEndpoint("maxAttempts=2").getRekognitionClient().serviceClientConfiguration()
                    .overrideConfiguration().retryStrategy().orElseThrow().maxAttempts());
            assertEquals(2, queueClient("maxAttempts=2").serviceClientConfiguration().overrideConfiguration().retryStrategy()
                    .orElseThrow().maxAttempts());
            assertEquals(2, ConsumerOptionsTest.largeResultsEndpoint("maxAttempts=2").getS3Client()
                    .serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow().maxAttempts());
            Exception refused = assertThrows(RekognitionVideo2ValidationException.class,
                    () -> producerEndpoint("maxAttempts=0"));
            assertEquals("option maxAttempts: must be at least 1, the first attempt included (1: no retry; it is 0)",
                    refused.getMessage());
        });
        CHECKS.put("region", () -> assertTrue(startRequest("region=eu-west-1").authorization()
                .contains("/eu-west-1/rekognition/aws4_request"), "signed for the region"));
        CHECKS.put("accessKey", () -> assertTrue(startRequest("accessKey=AKIDFROMOPTION&secretKey=s")
                .authorization().contains("Credential=AKIDFROMOPTION/"), "signed with the access key"));
        CHECKS.put("secretKey", () -> assertEquals("secret-from-option",
                producerEndpoint("accessKey=a&secretKey=secret-from-option").getRekognitionClient()
                        .serviceClientConfiguration().credentialsProvider().resolveIdentity().join().secretAccessKey()));
        Check sessionToken = () -> assertEquals("token-from-option",
                startRequest("useSessionCredentials=true&sessionToken=token-from-option").securityToken());
        CHECKS.put("sessionToken", sessionToken);
        CHECKS.put("useSessionCredentials", sessionToken);
        CHECKS.put("useDefaultCredentialsProvider", () -> assertTrue(
                credentialsProvider("useDefaultCredentialsProvider=true").contains("DefaultCredentialsProvider")));
        Check profile = () -> {
            String provider = credentialsProvider("useProfileCredentialsProvider=true&profileCredentialsName=option-profile");
            assertTrue(provider.contains("ProfileCredentialsProvider") && provider.contains("option-profile"), provider);
        };
        CHECKS.put("useProfileCredentialsProvider", profile);
        CHECKS.put("profileCredentialsName", profile);
        CHECKS.put("overrideEndpoint", () -> {
            assertTrue(producerEndpoint("overrideEndpoint=false").getRekognitionClient().serviceClientConfiguration()
                    .endpointOverride().isEmpty(), "AWS's endpoint without overrideEndpoint");
            assertNotNull(startRequest(""), "the override is used with it");
        });
        CHECKS.put("uriEndpointOverride", () -> assertEquals(Optional.of(server.endpoint()),
                producerEndpoint("").getRekognitionClient().serviceClientConfiguration().endpointOverride()));
        Check proxy = () -> {
            // the proxy is the recording server; the endpoint a host that does not exist: only the proxy can answer
            String toNowhere = "uriEndpointOverride=http://rekognition.invalid:9&proxyHost=127.0.0.1";
            assertNotNull(startRequest(toNowhere + "&proxyPort=" + server.endpoint().getPort() + "&proxyProtocol=HTTP"),
                    "the request went through the proxy");
            // an HTTPS proxy is spoken to in TLS: the first byte the proxy receives opens a TLS handshake record
            try (ServerSocket tlsProxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                List<Integer> firstBytes = new CopyOnWriteArrayList<>();
                Thread proxyThread = new Thread(() -> {
                    while (!tlsProxy.isClosed()) {
                        try (Socket connection = tlsProxy.accept()) {
                            firstBytes.add(connection.getInputStream().read());
                        } catch (IOException closed) {
                            // the test is over
                        }
                    }
                });
                proxyThread.setDaemon(true);
                proxyThread.start();
                sendFailing(toNowhere + "&proxyPort=" + tlsProxy.getLocalPort() + "&proxyProtocol=HTTPS", video());
                assertFalse(firstBytes.isEmpty(), "the client went to the proxy");
                assertEquals(0x16, firstBytes.get(0), "a TLS handshake record");
            }
        };
        CHECKS.put("proxyHost", proxy);
        CHECKS.put("proxyPort", proxy);
        CHECKS.put("proxyProtocol", proxy);
        CHECKS.put("trustAllCertificates", () -> {
            try (RecordingRekognitionServer tls = RecordingRekognitionServer.https()) {
                String over = "uriEndpointOverride=" + tls.endpoint();
                Exception untrusted = sendFailing(over, video());
                assertTrue(tls.requests().isEmpty(), "a self-signed certificate is refused by default: " + untrusted);
                tls.answer("StartFaceDetection", Map.of("JobId", "job-1"));
                send(over + "&trustAllCertificates=true", null, video());
                assertEquals(1, tls.requests("StartFaceDetection").size(), "trusted with trustAllCertificates");
            }
        });
        CHECKS.put("rekognitionClient", () -> {
            try (RekognitionClient client = client(Region.AP_SOUTHEAST_2)) {
                try (CamelContext context = context()) {
                    context.getRegistry().bind("myClient", client);
                    route(context, "direct:start", "aws2-rekognition-video:faces?rekognitionClient=#myClient");
                    context.start();
                    server.reset();
                    server.answer("StartFaceDetection", Map.of("JobId", "job-1"));
                    context.createProducerTemplate().sendBodyAndHeaders("direct:start", null, video());
                    assertTrue(server.requests().get(0).authorization().contains("/ap-southeast-2/"), "the given client");
                }
            }
        });
    }

    /** The SQS client the consumer of a queue reads it with. */
    static SqsClient queueClient(String options) throws Exception {
        return ((CompletionQueueClient) sqs(queueReading(options)).getAmazonSQSClient()).client();
    }

    @TestFactory
    Stream<DynamicTest> checks() {
        return dynamicTests(CHECKS);
    }
}
