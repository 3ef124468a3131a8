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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.rekognition.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.VideoMetadata;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer end to end against the local Rekognition Video: a real video in S3, a real job, real faces, and the
 * service's own errors.
 */
class ProducerLocalServerIT extends CamelTestSupport {

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();

    @BeforeAll
    static void uploadVideos() {
        LocalRekognitionVideo server = local.get();
        server.s3Client().createBucket(b -> b.bucket("videos"));
        server.s3Client().putObject(b -> b.bucket("videos").key("door/clip.mp4"),
                RequestBody.fromFile(SampleVideos.clearFrontal()));
        server.s3Client().putObject(b -> b.bucket("videos").key("door/empty.mp4"),
                RequestBody.fromFile(SampleVideos.noFace()));
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        return RekognitionVideo2TestSupport.pointAt(super.createCamelContext(), local.get().rekognitionEndpoint(),
                local.get().region());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("aws2-rekognition-video:faces?bucketName=videos&faceAttributes=ALL");
                from("direct:get").to("aws2-rekognition-video:faces?operation=getFaceDetection");
            }
        };
    }

    private Exchange start(Map<String, Object> headers) {
        return template.request("direct:start", e -> e.getMessage().setHeaders(new HashMap<>(headers)));
    }

    private Exchange awaitResult(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Exchange result = template.request("direct:get", e -> e.getMessage().setHeader(JOB_ID, jobId));
            if (result.getException() != null || !"IN_PROGRESS".equals(result.getMessage().getHeader(JOB_STATUS))) {
                return result;
            }
            assertTrue(System.nanoTime() < deadline, "job " + jobId + " did not finish");
            Thread.sleep(100);
        }
    }

    @Test
    void startsAJobAndReadsEveryFaceOfTheVideo() throws Exception {
        Exchange started = start(Map.of(S3_KEY, "door/clip.mp4", JOB_TAG, "e2e"));
        assertNull(started.getException());
        String jobId = started.getMessage().getHeader(JOB_ID, String.class);

        Exchange result = awaitResult(jobId);

        assertNull(result.getException());
        assertEquals("SUCCEEDED", result.getMessage().getHeader(JOB_STATUS));
        @SuppressWarnings("unchecked")
        List<FaceDetection> faces = result.getMessage().getBody(List.class);
        int expected = SampleVideos.CLEAR_SECONDS * 1000 / 200 * 2;
        assertTrue(faces.size() >= expected * 9 / 10, faces.size() + " faces of the " + expected + " in the video");
        assertEquals(faces.size(), result.getMessage().getHeader(FACE_COUNT));
        VideoMetadata metadata = result.getMessage().getHeader(VIDEO_METADATA, VideoMetadata.class);
        assertEquals(SampleVideos.WIDTH, metadata.frameWidth());
        assertEquals("h264", metadata.codec());
    }

    @Test
    void pagesThroughTheResultWithTheNextTokenHeader() throws Exception {
        String jobId = start(Map.of(S3_KEY, "door/clip.mp4", JOB_TAG, "pages")).getMessage().getHeader(JOB_ID, String.class);
        @SuppressWarnings("unchecked")
        List<FaceDetection> whole = awaitResult(jobId).getMessage().getBody(List.class);

        List<FaceDetection> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String token = next;
            Exchange page = template.request("direct:get", e -> {
                e.getMessage().setHeader(JOB_ID, jobId);
                e.getMessage().setHeader(MAX_RESULTS, 25);
                e.getMessage().setHeader(NEXT_TOKEN, token);
            });
            paged.addAll(page.getMessage().getBody(List.class));
            next = page.getMessage().getHeader(NEXT_TOKEN, String.class);
            pages++;
        } while (next != null);

        assertEquals(whole, paged);
        assertEquals((whole.size() + 24) / 25, pages);
        assertTrue(pages >= 3, pages + " pages");
    }

    @Test
    void aRedeliveredEventStartsNoSecondJobButOtherSettingsDo() {
        Map<String, Object> event = Map.of(S3_BUCKET_NAME, "videos", S3_KEY, "door/empty.mp4");

        String first = start(event).getMessage().getHeader(JOB_ID, String.class);
        String redelivered = start(event).getMessage().getHeader(JOB_ID, String.class);
        String otherTag
                = start(Map.of(S3_KEY, "door/empty.mp4", JOB_TAG, "rerun")).getMessage().getHeader(JOB_ID, String.class);

        assertEquals(first, redelivered, "the derived ClientRequestToken makes the redelivery idempotent");
        assertNotEquals(first, otherTag);
    }

    @Test
    void reportsTheServiceErrorsAsTheSdkExceptions() {
        assertInstanceOf(InvalidS3ObjectException.class, start(Map.of(S3_KEY, "door/missing.mp4")).getException());
        assertInstanceOf(ResourceNotFoundException.class,
                template.request("direct:get", e -> e.getMessage().setHeader(JOB_ID, "no-such-job")).getException());
        String jobId = start(Map.of(S3_KEY, "door/empty.mp4", JOB_TAG, "errors")).getMessage().getHeader(JOB_ID, String.class);
        assertInstanceOf(InvalidPaginationTokenException.class, template.request("direct:get", e -> {
            e.getMessage().setHeader(JOB_ID, jobId);
            e.getMessage().setHeader(NEXT_TOKEN, "not-a-token");
        }).getException());
        assertNull(start(Map.of(S3_KEY, "door/empty.mp4", CLIENT_REQUEST_TOKEN, "token-1")).getException());
        assertInstanceOf(IdempotentParameterMismatchException.class,
                start(Map.of(S3_KEY, "door/clip.mp4", CLIENT_REQUEST_TOKEN, "token-1")).getException());
    }
}
