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
package io.github.camelrekognition.local;

/**
 * An error answered the way the AWS service answers it: an HTTP status and a body {@code {"__type": type, "Message":
 * message}}, which the AWS SDK turns into its typed exception of that name.
 */
public class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;

    public ServiceException(String type, int status, String message) {
        super(message);
        this.type = type;
        this.status = status;
    }

    /** A client error (HTTP 400). */
    public static ServiceException client(String type, String message) {
        return new ServiceException(type, 400, message);
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }
}
