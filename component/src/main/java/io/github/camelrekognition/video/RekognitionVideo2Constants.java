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

import org.apache.camel.spi.Metadata;

/**
 * The message headers of the aws2-rekognition-video component.
 */
public interface RekognitionVideo2Constants {

    @Metadata(description = "The operation to perform, overriding the endpoint's `operation` option.",
              javaType = "io.github.camelrekognition.video.RekognitionVideo2Operations",
              enums = "startFaceDetection,getFaceDetection,startLabelDetection,getLabelDetection,"
                      + "startCelebrityRecognition,getCelebrityRecognition,startContentModeration,"
                      + "getContentModeration,startFaceSearch,getFaceSearch,startSegmentDetection,"
                      + "getSegmentDetection,startTextDetection,getTextDetection,startPersonTracking,"
                      + "getPersonTracking")
    String OPERATION = "CamelAwsRekognitionVideoOperation";

    @Metadata(description = "The S3 bucket holding the video (Video.S3Object.Bucket of a Start operation). When absent, "
                            + "the `CamelAwsS3BucketName` header set by the aws2-s3 consumer is used, then the "
                            + "`bucketName` option. Set by the consumer.",
              javaType = "String")
    String BUCKET_NAME = "CamelAwsRekognitionVideoBucketName";

    @Metadata(description = "The S3 object key of the video (Video.S3Object.Name of a Start operation). When absent, the "
                            + "`CamelAwsS3Key` header set by the aws2-s3 consumer is used. Set by the consumer.",
              javaType = "String")
    String OBJECT_KEY = "CamelAwsRekognitionVideoObjectKey";

    @Metadata(label = "producer",
              description = "The S3 object version of the video (Video.S3Object.Version of a Start operation). When "
                            + "absent, the `CamelAwsS3VersionId` header set by the aws2-s3 consumer is used.",
              javaType = "String")
    String OBJECT_VERSION = "CamelAwsRekognitionVideoObjectVersion";

    @Metadata(label = "producer",
              description = "The idempotency token of a Start operation (1 to 64 letters, digits, hyphens or "
                            + "underscores). When absent and `deriveClientRequestToken` is true, a token is derived from the "
                            + "request.",
              javaType = "String")
    String CLIENT_REQUEST_TOKEN = "CamelAwsRekognitionVideoClientRequestToken";

    @Metadata(description = "The job tag: sent with a Start operation (overriding the `jobTag` option) and returned "
                            + "in the completion notification.",
              javaType = "String")
    String JOB_TAG = "CamelAwsRekognitionVideoJobTag";

    @Metadata(label = "producer",
              description = "StartFaceDetection: the face attributes to return, DEFAULT or ALL (overriding the "
                            + "`faceAttributes` option).",
              javaType = "String", enums = "DEFAULT,ALL")
    String FACE_ATTRIBUTES = "CamelAwsRekognitionVideoFaceAttributes";

    @Metadata(label = "producer",
              description = "StartLabelDetection and StartContentModeration: the lowest confidence (0 to 100) of the "
                            + "labels returned (overriding the `minConfidence` option).",
              javaType = "Float")
    String MIN_CONFIDENCE = "CamelAwsRekognitionVideoMinConfidence";

    @Metadata(label = "producer",
              description = "StartLabelDetection: the features to detect, GENERAL_LABELS (a list, or names separated "
                            + "by commas; overriding the `features` option).",
              javaType = "java.util.List<String>")
    String FEATURES = "CamelAwsRekognitionVideoFeatures";

    @Metadata(label = "producer",
              description = "StartLabelDetection: the label filters (Settings), as the SDK's LabelDetectionSettings.",
              javaType = "software.amazon.awssdk.services.rekognition.model.LabelDetectionSettings")
    String SETTINGS = "CamelAwsRekognitionVideoSettings";

    @Metadata(label = "producer",
              description = "StartFaceSearch: the face collection to search (overriding the `collectionId` option).",
              javaType = "String")
    String COLLECTION_ID = "CamelAwsRekognitionVideoCollectionId";

    @Metadata(label = "producer",
              description = "StartFaceSearch: the lowest similarity (0 to 100) of a match (overriding the "
                            + "`faceMatchThreshold` option).",
              javaType = "Float")
    String FACE_MATCH_THRESHOLD = "CamelAwsRekognitionVideoFaceMatchThreshold";

    @Metadata(label = "producer",
              description = "StartSegmentDetection: the segment types to detect, SHOT and/or TECHNICAL_CUE (a list, or "
                            + "names separated by commas; overriding the `segmentTypes` option).",
              javaType = "java.util.List<String>")
    String SEGMENT_TYPES = "CamelAwsRekognitionVideoSegmentTypes";

    @Metadata(label = "producer",
              description = "StartSegmentDetection and StartTextDetection: the filters, as the SDK's "
                            + "StartSegmentDetectionFilters or StartTextDetectionFilters (for text: WordFilter and "
                            + "RegionsOfInterest).",
              javaType = "Object")
    String FILTERS = "CamelAwsRekognitionVideoFilters";

    @Metadata(label = "producer",
              description = "GetLabelDetection, GetCelebrityRecognition, GetContentModeration, GetFaceSearch and "
                            + "GetPersonTracking: the order of the results (overriding the `sortBy` option).",
              javaType = "String")
    String SORT_BY = "CamelAwsRekognitionVideoSortBy";

    @Metadata(label = "producer",
              description = "GetLabelDetection and GetContentModeration: TIMESTAMPS or SEGMENTS (overriding the "
                            + "`aggregateBy` option).",
              javaType = "String", enums = "TIMESTAMPS,SEGMENTS")
    String AGGREGATE_BY = "CamelAwsRekognitionVideoAggregateBy";

    @Metadata(label = "producer",
              description = "The ARN of the SNS topic Rekognition notifies on completion (overriding the "
                            + "`snsTopicArn` option). Goes together with a role ARN.",
              javaType = "String")
    String SNS_TOPIC_ARN = "CamelAwsRekognitionVideoSnsTopicArn";

    @Metadata(label = "producer",
              description = "The ARN of the IAM role that lets Rekognition publish to the SNS topic (overriding the "
                            + "`roleArn` option). Goes together with an SNS topic ARN.",
              javaType = "String")
    String ROLE_ARN = "CamelAwsRekognitionVideoRoleArn";

    @Metadata(description = "The job identifier: set by the Start operations, read by the Get operations.",
              javaType = "String")
    String JOB_ID = "CamelAwsRekognitionVideoJobId";

    @Metadata(label = "producer",
              description = "The pagination token of a Get operation. When set on the request, only that page is "
                            + "returned; set on the reply to the token of the next page, if any.",
              javaType = "String")
    String NEXT_TOKEN = "CamelAwsRekognitionVideoNextToken";

    @Metadata(label = "producer",
              description = "The maximum number of results in one page of a Get operation (at least 1). When set, only "
                            + "one page is returned.",
              javaType = "Integer")
    String MAX_RESULTS = "CamelAwsRekognitionVideoMaxResults";

    @Metadata(description = "The job status: IN_PROGRESS, SUCCEEDED or FAILED (ERROR in a completion notification).",
              javaType = "String")
    String JOB_STATUS = "CamelAwsRekognitionVideoJobStatus";

    @Metadata(description = "The reason the job failed, when it did.", javaType = "String")
    String STATUS_MESSAGE = "CamelAwsRekognitionVideoStatusMessage";

    @Metadata(description = "The video's metadata as Rekognition read it (codec, duration, format, frame rate and "
                            + "size): a VideoMetadata, or for segment detection the list of them.",
              javaType = "Object")
    String VIDEO_METADATA = "CamelAwsRekognitionVideoVideoMetadata";

    @Metadata(description = "CamelAwsRekognitionVideoVideoMetadata as JSON text, in the service's member names: a "
                            + "String, which a message bus's headers can carry.",
              javaType = "String")
    String VIDEO_METADATA_JSON = "CamelAwsRekognitionVideoVideoMetadataJson";

    @Metadata(description = "The number of results of the exchange (faces, labels, segments...; 1 in item mode): "
                            + "in the body, or in the object of CamelAwsRekognitionVideoResultReference.",
              javaType = "Integer")
    String RESULT_COUNT = "CamelAwsRekognitionVideoResultCount";

    @Metadata(label = "consumer",
              description = "Results too large for a message (largeResultBucket): the S3 URI of the object that holds "
                            + "their JSON (s3://<bucket>/<key>), in place of the body, which is then empty.",
              javaType = "String")
    String RESULT_REFERENCE = "CamelAwsRekognitionVideoResultReference";

    @Metadata(description = "Face detection only: the number of faces in the body, as CamelAwsRekognitionVideoResultCount.",
              javaType = "Integer")
    String FACE_COUNT = "CamelAwsRekognitionVideoFaceCount";

    @Metadata(label = "consumer", description = "The Start operation of the completed job (the API field of the "
                                                + "notification), e.g. StartFaceDetection.",
              javaType = "String")
    String API = "CamelAwsRekognitionVideoApi";

    @Metadata(label = "consumer", description = "When the job completed, in milliseconds since the epoch.",
              javaType = "Long")
    String COMPLETION_TIMESTAMP = "CamelAwsRekognitionVideoCompletionTimestamp";

    @Metadata(label = "consumer",
              description = "The id of the emitted message, the same every time the same part of the same completion "
                            + "is emitted (a redelivered notification, another instance), so that a reader downstream "
                            + "can drop a duplicate: the job id and status (`job-id:SUCCEEDED`) for a whole job "
                            + "(aggregate and notification modes, a job that did not succeed), then `:page-N` in page "
                            + "mode or `:item-N` in item mode, counted from 0.",
              javaType = "String")
    String MESSAGE_ID = "CamelAwsRekognitionVideoMessageId";

    @Metadata(label = "consumer",
              description = "Set by the aws2-rekognition-video:application-cloudevents data type when the results are "
                            + "stored by reference: the CloudEvents dataref extension attribute, the S3 URI of "
                            + "CamelAwsRekognitionVideoResultReference (named as Camel names the CloudEvent attribute "
                            + "headers; ce_dataref in Kafka's binding, ce-dataref in HTTP's, dataref in JSON).",
              javaType = "String")
    String CLOUD_EVENT_DATA_REF = "CamelCloudEventDataRef";

    @Metadata(description = "The W3C trace context (traceparent) of the exchange that started the job, as Camel's "
                            + "tracing sets it: the producer keeps it with the job in startedJobsRepository, and the "
                            + "consumer sets it on the job's exchanges, so that their trace continues the one of the "
                            + "start, on any instance.",
              javaType = "String")
    String TRACEPARENT = "traceparent";

    // Headers set by Camel's aws2-s3 consumer, read when this component's own are absent.
    String S3_BUCKET_NAME = "CamelAwsS3BucketName";
    String S3_KEY = "CamelAwsS3Key";
    String S3_VERSION_ID = "CamelAwsS3VersionId";
}
