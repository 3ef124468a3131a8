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

import org.apache.camel.Message;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.RESULT_REFERENCE;

/**
 * Results too large for a message, stored by reference ({@code largeResultBucket}): when the JSON of an exchange's
 * results is longer than {@code largeResultLimit} bytes, it is written to S3 as one object, and the exchange carries
 * the object's S3 URI in {@code CamelAwsRekognitionVideoResultReference} and no body. The object is written before the
 * exchange is emitted; its key is the job's, its status and the part of the job, so a redelivered job writes the same
 * object again.
 */
final class LargeResults {

    static final String CONTENT_TYPE = "application/json";

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;
    private final int limit;

    LargeResults(S3Client s3, String bucket, String keyPrefix, int limit) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
        this.limit = limit;
    }

    /** The store of an endpoint, or null when it has no {@code largeResultBucket}. */
    static LargeResults of(RekognitionVideo2Endpoint endpoint) {
        RekognitionVideo2Configuration configuration = endpoint.getConfiguration();
        return configuration.getLargeResultBucket() == null
                ? null
                : new LargeResults(
                        endpoint.getS3Client(), configuration.getLargeResultBucket(),
                        configuration.getLargeResultKeyPrefix(), configuration.getLargeResultLimit());
    }

    /**
     * The key of the object of a part of a job: {@code <prefix><job id>/<status>.json} for the whole job, or
     * {@code <prefix><job id>/<status>-<part>.json}.
     */
    String key(RekognitionVideo2Notification notification, String part) {
        return keyPrefix + notification.jobId() + "/" + notification.status() + (part == null ? "" : "-" + part)
               + ".json";
    }

    /**
     * Moves the message's results to S3 when their JSON is longer than the limit: the body becomes null and the
     * reference header is set. A smaller result stays in the body, as it was.
     */
    void storeIfLarge(Message message, RekognitionVideo2Notification notification, String part) {
        Object results = message.getBody();
        if (results == null) {
            return;
        }
        byte[] json = SdkJson.toJsonBytes(results);
        if (json.length <= limit) {
            return;
        }
        String key = key(notification, part);
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE), RequestBody.fromBytes(json));
        message.setBody(null);
        message.setHeader(RESULT_REFERENCE, "s3://" + bucket + "/" + key);
    }
}
