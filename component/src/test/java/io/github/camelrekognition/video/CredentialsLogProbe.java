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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.camelrekognition.local.Faults;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;

/**
 * The routes of {@code NoCredentialsInLogsIT}, in a JVM of their own so that its logging is set from the start: session
 * credentials of known values, a job started and its completion emitted through the local SNS and SQS, the results read
 * page by page, a start refused by validation, a call refused by the service (throttled, retried) and a consumer whose
 * queue is missing. Prints {@code PROBE DONE} when all of it happened.
 */
public final class CredentialsLogProbe {

    static final String ACCESS_KEY = "AKIAPROBE0ACCESS0KEY";
    static final String SECRET_KEY = "probeSecretKey0wJalrXUtnFEMIK7MDENGbPxRfiCY";
    static final String SESSION_TOKEN = "probeSessionToken0IQoJb3JpZ2luX2VjEJr0session0token0value";

    public static void main(String[] args) throws Exception {
        try (LocalRekognitionVideo local = LocalRekognitionVideo.start(); CamelContext context = new DefaultCamelContext()) {
            local.s3Client().createBucket(b -> b.bucket("videos"));
            local.s3Client().putObject(b -> b.bucket("videos").key("empty.mp4"), RequestBody.fromFile(SampleVideos.noFace()));
            String topic = local.snsClient().createTopic(b -> b.name("AmazonRekognitionProbe")).topicArn();
            String queue = local.sqsClient().createQueue(b -> b.queueName("probe")).queueUrl();
            String queueArn = local.sqsClient().getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            local.snsClient().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));

            RekognitionVideo2Configuration configuration = context
                    .getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration();
            configuration.setRegion(local.region());
            configuration.setAccessKey(ACCESS_KEY);
            configuration.setSecretKey(SECRET_KEY);
            configuration.setSessionToken(SESSION_TOKEN);
            configuration.setUseSessionCredentials(true);
            configuration.setOverrideEndpoint(true);
            configuration.setUriEndpointOverride(local.rekognitionEndpoint().toString());
            configuration.setSqsUriEndpointOverride(local.sqsEndpoint().toString());
            configuration.setSnsSigningCertificate(local.snsSigningCertificate().toString());

            CountDownLatch completed = new CountDownLatch(1);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("aws2-rekognition-video:faces?bucketName=videos&snsTopicArn=" + topic
                                            + "&roleArn=" + local.roleArn("RekognitionPublishToSns"));
                    // credentials in a URI too: Camel prints endpoint URIs with secret options masked
                    from("direct:pages").to("aws2-rekognition-video:faces?operation=getFaceDetection&maxAttempts=3"
                                            + "&accessKey=RAW(" + ACCESS_KEY + ")&secretKey=RAW(" + SECRET_KEY
                                            + ")&sessionToken=RAW(" + SESSION_TOKEN + ")&useSessionCredentials=true");
                    from("aws2-rekognition-video:faces?waitTimeSeconds=1&resultMode=page&maxResults=1&queueUrl=" + queue)
                            .log("completed ${header.CamelAwsRekognitionVideoJobId}")
                            .process(e -> completed.countDown());
                    from("aws2-rekognition-video:faces?waitTimeSeconds=1&queueUrl=" + local.sqsEndpoint()
                         + "/000000000000/missing").routeId("missing-queue").log("never");
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            Exchange started = template.request("direct:start",
                    e -> e.getMessage().setHeaders(new HashMap<>(Map.of(OBJECT_KEY, "empty.mp4"))));
            check(started.getException() == null, "the job started", started.getException());
            check(completed.await(60, TimeUnit.SECONDS), "the job completed", null);
            Exchange refused = template.request("direct:start",
                    e -> e.getMessage().setHeaders(new HashMap<>(Map.of(OBJECT_KEY, "empty.mp4", JOB_TAG, "no spaces"))));
            check(refused.getException() instanceof RekognitionVideo2ValidationException, "validation refused", null);
            local.faults(Faults.parse("{\"operations\":{\"GetFaceDetection\":{\"throttleRate\":1.0}}}"));
            Exchange throttled = template.request("direct:pages", e -> e.getMessage().setHeader(JOB_ID,
                    started.getMessage().getHeader(JOB_ID)));
            check(throttled.getException() != null, "throttled", null);
            Thread.sleep(1500); // a failed receive of the missing queue
            // what a user may print: the endpoints, the configuration, the exceptions
            // (getEndpointUri() is the endpoint's key, as written, and not meant for printing)
            context.getEndpoints().forEach(endpoint -> print("endpoint " + endpoint));
            print("configuration " + configuration);
            print("exceptions " + refused.getException() + " " + throttled.getException());
        }
        print("PROBE DONE");
        System.out.flush();
        System.exit(0);
    }

    /** A line of its own in the log, as slf4j-simple writes one. */
    private static void print(String line) {
        System.out.println("0 [probe] INFO " + CredentialsLogProbe.class.getName() + " - " + line);
    }

    private static void check(boolean condition, String what, Throwable cause) {
        if (!condition) {
            throw new IllegalStateException("probe: not " + what, cause);
        }
    }
}
