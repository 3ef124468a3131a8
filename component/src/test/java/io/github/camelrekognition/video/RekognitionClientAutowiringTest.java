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

import java.util.Map;

import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A RekognitionClient bean in the registry is used as is: no credentials or endpoint options needed. */
class RekognitionClientAutowiringTest extends CamelTestSupport {

    @RegisterExtension
    static RecordingRekognitionServer server = RecordingRekognitionServer.forTestClass();
    private static RekognitionClient client;

    @BeforeAll
    static void start() throws Exception {
        client = RekognitionClient.builder().endpointOverride(server.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "key")))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BindToRegistry("myRekognitionClient")
    RekognitionClient rekognitionClient() {
        return client;
    }

    @Test
    void usesTheClientBeanAsIsAndLeavesItOpen() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-bean"));
        RekognitionVideo2Endpoint endpoint
                = context.getEndpoint("aws2-rekognition-video:faces", RekognitionVideo2Endpoint.class);

        Exchange result = template.request(endpoint,
                e -> e.getMessage().setHeaders(Map.of(BUCKET_NAME, "videos", OBJECT_KEY, "clip.mp4")));

        assertNull(result.getException());
        assertSame(client, endpoint.getRekognitionClient());
        assertEquals("job-bean", result.getMessage().getHeader(JOB_ID));
        assertEquals("videos", server.requests().get(0).body().at("/Video/S3Object/Bucket").asText());

        endpoint.stop();
        server.answer("StartFaceDetection", Map.of("JobId", "still-open"));
        assertEquals("still-open", client.startFaceDetection(r -> r.video(v -> v.s3Object(o -> o.bucket("b1c").name("k"))))
                .jobId(), "stopping the endpoint does not close a client it did not create");
    }
}
