package io.github.camelrekognition.video;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;

/**
 * Runs the YAML DSL routes of {@code routes/start-and-get-faces.camel.yaml} against a {@link RecordingRekognitionServer}
 * on loopback and prints what crossed the wire. The server's answers are prepared here: this shows the producer's side
 * of the protocol only, until the local Rekognition Video server detects faces for real.
 * <p>
 * {@code mvn -B -q -pl component test-compile exec:java@producer-example}
 */
public final class ProducerExample {

    private ProducerExample() {
    }

    public static void main(String[] args) throws Exception {
        try (RecordingRekognitionServer server = new RecordingRekognitionServer();
             CamelContext context = new DefaultCamelContext()) {
            server.answer("StartFaceDetection", Map.of("JobId", "example-job-1"))
                    .answer("GetFaceDetection", Map.of("JobStatus", "SUCCEEDED", "NextToken", "page-2",
                            "Faces", List.of(face(0, 0.40), face(200, 0.42))))
                    .answer("GetFaceDetection", Map.of("JobStatus", "SUCCEEDED",
                            "Faces", List.of(face(400, 0.44))));

            RekognitionVideo2Configuration configuration
                    = context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration();
            configuration.setRegion("us-east-1");
            configuration.setAccessKey("local");
            configuration.setSecretKey("local");
            configuration.setOverrideEndpoint(true);
            configuration.setUriEndpointOverride(server.endpoint().toString());
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "classpath:routes/start-and-get-faces.camel.yaml"));
            context.start();

            ProducerTemplate template = context.createProducerTemplate();
            Exchange started = template.request("direct:yaml-start",
                    e -> e.getMessage().setHeaders(Map.of(S3_BUCKET_NAME, "videos", S3_KEY, "door-camera/0001.mp4")));
            failOn(started);
            System.out.println("StartFaceDetection sent: " + server.requests("StartFaceDetection").get(0).body());
            String jobId = started.getMessage().getHeader(JOB_ID, String.class);
            System.out.println("Job id: " + jobId);

            Exchange result = template.request("direct:yaml-get", e -> e.getMessage().setHeader(JOB_ID, jobId));
            failOn(result);
            System.out.println("GetFaceDetection calls: " + server.requests("GetFaceDetection").size()
                               + ", job status: " + result.getMessage().getHeader(JOB_STATUS)
                               + ", faces: " + result.getMessage().getHeader(FACE_COUNT));
            for (Object detection : result.getMessage().getBody(List.class)) {
                FaceDetection face = (FaceDetection) detection;
                System.out.printf("  t=%4d ms  box left=%.2f top=%.2f  confidence=%.1f%n", face.timestamp(),
                        face.face().boundingBox().left(), face.face().boundingBox().top(), face.face().confidence());
            }
        }
    }

    private static Map<String, Object> face(long timestamp, double left) {
        return Map.of("Timestamp", timestamp, "Face", Map.of("Confidence", 99.2,
                "BoundingBox", Map.of("Width", 0.12, "Height", 0.2, "Left", left, "Top", 0.31)));
    }

    private static void failOn(Exchange exchange) throws Exception {
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
    }
}
