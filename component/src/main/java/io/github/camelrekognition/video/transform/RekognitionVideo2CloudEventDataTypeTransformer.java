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
package io.github.camelrekognition.video.transform;

import java.time.Instant;
import java.util.Map;

import io.github.camelrekognition.video.RekognitionVideo2Analysis;
import io.github.camelrekognition.video.RekognitionVideo2Constants;
import org.apache.camel.Message;
import org.apache.camel.cloudevents.CloudEvent;
import org.apache.camel.cloudevents.CloudEvents;
import org.apache.camel.spi.DataType;
import org.apache.camel.spi.DataTypeTransformer;
import org.apache.camel.spi.Transformer;

/**
 * Turns an exchange the consumer emits into a CloudEvent 1.0: the CloudEvent headers of Camel's convention, and the
 * body as the JSON of the service ({@code application/json}). The id is the exchange's
 * {@code CamelAwsRekognitionVideoMessageId} (job, status and part: a redelivery carries the same id), the type names
 * the analysis and status ({@code org.apache.camel.event.aws.rekognition.video.FaceDetection.SUCCEEDED}), the source
 * the video's bucket ({@code aws.s3.bucket.<bucket>}, as {@code aws2-s3:application-cloudevents} names it), the subject
 * its key, and the time when the job completed. Results stored by reference ({@code largeResultBucket}) have no body,
 * and their S3 URI as the {@code dataref} extension attribute ({@code CamelCloudEventDataRef}).
 */
@DataTypeTransformer(name = "aws2-rekognition-video:application-cloudevents",
                     description = "Turns a completed job's exchange into a CloudEvent: its id, type, source, subject "
                                   + "and time, and the results as the service's JSON")
public class RekognitionVideo2CloudEventDataTypeTransformer extends Transformer {

    /** The prefix of the event types: then the analysis and the status. */
    public static final String TYPE_PREFIX = "org.apache.camel.event.aws.rekognition.video.";

    @Override
    public void transform(Message message, DataType fromType, DataType toType) throws Exception {
        Map<String, Object> headers = message.getHeaders();
        CloudEvent cloudEvent = CloudEvents.v1_0;
        String id = message.getHeader(RekognitionVideo2Constants.MESSAGE_ID, String.class);
        headers.put(CloudEvent.CAMEL_CLOUD_EVENT_ID, id != null ? id : message.getExchange().getExchangeId());
        headers.put(CloudEvent.CAMEL_CLOUD_EVENT_VERSION, cloudEvent.version());
        RekognitionVideo2Analysis analysis
                = RekognitionVideo2Analysis.ofStartApi(message.getHeader(RekognitionVideo2Constants.API, String.class));
        String status = message.getHeader(RekognitionVideo2Constants.JOB_STATUS, String.class);
        headers.put(CloudEvent.CAMEL_CLOUD_EVENT_TYPE, TYPE_PREFIX
                                                       + (analysis != null ? analysis.analysisName() : "job")
                                                       + (status != null ? "." + status : ""));
        String bucket = message.getHeader(RekognitionVideo2Constants.BUCKET_NAME, String.class);
        if (bucket != null) {
            headers.put(CloudEvent.CAMEL_CLOUD_EVENT_SOURCE, "aws.s3.bucket." + bucket);
        }
        String key = message.getHeader(RekognitionVideo2Constants.OBJECT_KEY, String.class);
        if (key != null) {
            headers.put(CloudEvent.CAMEL_CLOUD_EVENT_SUBJECT, key);
        }
        Long completed = message.getHeader(RekognitionVideo2Constants.COMPLETION_TIMESTAMP, Long.class);
        headers.put(CloudEvent.CAMEL_CLOUD_EVENT_TIME, completed != null
                ? Instant.ofEpochMilli(completed).toString() : cloudEvent.getEventTime(message.getExchange()));
        String reference = message.getHeader(RekognitionVideo2Constants.RESULT_REFERENCE, String.class);
        if (reference != null) {
            headers.put(RekognitionVideo2Constants.CLOUD_EVENT_DATA_REF, reference);
        }
        headers.put(CloudEvent.CAMEL_CLOUD_EVENT_DATA_CONTENT_TYPE, "application/json");
        headers.put(CloudEvent.CAMEL_CLOUD_EVENT_CONTENT_TYPE, "application/json");
        if (message.getBody() != null && !(message.getBody() instanceof String)) {
            message.setBody(message.getMandatoryBody(String.class));
        }
    }
}
