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

import java.util.List;

import org.apache.camel.Message;
import software.amazon.awssdk.services.rekognition.model.RekognitionResponse;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;

/**
 * The headers and body of a job's results, the same for the producer's Get operations and the consumers' exchanges.
 */
final class ResultHeaders {

    private ResultHeaders() {
    }

    /** The results of a Get call (the producer's) as the body, and the job's status, metadata and result count. */
    static void setGetResults(
            Message message, RekognitionVideo2Analysis analysis, String jobId, RekognitionResponse response,
            List<?> results) {
        message.setHeader(JOB_ID, jobId);
        message.setHeader(JOB_STATUS, RekognitionVideo2Analysis.member(response, "JobStatus"));
        Response.of(response).setOn(message);
        setResults(message, analysis, results);
    }

    /** The job of a completion, as the consumers emit it: id, status, API, tag, video and completion time. */
    static void setCompletion(Message message, RekognitionVideo2Notification notification) {
        message.setHeader(JOB_ID, notification.jobId());
        message.setHeader(JOB_STATUS, notification.status());
        message.setHeader(API, notification.api());
        message.setHeader(JOB_TAG, notification.jobTag());
        message.setHeader(BUCKET_NAME, notification.s3Bucket());
        message.setHeader(OBJECT_KEY, notification.s3ObjectName());
        message.setHeader(COMPLETION_TIMESTAMP, notification.timestamp());
    }

    /**
     * The headers of a Get response: its status message and video metadata, the metadata as an object and as JSON.
     * Worked out once per response, for the exchanges of every result of its page.
     */
    record Response(Object statusMessage, Object videoMetadata, String videoMetadataJson) {

        static Response of(RekognitionResponse response) {
            Object metadata = RekognitionVideo2Analysis.member(response, "VideoMetadata");
            return new Response(
                    RekognitionVideo2Analysis.member(response, "StatusMessage"), metadata,
                    metadata == null ? null : SdkJson.toJson(metadata));
        }

        void setOn(Message message) {
            message.setHeader(STATUS_MESSAGE, statusMessage);
            message.setHeader(VIDEO_METADATA, videoMetadata);
            message.setHeader(VIDEO_METADATA_JSON, videoMetadataJson);
        }
    }

    /**
     * The message id of a part of a completion: {@code <job id>:<status>}, with {@code :page-<n>} or {@code :item-<n>}
     * for a part of a job emitted in several messages.
     *
     * @param part null for the whole job
     */
    static void setMessageId(Message message, RekognitionVideo2Notification notification, String part) {
        String id = notification.jobId() + ":" + notification.status();
        message.setHeader(MESSAGE_ID, part == null ? id : id + ":" + part);
    }

    /** The results as the body, and their count. */
    static void setResults(Message message, RekognitionVideo2Analysis analysis, List<?> results) {
        message.setBody(results);
        setResultCount(message, analysis, results.size());
    }

    /** {@code CamelAwsRekognitionVideoResultCount}, and {@code CamelAwsRekognitionVideoFaceCount} for faces. */
    static void setResultCount(Message message, RekognitionVideo2Analysis analysis, int count) {
        message.setHeader(RESULT_COUNT, count);
        if (analysis == RekognitionVideo2Analysis.FACE_DETECTION) {
            message.setHeader(FACE_COUNT, count);
        }
    }
}
