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

/**
 * A message on the completion queue that is not a Rekognition Video completion notification. The consumer hands it to
 * the route's error handler with the message body as it arrived.
 */
public class InvalidNotificationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a message was refused, as the metric of refused notifications tags it. */
    public enum Reason {
        /** Not a completion notification (not JSON, members missing or wrong). */
        INVALID("invalid"),
        /** Not trusted as coming from SNS: signature, signing certificate, unsigned where signatures are required. */
        UNTRUSTED("untrusted"),
        /** From an SNS topic that notificationTopicArns does not list. */
        OTHER_TOPIC("other-topic");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        /** The value of the {@code reason} tag. */
        public String tag() {
            return tag;
        }
    }

    private final Reason reason;

    public InvalidNotificationException(String reason) {
        super("Not a Rekognition Video completion notification: " + reason);
        this.reason = Reason.INVALID;
    }

    /** A message whose whole text is {@code message}. */
    protected InvalidNotificationException(String message, Reason reason) {
        super(message);
        this.reason = reason;
    }

    /** Why the message was refused. */
    public Reason getReason() {
        return reason;
    }
}
