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
 * A message on the completion queue that this consumer does not trust as coming from Amazon SNS: its SNS signature does
 * not verify (forged or altered), it is not signed where signatures are required, or it comes from a topic the consumer
 * does not take notifications from. The consumer hands it to the route's error handler, as it arrived, and never emits
 * it; a route can tell it from other invalid messages by this class.
 */
public class UntrustedNotificationException extends InvalidNotificationException {

    private static final long serialVersionUID = 1L;

    public UntrustedNotificationException(String reason) {
        this(reason, Reason.UNTRUSTED);
    }

    /** @param kind {@link Reason#UNTRUSTED} or {@link Reason#OTHER_TOPIC} */
    public UntrustedNotificationException(String reason, Reason kind) {
        super("Refused as a Rekognition Video completion notification: " + reason, kind);
    }
}
