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
package io.github.camelrekognition.examples.java;

import io.github.camelrekognition.video.dsl.RekognitionVideo2EndpointBuilderFactory.RekognitionVideo2Builders;
import io.github.camelrekognition.video.dsl.RekognitionVideo2EndpointBuilderFactory.RekognitionVideo2EndpointProducerBuilder;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.BUCKET_NAME;
import static io.github.camelrekognition.video.RekognitionVideo2Constants.OBJECT_KEY;
import static io.github.camelrekognition.video.RekognitionVideo2Constants.OBJECT_VERSION;

/**
 * Face detection in the Java DSL, with the Endpoint DSL builders of Camel's components and of this one
 * ({@code aws2RekognitionVideo(label)}, from {@link RekognitionVideo2Builders}).
 */
public class FaceDetectionRoutes extends EndpointRouteBuilder implements RekognitionVideo2Builders {

    @Override
    public void configure() {
        // A video lands in the bucket: start face detection from the aws2-s3 headers (once per key and ETag).
        from(aws2S3("videos").autoCreateBucket(true).deleteAfterRead(false).includeBody(false))
                .routeId("video-uploaded")
                .idempotentConsumer(simple("${header.CamelAwsS3Key}/${header.CamelAwsS3ETag}"))
                .idempotentRepository("#class:org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository")
                .to(startFaceDetection());

        // The variant where S3 Event Notifications arrive on a queue: each record of an event starts a job.
        from(aws2Sqs("s3-events").autoCreateQueue(true))
                .routeId("s3-event")
                .split().method(S3EventRecords.class, "records")
                .setHeader(BUCKET_NAME, simple("${body.bucket}"))
                .setHeader(OBJECT_KEY, simple("${body.key}"))
                .setHeader(OBJECT_VERSION, simple("${body.versionId}"))
                .to(startFaceDetection());

        // POJO mode: the body is a StartFaceDetectionRequest built by the caller, sent as is.
        from(direct("start-request"))
                .routeId("start-request")
                .to(aws2RekognitionVideo("faces").pojoRequest(true));

        // The job completed: one exchange with every face; publish a short event downstream.
        from(aws2RekognitionVideo("faces").queueUrl("{{completions.queueUrl}}").resultMode("aggregate"))
                .routeId("faces-found")
                .log("Job ${header.CamelAwsRekognitionVideoJobId} ${header.CamelAwsRekognitionVideoJobStatus}: "
                     + "${header.CamelAwsRekognitionVideoFaceCount} faces in ${header.CamelAwsRekognitionVideoObjectKey}")
                .setBody(simple("{\"jobId\":\"${header.CamelAwsRekognitionVideoJobId}\","
                                + "\"status\":\"${header.CamelAwsRekognitionVideoJobStatus}\","
                                + "\"video\":\"${header.CamelAwsRekognitionVideoObjectKey}\","
                                + "\"faces\":${header.CamelAwsRekognitionVideoFaceCount}}"))
                .to(aws2Sns("face-events").autoCreateTopic(true).subscribeSNStoSQS(true).queueArn("{{events.queueArn}}"));

        // The wiring a user does on AWS: starting this route creates the completion queue, the topic Rekognition
        // notifies and the subscription. It is never sent a message.
        from(direct("wiring"))
                .routeId("wiring").startupOrder(1)
                .to(aws2Sqs("face-detection-completions").autoCreateQueue(true))
                .to(aws2Sns("AmazonRekognitionFaces").autoCreateTopic(true).subscribeSNStoSQS(true)
                        .queueArn("{{completions.queueArn}}"));
    }

    private RekognitionVideo2EndpointProducerBuilder startFaceDetection() {
        return aws2RekognitionVideo("faces")
                .faceAttributes("ALL")
                .jobTag("java-dsl")
                .snsTopicArn("{{rekognition.topicArn}}")
                .roleArn("{{rekognition.roleArn}}");
    }
}
