package io.github.camelrekognition.video;

/**
 * What the consumer emits for a completed job.
 */
public enum RekognitionVideo2ResultMode {
    /** One exchange whose body is the {@code List<FaceDetection>} of every page. */
    aggregate,
    /** One exchange per GetFaceDetection page, body the page's {@code List<FaceDetection>}. */
    page,
    /** One exchange per {@code FaceDetection}, with Camel's split and batch properties. */
    item,
    /** One exchange whose body is the {@link RekognitionVideo2Notification}; no GetFaceDetection call. */
    notification
}
