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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Derives the ClientRequestToken of a Start request from the operation and every other field of the request, so that
 * sending the same request twice (a redelivered S3 event) starts one job, while any change of a field (another
 * version, tag, attributes or channel) starts a new one.
 * <p>
 * The token is the URL-safe Base64 of a SHA-256 over a length-prefixed rendering of the fields: 43 characters of
 * {@code [A-Za-z0-9_-]}, within the service's 1-64 characters of {@code ^[a-zA-Z0-9-_]+$}.
 */
public final class ClientRequestTokens {

    static final String TOKEN_MEMBER = "ClientRequestToken";

    private ClientRequestTokens() {
    }

    public static String derive(String operation, SdkPojo request) {
        StringBuilder canonical = new StringBuilder();
        append(canonical, "operation", operation);
        appendFields(canonical, "", request);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void appendFields(StringBuilder canonical, String prefix, SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
            String name = prefix + field.locationName();
            if (TOKEN_MEMBER.equals(name)) {
                continue;
            }
            appendValue(canonical, name, field.getValueOrDefault(pojo));
        }
    }

    private static void appendValue(StringBuilder canonical, String name, Object value) {
        if (value instanceof SdkPojo nested) {
            appendFields(canonical, name + ".", nested);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                appendValue(canonical, name + "[" + i + "]", list.get(i));
            }
        } else {
            append(canonical, name, value == null ? null : value.toString());
        }
    }

    private static void append(StringBuilder canonical, String name, String value) {
        canonical.append(name).append('=');
        if (value == null) {
            canonical.append('-');
        } else {
            canonical.append(value.length()).append(':').append(value);
        }
        canonical.append(';');
    }
}
