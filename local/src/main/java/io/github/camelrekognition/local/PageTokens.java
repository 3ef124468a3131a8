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

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The NextToken of a Get call: an opaque token naming a page of a job's results, signed with the server's key so that
 * no other token is taken (the service answers {@code InvalidPaginationTokenException} to one it did not give).
 */
final class PageTokens {

    private final byte[] key;

    /** @param key the signing key: kept in the state directory, so that tokens stay good across a restart */
    PageTokens(byte[] key) {
        this.key = key.clone();
    }

    /** The token of the page of {@code jobId}'s results that starts at {@code offset}. */
    String token(String jobId, int offset) {
        String payload = jobId + ":" + offset;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((payload + ":" + signature(payload)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The offset a token of {@code jobId} names.
     *
     * @throws ServiceException InvalidPaginationTokenException for a token this server did not give for the job
     */
    int offsetOf(String token, String jobId) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            String payload = parts[0] + ":" + parts[1];
            if (parts.length == 3 && parts[0].equals(jobId)
                    && MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.UTF_8),
                            signature(payload).getBytes(StandardCharsets.UTF_8))) {
                return Integer.parseInt(parts[1]);
            }
        } catch (RuntimeException e) {
            // not a token of ours: answered below
        }
        throw ServiceException.client("InvalidPaginationTokenException", "Invalid Token");
    }

    private String signature(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
