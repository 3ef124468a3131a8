package io.github.camelrekognition.video;

/**
 * A message on the completion queue that is not a Rekognition Video completion notification. The consumer hands it
 * to the route's error handler with the message body as it arrived.
 */
public class InvalidNotificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidNotificationException(String reason) {
        super("Not a Rekognition Video completion notification: " + reason);
    }
}
