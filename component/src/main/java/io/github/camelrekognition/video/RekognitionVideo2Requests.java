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
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.TypeConverter;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.services.rekognition.model.NotificationChannel;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;
import software.amazon.awssdk.services.rekognition.model.Video;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;

/**
 * Turns a message into the validated request of an operation: its body (with {@code pojoRequest}), or its headers and
 * the endpoint's options, member by member of the SDK request, as {@link #MEMBERS} says where each member comes from.
 * The request is checked against the Rekognition API model before it is returned; errors name the header or option the
 * wrong value came from.
 */
final class RekognitionVideo2Requests {

    /**
     * Where a request member comes from: a header, else a fallback header (the aws2-s3 consumer's), else an endpoint
     * option; the fallback header and the option are null where there is none.
     */
    record Member(String header, String fallbackHeader, String option,
            Function<RekognitionVideo2Configuration, Object> optionValue) {

        static Member header(String header) {
            return new Member(header, null, null, configuration -> null);
        }

        static Member header(String header, String fallbackHeader) {
            return new Member(header, fallbackHeader, null, configuration -> null);
        }

        static Member option(
                String header, String option, Function<RekognitionVideo2Configuration, Object> optionValue) {
            return new Member(header, null, option, optionValue);
        }
    }

    /**
     * The source of every member of the Start and Get requests, by its path in the request: the members of Video and
     * NotificationChannel, which every Start request shares, are set by {@link VideoJob}; the ClientRequestToken, when
     * no header gives it, is derived from the request.
     */
    static final Map<String, Member> MEMBERS = Map.ofEntries(
            Map.entry("Video.S3Object.Bucket", new Member(
                    BUCKET_NAME, S3_BUCKET_NAME, "bucketName",
                    RekognitionVideo2Configuration::getBucketName)),
            Map.entry("Video.S3Object.Name", Member.header(OBJECT_KEY, S3_KEY)),
            Map.entry("Video.S3Object.Version", Member.header(OBJECT_VERSION, S3_VERSION_ID)),
            Map.entry("NotificationChannel.SNSTopicArn",
                    Member.option(SNS_TOPIC_ARN, "snsTopicArn", RekognitionVideo2Configuration::getSnsTopicArn)),
            Map.entry("NotificationChannel.RoleArn",
                    Member.option(ROLE_ARN, "roleArn", RekognitionVideo2Configuration::getRoleArn)),
            Map.entry(ClientRequestTokens.TOKEN_MEMBER, Member.header(CLIENT_REQUEST_TOKEN)),
            Map.entry("JobTag", Member.option(JOB_TAG, "jobTag", RekognitionVideo2Configuration::getJobTag)),
            Map.entry("FaceAttributes",
                    Member.option(FACE_ATTRIBUTES, "faceAttributes", RekognitionVideo2Configuration::getFaceAttributes)),
            Map.entry("MinConfidence",
                    Member.option(MIN_CONFIDENCE, "minConfidence", RekognitionVideo2Configuration::getMinConfidence)),
            Map.entry("Features", Member.option(FEATURES, "features", RekognitionVideo2Configuration::getFeatures)),
            Map.entry("Settings", Member.header(SETTINGS)),
            Map.entry("CollectionId",
                    Member.option(COLLECTION_ID, "collectionId", RekognitionVideo2Configuration::getCollectionId)),
            Map.entry("FaceMatchThreshold", Member.option(FACE_MATCH_THRESHOLD, "faceMatchThreshold",
                    RekognitionVideo2Configuration::getFaceMatchThreshold)),
            Map.entry("SegmentTypes",
                    Member.option(SEGMENT_TYPES, "segmentTypes", RekognitionVideo2Configuration::getSegmentTypes)),
            Map.entry("Filters", Member.header(FILTERS)),
            Map.entry("JobId", Member.header(JOB_ID)),
            Map.entry("MaxResults", Member.header(MAX_RESULTS)),
            Map.entry("NextToken", Member.header(NEXT_TOKEN)),
            Map.entry("SortBy", Member.option(SORT_BY, "sortBy", RekognitionVideo2Configuration::getSortBy)),
            Map.entry("AggregateBy",
                    Member.option(AGGREGATE_BY, "aggregateBy", RekognitionVideo2Configuration::getAggregateBy)));

    private final RekognitionVideo2Configuration configuration;
    private final RekognitionApiValidator validator = RekognitionApiValidator.get();

    RekognitionVideo2Requests(RekognitionVideo2Configuration configuration) {
        this.configuration = configuration;
    }

    /** The request of {@code operation} of the message, validated against the API model. */
    RekognitionRequest request(RekognitionVideo2Operations operation, Message message) throws InvalidPayloadException {
        RekognitionVideo2Analysis analysis = operation.analysis();
        if (configuration.isPojoRequest()) {
            Class<? extends RekognitionRequest> type
                    = operation.isStart() ? analysis.startRequestType() : analysis.getRequestType();
            RekognitionRequest request = message.getMandatoryBody(type);
            validator.validate(operation.apiName(), request, path -> "message body " + type.getSimpleName());
            return request;
        }
        Sources sources = new Sources(message, configuration);
        RekognitionRequest request = operation.isStart()
                ? startRequest(operation, message, sources) : getRequest(operation, message, sources);
        validator.validate(operation.apiName(), request, sources::of);
        return request;
    }

    private RekognitionRequest startRequest(RekognitionVideo2Operations operation, Message message, Sources sources) {
        SdkPojo builder = operation.analysis().startRequestBuilder();
        VideoJob job = VideoJob.from(sources);
        RekognitionVideo2Analysis.set(builder, "Video", job.video());
        RekognitionVideo2Analysis.set(builder, "NotificationChannel", job.notificationChannel());
        setMembers(builder, operation, message, sources);
        RekognitionRequest request = RekognitionVideo2Analysis.build(builder);
        if (!configuration.isDeriveClientRequestToken()
                || request.getValueForField(ClientRequestTokens.TOKEN_MEMBER, String.class).isPresent()) {
            return request;
        }
        SdkPojo withToken = (SdkPojo) request.toBuilder();
        RekognitionVideo2Analysis.set(withToken, ClientRequestTokens.TOKEN_MEMBER,
                ClientRequestTokens.derive(operation.name(), request));
        sources.put(ClientRequestTokens.TOKEN_MEMBER, "the token derived from the request");
        return RekognitionVideo2Analysis.build(withToken);
    }

    private RekognitionRequest getRequest(RekognitionVideo2Operations operation, Message message, Sources sources) {
        SdkPojo builder = operation.analysis().getRequestBuilder();
        setMembers(builder, operation, message, sources);
        RekognitionRequest request = RekognitionVideo2Analysis.build(builder);
        if (request.getValueForField("JobId", String.class).isEmpty()) {
            throw new RekognitionVideo2ValidationException(
                    "header " + JOB_ID,
                    operation.apiName() + " needs the JobId of a job started by " + operation.analysis().startApi());
        }
        return request;
    }

    /**
     * A member of the request of an operation that {@link #MEMBERS} gives a source, and for a structure member (e.g.
     * Filters of StartTextDetection) the class it takes.
     */
    private record Planned(SdkField<?> field, Member member, Class<?> structure) {
    }

    /** The members of each operation's request that come from a header or option, in the request's order. */
    private static final Map<RekognitionVideo2Operations, List<Planned>> PLANS = plans();

    private static Map<RekognitionVideo2Operations, List<Planned>> plans() {
        Map<RekognitionVideo2Operations, List<Planned>> plans = new EnumMap<>(RekognitionVideo2Operations.class);
        for (RekognitionVideo2Operations operation : RekognitionVideo2Operations.values()) {
            SdkPojo builder = operation.isStart()
                    ? operation.analysis().startRequestBuilder() : operation.analysis().getRequestBuilder();
            List<Planned> plan = new ArrayList<>();
            for (SdkField<?> field : builder.sdkFields()) {
                Member member = MEMBERS.get(field.locationName());
                if (member != null) { // not Video and NotificationChannel: VideoJob sets them
                    Class<?> structure = field.marshallingType() == MarshallingType.SDK_POJO
                            ? ((SdkBuilder<?, ?>) field.constructor().get()).build().getClass() : null;
                    plan.add(new Planned(field, member, structure));
                }
            }
            plans.put(operation, List.copyOf(plan));
        }
        return plans;
    }

    /** Sets each member of {@link #MEMBERS} that the request has from its header or option. */
    private void setMembers(SdkPojo builder, RekognitionVideo2Operations operation, Message message, Sources sources) {
        TypeConverter converter = message.getExchange().getContext().getTypeConverter();
        for (Planned planned : PLANS.get(operation)) {
            Object value = sources.pick(planned.field().locationName(), planned.member());
            if (value != null) {
                planned.field().set(builder, convert(operation, planned, value, sources, converter));
            }
        }
    }

    /** The value as the member's SDK type takes it, or an error naming where it came from and what it must be. */
    private static Object convert(
            RekognitionVideo2Operations operation, Planned planned, Object value, Sources sources,
            TypeConverter converter) {
        MarshallingType<?> type = planned.field().marshallingType();
        String member = planned.field().locationName();
        Object answer;
        String expected;
        if (type == MarshallingType.STRING) {
            answer = value instanceof String ? value : converter.tryConvertTo(String.class, value);
            expected = "text";
        } else if (type == MarshallingType.INTEGER) {
            answer = converter.tryConvertTo(Integer.class, value);
            expected = "a whole number";
        } else if (type == MarshallingType.FLOAT) {
            answer = converter.tryConvertTo(Float.class, value);
            expected = "a number";
        } else if (type == MarshallingType.LIST) {
            answer = texts(value, converter);
            expected = "a list of text, or text separated by commas";
        } else if (type == MarshallingType.SDK_POJO) {
            answer = planned.structure().isInstance(value) ? value : null;
            expected = "a " + planned.structure().getName();
        } else {
            throw new IllegalStateException("No conversion to " + type + " for " + operation.apiName() + " " + member);
        }
        if (answer == null) {
            throw new RekognitionVideo2ValidationException(
                    sources.of(member), operation.apiName() + " " + member + " '"
                                        + value + "' must be " + expected);
        }
        return answer;
    }

    /** The texts of a list, an array or text separated by commas; null if an element is not text. */
    private static List<String> texts(Object value, TypeConverter converter) {
        List<?> elements;
        if (value instanceof String text) {
            elements = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } else if (value instanceof Collection<?> collection) {
            elements = new ArrayList<>(collection);
        } else if (value instanceof Object[] array) {
            elements = Arrays.asList(array);
        } else {
            return null;
        }
        List<String> texts = new ArrayList<>(elements.size());
        for (Object element : elements) {
            String text = element == null ? null : converter.tryConvertTo(String.class, element);
            if (text == null) {
                return null;
            }
            texts.add(text);
        }
        return texts;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The video and the notification channel that every Start request shares, from their headers (with the aws2-s3
     * consumer's headers as fallbacks) and options.
     */
    record VideoJob(String bucket, String key, String version, String snsTopicArn, String roleArn) {

        static VideoJob from(Sources sources) {
            String bucket = sources.pickText("Video.S3Object.Bucket");
            if (bucket == null) {
                throw new RekognitionVideo2ValidationException(
                        sources.of("Video.S3Object.Bucket"), "no S3 bucket for the video (Video.S3Object.Bucket): set one");
            }
            String key = sources.pickText("Video.S3Object.Name");
            if (key == null) {
                throw new RekognitionVideo2ValidationException(
                        sources.of("Video.S3Object.Name"), "no S3 object key for the video (Video.S3Object.Name): set one");
            }
            String version = sources.pickText("Video.S3Object.Version");
            String topic = sources.pickText("NotificationChannel.SNSTopicArn");
            String role = sources.pickText("NotificationChannel.RoleArn");
            if (topic != null && role == null || topic == null && role != null) {
                String missing = topic == null ? "NotificationChannel.SNSTopicArn" : "NotificationChannel.RoleArn";
                String given = topic == null ? "NotificationChannel.RoleArn" : "NotificationChannel.SNSTopicArn";
                throw new RekognitionVideo2ValidationException(
                        sources.of(missing), "the notification channel needs both an SNS topic ARN and a role ARN, but only "
                                             + sources.of(given) + " gives one: set one of these too");
            }
            return new VideoJob(bucket, key, version, topic, role);
        }

        Video video() {
            return Video.builder().s3Object(o -> o.bucket(bucket).name(key).version(version)).build();
        }

        NotificationChannel notificationChannel() {
            return snsTopicArn == null
                    ? null
                    : NotificationChannel.builder().snsTopicArn(snsTopicArn).roleArn(roleArn).build();
        }
    }

    /**
     * Reads request members from headers and options, remembering for each API member path where its value came from
     * (or, when absent, where it could have come from) so that errors name it. The names are rendered only when an
     * error asks for them.
     */
    static final class Sources {

        /**
         * A path's source: the places it was read from, and which of them gave the value ({@code from}: the header, the
         * fallback header, the option, or none of them).
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
                return candidates.size() == 1
                        ? candidates.get(0)
                        : String.join(", ", candidates.subList(0, candidates.size() - 1)) + " or "
                          + candidates.get(candidates.size() - 1);
            }
        }

        private final Message message;
        private final RekognitionVideo2Configuration configuration;
        private final Map<String, Object> byPath = new HashMap<>();

        Sources(Message message, RekognitionVideo2Configuration configuration) {
            this.message = message;
            this.configuration = configuration;
        }

        /**
         * Where the value of {@code path} came from: the source of the path, else of the member it is part of (the
         * header of {@code Settings} gave {@code Settings.GeneralLabels.LabelInclusionFilters[0]}), else the path.
         */
        String of(String path) {
            for (String member = path;
                 !member.isEmpty();
                 member = member.substring(0,
                         Math.max(0, Math.max(member.lastIndexOf('.'), member.lastIndexOf('['))))) {
                Object source = byPath.get(member);
                if (source != null) {
                    return source.toString();
                }
            }
            return path;
        }

        void put(String path, String source) {
            byPath.put(path, source);
        }

        /**
         * The first of the member's header, fallback header (if any) and option that is set, as it is; the member of
         * {@code path} in {@link #MEMBERS}.
         */
        Object pick(String path, Member member) {
            Object value = message.getHeader(member.header());
            Read.Place from = Read.Place.HEADER;
            if (value == null && member.fallbackHeader() != null) {
                value = message.getHeader(member.fallbackHeader());
                from = Read.Place.FALLBACK_HEADER;
            }
            if (value == null && member.option() != null) {
                value = member.optionValue().apply(configuration);
                from = Read.Place.OPTION;
            }
            byPath.put(path, new Read(
                    member.header(), member.fallbackHeader(), member.option(),
                    value == null ? Read.Place.NONE : from));
            return value;
        }

        /** {@link #pick} of the member of {@code path} in {@link #MEMBERS}, as text. */
        String pickText(String path) {
            Object value = pick(path, MEMBERS.get(path));
            return value == null || value instanceof String
                    ? (String) value
                    : message.getExchange().getContext().getTypeConverter().convertTo(String.class, value);
        }
    }
}
