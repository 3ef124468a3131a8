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

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.GetCelebrityRecognitionRequest;
import software.amazon.awssdk.services.rekognition.model.GetContentModerationRequest;
import software.amazon.awssdk.services.rekognition.model.GetFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.GetFaceSearchRequest;
import software.amazon.awssdk.services.rekognition.model.GetLabelDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.GetPersonTrackingRequest;
import software.amazon.awssdk.services.rekognition.model.GetSegmentDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.GetTextDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;
import software.amazon.awssdk.services.rekognition.model.RekognitionResponse;
import software.amazon.awssdk.services.rekognition.model.StartCelebrityRecognitionRequest;
import software.amazon.awssdk.services.rekognition.model.StartContentModerationRequest;
import software.amazon.awssdk.services.rekognition.model.StartFaceDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.StartFaceSearchRequest;
import software.amazon.awssdk.services.rekognition.model.StartLabelDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.StartPersonTrackingRequest;
import software.amazon.awssdk.services.rekognition.model.StartSegmentDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.StartTextDetectionRequest;

/**
 * The stored-video analyses of Rekognition Video, one entry each: its Start and Get calls, their request builders, the
 * Get paginator and the member of the Get response that holds the results. Everything else (which headers and options
 * fill a request, validation, the token, paging, result modes) is the same for every analysis and reads this table, so
 * a new analysis is one more entry.
 */
public enum RekognitionVideo2Analysis {

    FACE_DETECTION("FaceDetection", "Faces", calls(
            StartFaceDetectionRequest.class, StartFaceDetectionRequest::builder, RekognitionClient::startFaceDetection,
            GetFaceDetectionRequest.class, GetFaceDetectionRequest::builder, RekognitionClient::getFaceDetection,
            RekognitionClient::getFaceDetectionPaginator)),
    LABEL_DETECTION("LabelDetection", "Labels", calls(
            StartLabelDetectionRequest.class, StartLabelDetectionRequest::builder, RekognitionClient::startLabelDetection,
            GetLabelDetectionRequest.class, GetLabelDetectionRequest::builder, RekognitionClient::getLabelDetection,
            RekognitionClient::getLabelDetectionPaginator)),
    CELEBRITY_RECOGNITION("CelebrityRecognition", "Celebrities", calls(
            StartCelebrityRecognitionRequest.class, StartCelebrityRecognitionRequest::builder,
            RekognitionClient::startCelebrityRecognition,
            GetCelebrityRecognitionRequest.class, GetCelebrityRecognitionRequest::builder,
            RekognitionClient::getCelebrityRecognition,
            RekognitionClient::getCelebrityRecognitionPaginator)),
    CONTENT_MODERATION("ContentModeration", "ModerationLabels", calls(
            StartContentModerationRequest.class, StartContentModerationRequest::builder,
            RekognitionClient::startContentModeration,
            GetContentModerationRequest.class, GetContentModerationRequest::builder, RekognitionClient::getContentModeration,
            RekognitionClient::getContentModerationPaginator)),
    FACE_SEARCH("FaceSearch", "Persons", calls(
            StartFaceSearchRequest.class, StartFaceSearchRequest::builder, RekognitionClient::startFaceSearch,
            GetFaceSearchRequest.class, GetFaceSearchRequest::builder, RekognitionClient::getFaceSearch,
            RekognitionClient::getFaceSearchPaginator)),
    SEGMENT_DETECTION("SegmentDetection", "Segments", calls(
            StartSegmentDetectionRequest.class, StartSegmentDetectionRequest::builder, RekognitionClient::startSegmentDetection,
            GetSegmentDetectionRequest.class, GetSegmentDetectionRequest::builder, RekognitionClient::getSegmentDetection,
            RekognitionClient::getSegmentDetectionPaginator)),
    TEXT_DETECTION("TextDetection", "TextDetections", calls(
            StartTextDetectionRequest.class, StartTextDetectionRequest::builder, RekognitionClient::startTextDetection,
            GetTextDetectionRequest.class, GetTextDetectionRequest::builder, RekognitionClient::getTextDetection,
            RekognitionClient::getTextDetectionPaginator)),
    /** People pathing: AWS ended its support on 31 October 2025; the calls stay as the API model defines them. */
    PERSON_TRACKING("PersonTracking", "Persons", calls(
            StartPersonTrackingRequest.class, StartPersonTrackingRequest::builder, RekognitionClient::startPersonTracking,
            GetPersonTrackingRequest.class, GetPersonTrackingRequest::builder, RekognitionClient::getPersonTracking,
            RekognitionClient::getPersonTrackingPaginator));

    private static final Map<String, RekognitionVideo2Analysis> BY_START_API
            = Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RekognitionVideo2Analysis::startApi, a -> a));

    private final String name;
    private final String startApi;
    private final String getApi;
    private final String resultsMember;
    private final Calls calls;

    RekognitionVideo2Analysis(String name, String resultsMember, Calls calls) {
        this.name = name;
        this.startApi = "Start" + name;
        this.getApi = "Get" + name;
        this.resultsMember = resultsMember;
        this.calls = calls;
    }

    /** The analysis, e.g. {@code LabelDetection}. */
    public String analysisName() {
        return name;
    }

    /** The Start operation, e.g. {@code StartLabelDetection}: also the API field of its completion notification. */
    public String startApi() {
        return startApi;
    }

    /** The Get operation, e.g. {@code GetLabelDetection}. */
    public String getApi() {
        return getApi;
    }

    /** The member of the Get response that holds the results, e.g. {@code Labels}. */
    public String resultsMember() {
        return resultsMember;
    }

    /** The analysis whose Start operation is {@code api} (the API field of a notification), or null. */
    public static RekognitionVideo2Analysis ofStartApi(String api) {
        return api == null ? null : BY_START_API.get(api);
    }

    /** An empty builder of the Start request, whose members are set through its {@link SdkPojo} fields. */
    SdkPojo startRequestBuilder() {
        return calls.startBuilder().get();
    }

    /** An empty builder of the Get request. */
    SdkPojo getRequestBuilder() {
        return calls.getBuilder().get();
    }

    /** The class of the Start request, for a request given as the message body. */
    Class<? extends RekognitionRequest> startRequestType() {
        return calls.startType();
    }

    /** The class of the Get request, for a request given as the message body. */
    Class<? extends RekognitionRequest> getRequestType() {
        return calls.getType();
    }

    RekognitionResponse start(RekognitionClient client, RekognitionRequest request) {
        return calls.start().apply(client, request);
    }

    RekognitionResponse get(RekognitionClient client, RekognitionRequest request) {
        return calls.get().apply(client, request);
    }

    /** The pages of a Get call, through the SDK's paginator. */
    SdkIterable<? extends RekognitionResponse> pages(RekognitionClient client, RekognitionRequest request) {
        return calls.pages().apply(client, request);
    }

    /** The first page of the results of {@code jobId}, with at most {@code maxResults} results. */
    RekognitionResponse get(RekognitionClient client, String jobId, Integer maxResults) {
        return get(client, getRequest(jobId, maxResults));
    }

    /** The Get request of {@code jobId} with pages of {@code maxResults} results (null: the service's default). */
    RekognitionRequest getRequest(String jobId, Integer maxResults) {
        SdkPojo builder = getRequestBuilder();
        set(builder, "JobId", jobId);
        set(builder, "MaxResults", maxResults);
        return build(builder);
    }

    /** The results of a page of the Get response (never null). */
    List<?> results(RekognitionResponse page) {
        return page.getValueForField(resultsMember, List.class).orElse(List.of());
    }

    /**
     * A member of a response, e.g. {@code JobId}, {@code JobStatus}, {@code StatusMessage} or {@code VideoMetadata}, or
     * null.
     */
    static Object member(RekognitionResponse response, String member) {
        return response.getValueForField(member, Object.class).orElse(null);
    }

    // -----------------------------------------------------------------------------------------------------------------

    static void set(SdkPojo builder, String member, Object value) {
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.locationName().equals(member)) {
                field.set(builder, value);
                return;
            }
        }
        throw new IllegalArgumentException("No member " + member + " in " + builder.getClass().getName());
    }

    static RekognitionRequest build(SdkPojo builder) {
        return (RekognitionRequest) ((RekognitionRequest.Builder) builder).build();
    }

    /** The calls of one analysis, typed once here and used untyped by the rest of the component. */
    private record Calls(Supplier<SdkPojo> startBuilder, Class<? extends RekognitionRequest> startType,
            BiFunction<RekognitionClient, RekognitionRequest, RekognitionResponse> start,
            Supplier<SdkPojo> getBuilder, Class<? extends RekognitionRequest> getType,
            BiFunction<RekognitionClient, RekognitionRequest, RekognitionResponse> get,
            BiFunction<RekognitionClient, RekognitionRequest, SdkIterable<? extends RekognitionResponse>> pages) {
    }

    private static <S extends RekognitionRequest, G extends RekognitionRequest> Calls calls(
            Class<S> startType, Supplier<? extends SdkPojo> startBuilder,
            BiFunction<RekognitionClient, S, ? extends RekognitionResponse> start,
            Class<G> getType, Supplier<? extends SdkPojo> getBuilder,
            BiFunction<RekognitionClient, G, ? extends RekognitionResponse> get,
            BiFunction<RekognitionClient, G, ? extends SdkIterable<? extends RekognitionResponse>> pages) {
        return new Calls(
                startBuilder::get, startType, (client, request) -> start.apply(client, startType.cast(request)),
                getBuilder::get, getType, (client, request) -> get.apply(client, getType.cast(request)),
                (client, request) -> pages.apply(client, getType.cast(request)));
    }
}
