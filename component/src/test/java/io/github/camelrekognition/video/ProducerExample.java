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

import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.SampleVideos;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.VideoMetadata;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;

/**
 * Runs the YAML DSL routes of {@code routes/example-faces.camel.yaml} against the local Rekognition Video: uploads the
 * sample video with two faces to S3, starts face detection with the aws2-s3 consumer's headers, waits for the job and
 * prints what was found. No AWS account needed.
 * <p>
 * {@code mvn -B -q -pl component -am test-compile exec:java@producer-example}
 */
public final class ProducerExample {

    private ProducerExample() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalRekognitionVideo local = LocalRekognitionVideo.start();
             CamelContext context = new DefaultCamelContext()) {
            local.s3Client().createBucket(b -> b.bucket("videos"));
            local.s3Client().putObject(b -> b.bucket("videos").key("door-camera/0001.mp4"),
                    RequestBody.fromFile(SampleVideos.clearFrontal()));
            String topicArn = local.snsClient().createTopic(b -> b.name("AmazonRekognitionFaces")).topicArn();

            RekognitionVideo2Configuration configuration
                    = context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration();
            configuration.setRegion(local.region());
            configuration.setAccessKey(LocalRekognitionVideo.ACCESS_KEY);
            configuration.setSecretKey(LocalRekognitionVideo.SECRET_KEY);
            configuration.setOverrideEndpoint(true);
            configuration.setUriEndpointOverride(local.rekognitionEndpoint().toString());
            Properties properties = new Properties();
            properties.setProperty("topicArn", topicArn);
            properties.setProperty("roleArn", local.roleArn("RekognitionPublishToSns"));
            context.getPropertiesComponent().setInitialProperties(properties);
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "classpath:routes/example-faces.camel.yaml"));
            context.start();

            ProducerTemplate template = context.createProducerTemplate();
            long started = System.nanoTime();
            // the headers Camel's aws2-s3 consumer sets for a new object
            Exchange start = template.request("direct:start",
                    e -> e.getMessage().setHeaders(Map.of(S3_BUCKET_NAME, "videos", S3_KEY, "door-camera/0001.mp4")));
            failOn(start);
            String jobId = start.getMessage().getHeader(JOB_ID, String.class);

            Exchange result;
            do {
                Thread.sleep(200);
                result = template.request("direct:faces", e -> e.getMessage().setHeader(JOB_ID, jobId));
                failOn(result);
            } while ("IN_PROGRESS".equals(result.getMessage().getHeader(JOB_STATUS)));

            VideoMetadata video = result.getMessage().getHeader(VIDEO_METADATA, VideoMetadata.class);
            List<?> faces = result.getMessage().getBody(List.class);
            System.out.printf("Job %s %s in %d ms%n", jobId, result.getMessage().getHeader(JOB_STATUS),
                    (System.nanoTime() - started) / 1_000_000);
            if (video != null) {
                System.out.printf("Video: %s %dx%d, %.0f fps, %d ms%n", video.codec(), video.frameWidth(),
                        video.frameHeight(), video.frameRate(), video.durationMillis());
                System.out.printf("Faces: %d (%.1f per second of video)%n", faces.size(),
                        faces.size() * 1000.0 / video.durationMillis());
            } else {
                System.out.println("Reason: " + result.getMessage().getHeader(STATUS_MESSAGE));
            }
            faces.stream().limit(6).map(FaceDetection.class::cast).forEach(face -> System.out.printf(
                    "  t=%5d ms  left=%.2f top=%.2f width=%.2f height=%.2f  confidence=%.1f%n", face.timestamp(),
                    face.face().boundingBox().left(), face.face().boundingBox().top(),
                    face.face().boundingBox().width(), face.face().boundingBox().height(), face.face().confidence()));
            if (faces.size() > 6) {
                System.out.println("  ... " + (faces.size() - 6) + " more");
            }
        }
    }

    private static void failOn(Exchange exchange) throws Exception {
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
    }
}
