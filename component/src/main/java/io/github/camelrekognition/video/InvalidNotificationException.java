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

    public InvalidNotificationException(String reason) {
        super("Not a Rekognition Video completion notification: " + reason);
    }

    /** A message whose whole text is {@code message}. */
    protected InvalidNotificationException(String message, boolean whole) {
        super(message);
    }
}
