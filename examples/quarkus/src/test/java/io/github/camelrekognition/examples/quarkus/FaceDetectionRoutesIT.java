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
package io.github.camelrekognition.examples.quarkus;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Quarkus application end to end in JVM mode: the sample video in the bucket is found by the aws2-s3 route, face
 * detection runs on the local Rekognition Video, and the completion reaches the downstream folder with the faces.
 * {@link FaceDetectionRoutesPackagedIT} runs the same test against the packaged application.
 */
@QuarkusTest
@QuarkusTestResource(LocalRekognitionVideoResource.class)
class FaceDetectionRoutesIT {

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    void theSampleVideoEndsAsAFacesFoundEvent() throws Exception {
        Path events = Path.of(System.getProperty(LocalRekognitionVideoResource.EVENTS_FOLDER));
        String event = null;
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (event == null && System.nanoTime() < deadline) {
            if (Files.isDirectory(events)) {
                try (Stream<Path> files = Files.list(events)) {
                    List<Path> found = files.toList();
                    event = found.isEmpty() ? null : Files.readString(found.get(0));
                }
            }
            Thread.sleep(200);
        }

        assertTrue(event != null, "an event within 90 s");
        assertTrue(event.contains("\"status\":\"SUCCEEDED\"") && event.contains("\"video\":\"door.mp4\""), event);
        assertTrue(event.contains("\"faces\":60") || event.matches(".*\"faces\":5[4-9].*"), event);

        // the component's meters, in Quarkus's Micrometer registry, as Prometheus scrapes them
        String scraped = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(metrics.toURI()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(scraped.contains("rekognition_video_jobs_started_total{analysis=\"FaceDetection\"} 1.0"), scraped);
        assertTrue(scraped.contains(
                "rekognition_video_jobs_completed_total{analysis=\"FaceDetection\",status=\"SUCCEEDED\"} 1.0"), scraped);
        assertTrue(scraped.contains("rekognition_video_analyzed_video_minutes_total{analysis=\"FaceDetection\"} 0.1"),
                scraped);
    }
}
