package io.github.camelrekognition.video;

/**
 * A request the producer refuses to send because a header, an option or a request field breaks a rule of the
 * Rekognition API (or of this component). Thrown before any network call; the message names the source of the bad
 * value and the rule it breaks.
 */
public class RekognitionVideo2ValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;

    public RekognitionVideo2ValidationException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /**
     * Where the bad value came from, e.g. {@code header CamelAwsRekognitionVideoJobTag} or {@code option roleArn}.
     */
    public String getSource() {
        return source;
    }
}
