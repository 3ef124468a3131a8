package io.github.camelrekognition.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rekognition.model.VideoTooLargeException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A video above the configured size is refused at start, as Rekognition refuses videos above 10 GB. */
class VideoSizeLimitIT {

    @RegisterExtension
    static LocalRekognitionVideoExtension extension = new LocalRekognitionVideoExtension(
            LocalRekognitionVideo.builder().maxVideoBytes(10_000));

    @Test
    void refusesAVideoAboveTheLimit(LocalRekognitionVideo local) {
        local.s3Client().createBucket(b -> b.bucket("videos"));
        LocalTestSupport.upload(local, "videos", "clear.mp4", SampleVideos.clearFrontal());

        VideoTooLargeException error = assertThrows(VideoTooLargeException.class, () -> local.rekognitionClient()
                .startFaceDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("videos").name("clear.mp4")))));

        assertTrue(error.getMessage().contains("the limit is 10000"), error.getMessage());
    }
}
