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
 * sending the same request twice (a redelivered S3 event) starts one job, while any change of a field (another version,
 * tag, attributes or channel) starts a new one.
 * <p>
 * The token is the URL-safe Base64 of a SHA-256 over a length-prefixed rendering of the fields: 43 characters of
 * {@code [A-Za-z0-9_-]}, within the service's 1-64 characters of {@code ^[a-zA-Z0-9-_]+$}.
 */
public final class ClientRequestTokens {

    static final String TOKEN_MEMBER = "ClientRequestToken";

    /** Cloned for each token: cheaper than looking the algorithm up among the JVM's providers every time. */
    private static final MessageDigest SHA_256 = sha256();

    private ClientRequestTokens() {
    }

    public static String derive(String operation, SdkPojo request) {
        StringBuilder canonical = new StringBuilder();
        append(canonical, "operation", operation);
        appendFields(canonical, "", request);
        byte[] digest = newDigest().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void appendFields(StringBuilder canonical, String prefix, SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (prefix.isEmpty() && TOKEN_MEMBER.equals(field.locationName())) {
                continue;
            }
            appendValue(canonical, prefix, field.locationName(), field.getValueOrDefault(pojo));
        }
    }

    /** Appends the member {@code prefix + name}: its name is written out only for the values it leads to. */
    private static void appendValue(StringBuilder canonical, String prefix, String name, Object value) {
        if (value instanceof SdkPojo nested) {
            appendFields(canonical, prefix + name + ".", nested);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                appendValue(canonical, prefix, name + "[" + i + "]", list.get(i));
            }
        } else {
            canonical.append(prefix);
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
