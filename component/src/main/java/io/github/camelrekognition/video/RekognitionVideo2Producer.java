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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.NotificationChannel;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.Video;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;

/**
 * Turns a message into a Rekognition Video call. Every request field comes from a header, else from the endpoint
 * option; the request is checked against the Rekognition API model before it is sent, and service errors reach the
 * route as the SDK's own exceptions.
 */
public class RekognitionVideo2Producer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionVideo2Producer.class);

    private final RekognitionApiValidator validator = RekognitionApiValidator.get();

    private WritableHealthCheckRepository healthCheckRepository;
    private RekognitionVideo2ProducerHealthCheck healthCheck;

    public RekognitionVideo2Producer(RekognitionVideo2Endpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // health checks are optional: registered when the CamelContext has the producers repository
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new RekognitionVideo2ProducerHealthCheck(getEndpoint(), getEndpoint().getId());
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public RekognitionVideo2Endpoint getEndpoint() {
        return (RekognitionVideo2Endpoint) super.getEndpoint();
    }

    private RekognitionVideo2Configuration configuration() {
        return getEndpoint().getConfiguration();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (determineOperation(exchange.getMessage())) {
            case startFaceDetection -> startFaceDetection(exchange.getMessage());
            case getFaceDetection -> getFaceDetection(exchange.getMessage());
        }
    }

    private RekognitionVideo2Operations determineOperation(Message message) {
        Object header = message.getHeader(OPERATION);
        return header != null
                ? RekognitionVideo2Operations.fromValue(header, "header " + OPERATION)
                : configuration().getOperation();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // StartFaceDetection

    private void startFaceDetection(Message message) throws InvalidPayloadException {
        StartFaceDetectionRequest request = startFaceDetectionRequest(message);
        LOG.debug("StartFaceDetection of s3://{}/{}", request.video().s3Object().bucket(),
                request.video().s3Object().name());
        StartFaceDetectionResponse response = getEndpoint().getRekognitionClient().startFaceDetection(request);
        getEndpoint().getComponent().jobStarted(configuration().getLabel(), response.jobId());
        message.setHeader(JOB_ID, response.jobId());
        message.setBody(response);
    }

    /** The request of the message (its body, or its headers and the options), validated against the API model. */
    StartFaceDetectionRequest startFaceDetectionRequest(Message message) throws InvalidPayloadException {
        StartFaceDetectionRequest request;
        Function<String, String> sourceOf;
        if (configuration().isPojoRequest()) {
            request = message.getMandatoryBody(StartFaceDetectionRequest.class);
            sourceOf = bodySource(StartFaceDetectionRequest.class);
        } else {
            Sources sources = new Sources();
            VideoJob job = VideoJob.from(message, configuration(), sources);
            String faceAttributes = sources.pick(message, "FaceAttributes", FACE_ATTRIBUTES,
                    "faceAttributes", configuration().getFaceAttributes());
            request = StartFaceDetectionRequest.builder()
                    .video(job.video())
                    .notificationChannel(job.notificationChannel())
                    .jobTag(job.jobTag())
                    .faceAttributes(faceAttributes)
                    .build();
            String token = clientRequestToken(message, request, sources, RekognitionVideo2Operations.startFaceDetection);
            request = request.toBuilder().clientRequestToken(token).build();
            sourceOf = sources::of;
        }
        validator.validate("StartFaceDetection", request, sourceOf);
        return request;
    }

    /**
     * The ClientRequestToken of the header, else one derived from the request (sent without a token), else none.
     */
    private String clientRequestToken(
            Message message, SdkPojo request, Sources sources, RekognitionVideo2Operations operation) {
        String token = sources.pick(message, ClientRequestTokens.TOKEN_MEMBER, CLIENT_REQUEST_TOKEN, null, null);
        if (token == null && configuration().isDeriveClientRequestToken()) {
            token = ClientRequestTokens.derive(operation.name(), request);
            sources.put(ClientRequestTokens.TOKEN_MEMBER, "the token derived from the request");
        }
        return token;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // GetFaceDetection

    private void getFaceDetection(Message message) throws InvalidPayloadException {
        GetFaceDetectionRequest request;
        Function<String, String> sourceOf;
        if (configuration().isPojoRequest()) {
            request = message.getMandatoryBody(GetFaceDetectionRequest.class);
            sourceOf = bodySource(GetFaceDetectionRequest.class);
        } else {
            Sources sources = new Sources();
            String jobId = sources.pick(message, "JobId", JOB_ID, null, null);
            if (jobId == null) {
                throw new RekognitionVideo2ValidationException(
                        "header " + JOB_ID, "GetFaceDetection needs the JobId of a face detection job");
            }
            request = GetFaceDetectionRequest.builder()
                    .jobId(jobId)
                    .maxResults(sources.pickInteger(message, "MaxResults", MAX_RESULTS))
                    .nextToken(sources.pick(message, "NextToken", NEXT_TOKEN, null, null))
                    .build();
            sourceOf = sources::of;
        }
        validator.validate("GetFaceDetection", request, sourceOf);

        RekognitionClient client = getEndpoint().getRekognitionClient();
        if (request.maxResults() != null || request.nextToken() != null) {
            GetFaceDetectionResponse page = client.getFaceDetection(request);
            setFaceDetectionResult(message, request.jobId(), page, page.faces());
            message.setHeader(NEXT_TOKEN, page.nextToken());
        } else {
            GetFaceDetectionResponse first = null;
            List<FaceDetection> faces = new ArrayList<>();
            for (GetFaceDetectionResponse page : client.getFaceDetectionPaginator(request)) {
                first = first == null ? page : first;
                faces.addAll(page.faces());
            }
            setFaceDetectionResult(message, request.jobId(), first, faces);
            message.removeHeader(NEXT_TOKEN);
        }
    }

    private static void setFaceDetectionResult(
            Message message, String jobId, GetFaceDetectionResponse response, List<FaceDetection> faces) {
        message.setHeader(JOB_ID, jobId);
        message.setHeader(JOB_STATUS, response.jobStatusAsString());
        message.setHeader(STATUS_MESSAGE, response.statusMessage());
        message.setHeader(VIDEO_METADATA, response.videoMetadata());
        message.setHeader(FACE_COUNT, faces.size());
        message.setBody(faces);
    }

    private static Function<String, String> bodySource(Class<?> requestType) {
        return path -> "message body " + requestType.getSimpleName();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The fields every Start* request of Rekognition Video shares: the video in S3, the notification channel and the
     * job tag.
     */
    record VideoJob(String bucket, String key, String version, String snsTopicArn, String roleArn, String jobTag) {

        static VideoJob from(Message message, RekognitionVideo2Configuration configuration, Sources sources) {
            String bucket = sources.pick(message, "Video.S3Object.Bucket", BUCKET_NAME, S3_BUCKET_NAME,
                    "bucketName", configuration.getBucketName());
            if (bucket == null) {
                throw new RekognitionVideo2ValidationException(
                        sources.of("Video.S3Object.Bucket"), "no S3 bucket for the video (Video.S3Object.Bucket): set one");
            }
            String key = sources.pick(message, "Video.S3Object.Name", OBJECT_KEY, S3_KEY, null, null);
            if (key == null) {
                throw new RekognitionVideo2ValidationException(
                        sources.of("Video.S3Object.Name"), "no S3 object key for the video (Video.S3Object.Name): set one");
            }
            String version = sources.pick(message, "Video.S3Object.Version", OBJECT_VERSION, S3_VERSION_ID, null, null);
            String topic = sources.pick(message, "NotificationChannel.SNSTopicArn", SNS_TOPIC_ARN,
                    "snsTopicArn", configuration.getSnsTopicArn());
            String role = sources.pick(message, "NotificationChannel.RoleArn", ROLE_ARN,
                    "roleArn", configuration.getRoleArn());
            if (topic != null && role == null || topic == null && role != null) {
                String missing = topic == null ? "NotificationChannel.SNSTopicArn" : "NotificationChannel.RoleArn";
                String given = topic == null ? "NotificationChannel.RoleArn" : "NotificationChannel.SNSTopicArn";
                throw new RekognitionVideo2ValidationException(
                        sources.of(missing), "the notification channel needs both an SNS topic ARN and a role ARN, but only "
                                             + sources.of(given) + " gives one: set one of these too");
            }
            String jobTag = sources.pick(message, "JobTag", JOB_TAG, "jobTag", configuration.getJobTag());
            return new VideoJob(bucket, key, version, topic, role, jobTag);
        }

        Video video() {
            return Video.builder().s3Object(o -> o.bucket(bucket).name(key).version(version)).build();
        }

        NotificationChannel notificationChannel() {
            return snsTopicArn == null ? null
                    : NotificationChannel.builder().snsTopicArn(snsTopicArn).roleArn(roleArn).build();
        }
    }

    /**
     * Reads request fields from headers and options, remembering for each API member path where its value came from
     * (or, when absent, where it could have come from) so that errors name it. The names are rendered only when an
     * error asks for them.
     */
    static final class Sources {

        /**
         * A path's source: the places it was read from, and which of them gave the value ({@code from}: the header,
         * the fallback header, the option, or none of them).
         */
        private record Read(String header, String fallbackHeader, String option, Place from) {

            enum Place {
                HEADER,
                FALLBACK_HEADER,
                OPTION,
                NONE
            }

            @Override
            public String toString() {
                switch (from) {
                    case HEADER:
                        return "header " + header;
                    case FALLBACK_HEADER:
                        return "header " + fallbackHeader;
                    case OPTION:
                        return "option " + option;
                    default:
                        break;
                }
                List<String> candidates = new ArrayList<>(3);
                for (String name : new String[] { header, fallbackHeader }) {
                    if (name != null) {
                        candidates.add("header " + name);
                    }
                }
                if (option != null) {
                    candidates.add("option " + option);
                }
                return candidates.size() == 1 ? candidates.get(0)
                        : String.join(", ", candidates.subList(0, candidates.size() - 1)) + " or "
                          + candidates.get(candidates.size() - 1);
            }
        }

        private final Map<String, Object> byPath = new HashMap<>();

        String of(String path) {
            Object source = byPath.get(path);
            return source == null ? path : source.toString();
        }

        void put(String path, String source) {
            byPath.put(path, source);
        }

        String pick(Message message, String path, String header, String option, String optionValue) {
            return pick(message, path, header, null, option, optionValue);
        }

        /** The first of {@code header}, {@code fallbackHeader} (if any) and the option's value that is set. */
        String pick(
                Message message, String path, String header, String fallbackHeader, String option, String optionValue) {
            String value = message.getHeader(header, String.class);
            Read.Place from = Read.Place.HEADER;
            if (value == null && fallbackHeader != null) {
                value = message.getHeader(fallbackHeader, String.class);
                from = Read.Place.FALLBACK_HEADER;
            }
            if (value == null && option != null) {
                value = optionValue;
                from = Read.Place.OPTION;
            }
            byPath.put(path, new Read(header, fallbackHeader, option, value == null ? Read.Place.NONE : from));
            return value;
        }

        Integer pickInteger(Message message, String path, String header) {
            Object value = message.getHeader(header);
            put(path, "header " + header);
            if (value == null) {
                return null;
            }
            Integer answer = message.getExchange().getContext().getTypeConverter().tryConvertTo(Integer.class, value);
            if (answer == null) {
                throw new RekognitionVideo2ValidationException(
                        "header " + header, path + " '" + value + "' must be a whole number");
            }
            return answer;
        }
    }
}
