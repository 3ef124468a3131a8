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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelrekognition.local.RekognitionModel;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.LabelDetectionSettings;
import software.amazon.awssdk.services.rekognition.model.StartLabelDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.StartSegmentDetectionFilters;
import software.amazon.awssdk.services.rekognition.model.StartTextDetectionFilters;
import software.amazon.awssdk.services.rekognition.model.VideoMetadata;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Start and Get operation of every analysis of {@link RekognitionVideo2Analysis}, over the wire to a
 * {@link RecordingRekognitionServer}: what each sends from headers, options and POJOs, the results of every page, and
 * the errors for wrong values of the members only some analyses have.
 */
class AnalysesProducerTest extends RekognitionVideo2TestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The class of the elements of each analysis's result list. */
    private static final Map<RekognitionVideo2Analysis, String> RESULT_TYPES = Map.of(
            RekognitionVideo2Analysis.FACE_DETECTION, "FaceDetection",
            RekognitionVideo2Analysis.LABEL_DETECTION, "LabelDetection",
            RekognitionVideo2Analysis.CELEBRITY_RECOGNITION, "CelebrityRecognition",
            RekognitionVideo2Analysis.CONTENT_MODERATION, "ContentModerationDetection",
            RekognitionVideo2Analysis.FACE_SEARCH, "PersonMatch",
            RekognitionVideo2Analysis.SEGMENT_DETECTION, "SegmentDetection",
            RekognitionVideo2Analysis.TEXT_DETECTION, "TextDetectionResult",
            RekognitionVideo2Analysis.PERSON_TRACKING, "PersonDetection");

    @Override
    protected void moreRoutes(RouteBuilder routes) {
        routes.from("direct:labelOptions")
                .to("aws2-rekognition-video:labels?operation=startLabelDetection&minConfidence=55.5"
                    + "&features=GENERAL_LABELS")
                .to("mock:result");
        routes.from("direct:faceSearchOptions")
                .to("aws2-rekognition-video:staff?operation=startFaceSearch&collectionId=staff"
                    + "&faceMatchThreshold=90")
                .to("mock:result");
        routes.from("direct:segmentOptions")
                .to("aws2-rekognition-video:cuts?operation=startSegmentDetection&segmentTypes=SHOT,TECHNICAL_CUE")
                .to("mock:result");
        routes.from("direct:getLabelsOptions")
                .to("aws2-rekognition-video:labels?operation=getLabelDetection&sortBy=NAME&aggregateBy=SEGMENTS")
                .to("mock:result");
        routes.from("direct:labelPojo")
                .to("aws2-rekognition-video:labels?operation=startLabelDetection&pojoRequest=true")
                .to("mock:result");
    }

    private static Map<String, Object> video(String operation) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(OPERATION, operation);
        headers.put(BUCKET_NAME, "videos");
        headers.put(OBJECT_KEY, "clip.mp4");
        return headers;
    }

    /** The one request that went over the wire, after checking its operation. */
    private static JsonNode onTheWire(String operation) {
        List<RecordingRekognitionServer.Request> requests = server.requests();
        assertEquals(1, requests.size(), "one call went over the wire");
        assertEquals(operation, requests.get(0).operation());
        return requests.get(0).body();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static String operation(RekognitionVideo2Analysis analysis, boolean start) {
        return (start ? "start" : "get") + analysis.analysisName();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Every analysis

    @ParameterizedTest
    @EnumSource(RekognitionVideo2Analysis.class)
    void startsEachAnalysisWithTheSharedMembers(RekognitionVideo2Analysis analysis) throws Exception {
        server.answer(analysis.startApi(), Map.of("JobId", "job-" + analysis.analysisName()));
        Map<String, Object> headers = video(operation(analysis, true));
        headers.put(SNS_TOPIC_ARN, A_TOPIC_ARN);
        headers.put(ROLE_ARN, A_ROLE_ARN);
        headers.put(JOB_TAG, "batch-7");
        // the members an analysis requires
        headers.put(COLLECTION_ID, "staff");
        headers.put(SEGMENT_TYPES, "SHOT");

        Exchange result = send("direct:start", null, headers);

        JsonNode request = onTheWire(analysis.startApi());
        assertEquals(json("{'S3Object':{'Bucket':'videos','Name':'clip.mp4'}}"), request.get("Video"));
        assertEquals(json("{'SNSTopicArn':'" + A_TOPIC_ARN + "','RoleArn':'" + A_ROLE_ARN + "'}"),
                request.get("NotificationChannel"));
        assertEquals("batch-7", request.get("JobTag").asText());
        assertEquals(43, request.get("ClientRequestToken").asText().length(), "the derived token");
        assertEquals("job-" + analysis.analysisName(), result.getMessage().getHeader(JOB_ID));
        assertEquals(analysis.startApi() + "Response", result.getMessage().getBody().getClass().getSimpleName());
    }

    @ParameterizedTest
    @EnumSource(RekognitionVideo2Analysis.class)
    void getsEveryPageOfEachAnalysis(RekognitionVideo2Analysis analysis) throws Exception {
        // elements carry the time members of every result type; each type reads its own
        List<Map<String, Object>> first = List.of(Map.of("Timestamp", 0, "StartTimestampMillis", 0),
                Map.of("Timestamp", 200, "StartTimestampMillis", 200));
        Object metadata = analysis == RekognitionVideo2Analysis.SEGMENT_DETECTION
                ? List.of(Map.of("Codec", "h264")) : Map.of("Codec", "h264");
        server.answer(analysis.getApi(), Map.of("JobStatus", "SUCCEEDED", "VideoMetadata", metadata,
                analysis.resultsMember(), first, "NextToken", "page-2"))
                .answer(analysis.getApi(), Map.of("JobStatus", "SUCCEEDED", "VideoMetadata", metadata,
                        analysis.resultsMember(), List.of(Map.of("Timestamp", 400, "StartTimestampMillis", 400))));
        Map<String, Object> headers = new HashMap<>(Map.of(OPERATION, operation(analysis, false), JOB_ID, "job-9"));

        Exchange result = send("direct:start", null, headers);

        List<RecordingRekognitionServer.Request> requests = server.requests(analysis.getApi());
        assertEquals(2, requests.size(), "both pages were read");
        assertEquals("job-9", requests.get(0).body().get("JobId").asText());
        assertEquals("page-2", requests.get(1).body().get("NextToken").asText());
        List<?> results = assertInstanceOf(List.class, result.getMessage().getBody());
        assertEquals(3, results.size());
        for (Object element : results) {
            assertEquals(RESULT_TYPES.get(analysis), element.getClass().getSimpleName());
        }
        assertEquals(3, result.getMessage().getHeader(RESULT_COUNT));
        assertEquals("SUCCEEDED", result.getMessage().getHeader(JOB_STATUS));
        Object videoMetadata = result.getMessage().getHeader(VIDEO_METADATA);
        assertEquals("h264", (videoMetadata instanceof List<?> list
                ? (VideoMetadata) list.get(0)
                : (VideoMetadata) videoMetadata).codec());
        assertEquals(analysis == RekognitionVideo2Analysis.FACE_DETECTION ? 3 : null,
                result.getMessage().getHeader(FACE_COUNT), "FaceCount for faces only");
    }

    @ParameterizedTest
    @EnumSource(RekognitionVideo2Analysis.class)
    void getsOnePageWhenTheRequestNamesOne(RekognitionVideo2Analysis analysis) throws Exception {
        server.answer(analysis.getApi(), Map.of("JobStatus", "SUCCEEDED", "NextToken", "page-3",
                analysis.resultsMember(), List.of(Map.of("Timestamp", 0))));
        Map<String, Object> headers = new HashMap<>(
                Map.of(OPERATION, operation(analysis, false), JOB_ID, "job-9",
                        MAX_RESULTS, "1", NEXT_TOKEN, "page-2"));

        Exchange result = send("direct:start", null, headers);

        JsonNode request = onTheWire(analysis.getApi());
        assertEquals(json("{'JobId':'job-9','MaxResults':1,'NextToken':'page-2'}"), request);
        assertEquals(1, result.getMessage().getBody(List.class).size());
        assertEquals("page-3", result.getMessage().getHeader(NEXT_TOKEN), "the token of the next page");
    }

    @Test
    void everyRequestMemberOfEveryOperationHasASource() {
        Set<String> shared = Set.of("Video", "NotificationChannel"); // their members have sources: VideoJob
        Set<String> withoutSource = new TreeSet<>();
        for (RekognitionVideo2Analysis analysis : RekognitionVideo2Analysis.values()) {
            for (SdkPojo builder : List.of(analysis.startRequestBuilder(), analysis.getRequestBuilder())) {
                for (SdkField<?> field : builder.sdkFields()) {
                    if (!shared.contains(field.locationName())
                            && !RekognitionVideo2Requests.MEMBERS.containsKey(field.locationName())) {
                        withoutSource.add(analysis.analysisName() + " " + field.locationName());
                    }
                }
            }
        }
        assertEquals(Set.of(), withoutSource, "members no header or option can set");
    }

    @ParameterizedTest
    @EnumSource(RekognitionVideo2Analysis.class)
    void theResultsMemberIsAListOfTheGetResponse(RekognitionVideo2Analysis analysis) {
        assertTrue(RekognitionModel.outputMembers(analysis.getApi()).contains(analysis.resultsMember()),
                analysis.getApi() + " returns " + analysis.resultsMember());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The members of some analyses, from headers, options and POJOs

    @Test
    void sendsTheLabelDetectionMembersFromHeaders() throws Exception {
        server.answer("StartLabelDetection", Map.of("JobId", "job-1"));
        Map<String, Object> headers = video("startLabelDetection");
        headers.put(MIN_CONFIDENCE, 72.5f);
        headers.put(FEATURES, List.of("GENERAL_LABELS"));
        headers.put(SETTINGS, LabelDetectionSettings.builder()
                .generalLabels(g -> g.labelInclusionFilters("Car", "Person").labelCategoryExclusionFilters("Weapons"))
                .build());

        send("direct:start", null, headers);

        JsonNode request = onTheWire("StartLabelDetection");
        assertEquals(72.5, request.get("MinConfidence").asDouble());
        assertEquals(json("['GENERAL_LABELS']"), request.get("Features"));
        assertEquals(json("{'GeneralLabels':{'LabelInclusionFilters':['Car','Person'],"
                          + "'LabelCategoryExclusionFilters':['Weapons']}}"),
                request.get("Settings"));
    }

    @Test
    void sendsTheLabelDetectionMembersFromOptions() throws Exception {
        server.answer("StartLabelDetection", Map.of("JobId", "job-1"));

        send("direct:labelOptions", null, video("startLabelDetection"));

        JsonNode request = onTheWire("StartLabelDetection");
        assertEquals(55.5, request.get("MinConfidence").asDouble());
        assertEquals(json("['GENERAL_LABELS']"), request.get("Features"));
    }

    @Test
    void aHeaderOverridesTheOption() throws Exception {
        server.answer("StartLabelDetection", Map.of("JobId", "job-1"));
        Map<String, Object> headers = video("startLabelDetection");
        headers.put(MIN_CONFIDENCE, "80");

        send("direct:labelOptions", null, headers);

        assertEquals(80.0, onTheWire("StartLabelDetection").get("MinConfidence").asDouble());
    }

    @Test
    void sendsTheFaceSearchMembersFromOptionsAndHeaders() throws Exception {
        server.answer("StartFaceSearch", Map.of("JobId", "job-1")).answer("StartFaceSearch", Map.of("JobId", "job-2"));

        send("direct:faceSearchOptions", null, video("startFaceSearch"));
        Map<String, Object> headers = video("startFaceSearch");
        headers.put(COLLECTION_ID, "visitors");
        headers.put(FACE_MATCH_THRESHOLD, "95.5");
        send("direct:faceSearchOptions", null, headers);

        List<RecordingRekognitionServer.Request> requests = server.requests("StartFaceSearch");
        assertEquals("staff", requests.get(0).body().get("CollectionId").asText());
        assertEquals(90.0, requests.get(0).body().get("FaceMatchThreshold").asDouble());
        assertEquals("visitors", requests.get(1).body().get("CollectionId").asText());
        assertEquals(95.5, requests.get(1).body().get("FaceMatchThreshold").asDouble());
    }

    @Test
    void sendsTheSegmentTypesAndFilters() throws Exception {
        server.answer("StartSegmentDetection", Map.of("JobId", "job-1"))
                .answer("StartSegmentDetection", Map.of("JobId", "job-2"));
        Map<String, Object> headers = video("startSegmentDetection");
        headers.put(FILTERS, StartSegmentDetectionFilters.builder()
                .shotFilter(s -> s.minSegmentConfidence(60f))
                .technicalCueFilter(t -> t.minSegmentConfidence(70f).blackFrame(b -> b.maxPixelThreshold(0.1f)))
                .build());

        send("direct:segmentOptions", null, headers);
        headers.put(SEGMENT_TYPES, " TECHNICAL_CUE ");
        send("direct:segmentOptions", null, headers);

        List<RecordingRekognitionServer.Request> requests = server.requests("StartSegmentDetection");
        assertEquals(json("['SHOT','TECHNICAL_CUE']"), requests.get(0).body().get("SegmentTypes"), "from the option");
        assertEquals(json("{'TechnicalCueFilter':{'MinSegmentConfidence':70.0,'BlackFrame':{'MaxPixelThreshold':0.1}},"
                          + "'ShotFilter':{'MinSegmentConfidence':60.0}}"),
                requests.get(0).body().get("Filters"));
        assertEquals(json("['TECHNICAL_CUE']"), requests.get(1).body().get("SegmentTypes"), "from the header");
    }

    @Test
    void sendsTheTextFiltersWithRegionsOfInterest() throws Exception {
        server.answer("StartTextDetection", Map.of("JobId", "job-1"));
        Map<String, Object> headers = video("startTextDetection");
        headers.put(FILTERS, StartTextDetectionFilters.builder()
                .wordFilter(w -> w.minConfidence(80f).minBoundingBoxHeight(0.05f))
                .regionsOfInterest(r -> r.boundingBox(BoundingBox.builder().left(0f).top(0.8f).width(1f).height(0.2f)
                        .build()))
                .build());

        send("direct:start", null, headers);

        assertEquals(json("{'WordFilter':{'MinConfidence':80.0,'MinBoundingBoxHeight':0.05},'RegionsOfInterest':"
                          + "[{'BoundingBox':{'Width':1.0,'Height':0.2,'Left':0.0,'Top':0.8}}]}"),
                onTheWire("StartTextDetection").get("Filters"));
    }

    @Test
    void sendsSortByAndAggregateByOfTheGetCall() throws Exception {
        server.answer("GetLabelDetection", Map.of("JobStatus", "SUCCEEDED", "Labels", List.of()));

        send("direct:getLabelsOptions", null, new HashMap<>(Map.of(JOB_ID, "job-1", OPERATION, "getLabelDetection")));

        assertEquals(json("{'JobId':'job-1','SortBy':'NAME','AggregateBy':'SEGMENTS'}"), onTheWire("GetLabelDetection"));
    }

    @Test
    void sendsAPojoRequestOfAnotherAnalysisAsItIs() throws Exception {
        server.answer("StartLabelDetection", Map.of("JobId", "job-1"));
        StartLabelDetectionRequest request = StartLabelDetectionRequest.builder()
                .video(v -> v.s3Object(o -> o.bucket("pojo").name("pojo.mp4"))).minConfidence(40f).build();

        Exchange result = send("direct:labelPojo", request, Map.of());

        assertEquals(json("{'Video':{'S3Object':{'Bucket':'pojo','Name':'pojo.mp4'}},'MinConfidence':40.0}"),
                onTheWire("StartLabelDetection"));
        assertEquals("job-1", result.getMessage().getHeader(JOB_ID));
    }

    @Test
    void startsTheDerivedTokenOfEachAnalysisApart() throws Exception {
        server.answer("StartFaceDetection", Map.of("JobId", "job-1")).answer("StartLabelDetection", Map.of("JobId", "j"));

        send("direct:start", null, video("startFaceDetection"));
        send("direct:start", null, video("startLabelDetection"));

        String faces = server.requests("StartFaceDetection").get(0).body().get("ClientRequestToken").asText();
        String labels = server.requests("StartLabelDetection").get(0).body().get("ClientRequestToken").asText();
        assertTrue(!faces.equals(labels), "the same video analysed two ways is two jobs");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Wrong values: the error names the header or option and the rule; nothing is sent

    private void assertRefused(String endpoint, Map<String, Object> headers, String message) throws Exception {
        Exception error = sendFailing(endpoint, "the video event", headers);
        RekognitionVideo2ValidationException validation
                = assertInstanceOf(RekognitionVideo2ValidationException.class, error);
        assertEquals(message, validation.getMessage());
        assertEquals(List.of(), server.requests(), "nothing was sent to Rekognition");
    }

    @Test
    void refusesAFaceSearchWithoutACollection() throws Exception {
        assertRefused("direct:start", video("startFaceSearch"), "header CamelAwsRekognitionVideoCollectionId or option "
                                                                + "collectionId: StartFaceSearch CollectionId is required");
    }

    @Test
    void refusesASegmentDetectionWithoutSegmentTypes() throws Exception {
        assertRefused("direct:start", video("startSegmentDetection"),
                "header CamelAwsRekognitionVideoSegmentTypes or option segmentTypes: StartSegmentDetection SegmentTypes "
                                                                      + "is required");
    }

    /**
     * A wrong value in the header of a member only some analyses have: operation, header, value, and the rule the error
     * names after the header.
     */
    static Stream<Arguments> wrongValues() {
        String model = "software.amazon.awssdk.services.rekognition.model.";
        String textFilters = "StartTextDetection Filters 'StartSegmentDetectionFilters()' must be a " + model
                             + "StartTextDetectionFilters";
        return Stream.of(
                Arguments.of("startFaceSearch", COLLECTION_ID, "staff/../admins",
                        "StartFaceSearch CollectionId 'staff/../admins' must match the pattern [a-zA-Z0-9_.\\-]+"),
                Arguments.of("startFaceSearch", COLLECTION_ID, "staff\u0000",
                        "StartFaceSearch CollectionId 'staff\u0000' must match the pattern [a-zA-Z0-9_.\\-]+"),
                Arguments.of("startFaceSearch", FACE_MATCH_THRESHOLD, -1,
                        "StartFaceSearch FaceMatchThreshold must be 0 to 100 (it is -1.0)"),
                Arguments.of("startSegmentDetection", SEGMENT_TYPES, List.of("SHOT", "SCENE"),
                        "StartSegmentDetection SegmentTypes[1] 'SCENE' must be one of [TECHNICAL_CUE, SHOT]"),
                Arguments.of("startSegmentDetection", SEGMENT_TYPES, 42,
                        "StartSegmentDetection SegmentTypes '42' must be a list of text, or text separated by commas"),
                Arguments.of("startContentModeration", MIN_CONFIDENCE, 150,
                        "StartContentModeration MinConfidence must be 0 to 100 (it is 150.0)"),
                Arguments.of("startContentModeration", MIN_CONFIDENCE, "NaN",
                        "StartContentModeration MinConfidence must be 0 to 100 (it is NaN)"),
                Arguments.of("startLabelDetection", MIN_CONFIDENCE, "high",
                        "StartLabelDetection MinConfidence 'high' must be a number"),
                Arguments.of("startLabelDetection", FEATURES, "GENERAL_LABELS,FACES",
                        "StartLabelDetection Features must have 0 to 1 elements (it is 2)"),
                Arguments.of("startLabelDetection", SETTINGS, "{\"GeneralLabels\":{}}",
                        "StartLabelDetection Settings '{\"GeneralLabels\":{}}' must be a " + model + "LabelDetectionSettings"),
                Arguments.of("startTextDetection", FILTERS, StartSegmentDetectionFilters.builder().build(),
                        textFilters),
                Arguments.of("getCelebrityRecognition", SORT_BY, "NAME",
                        "GetCelebrityRecognition SortBy 'NAME' must be one of [ID, TIMESTAMP]"),
                Arguments.of("getContentModeration", AGGREGATE_BY, "FRAMES",
                        "GetContentModeration AggregateBy 'FRAMES' must be one of [TIMESTAMPS, SEGMENTS]"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("wrongValues")
    void refusesAWrongValueNamingItsHeaderAndRule(String operation, String header, Object value, String rule)
            throws Exception {
        Map<String, Object> headers = video(operation);
        // the members some operations require, right unless under test
        headers.put(JOB_ID, "job-1");
        headers.put(COLLECTION_ID, "staff");
        headers.put(SEGMENT_TYPES, "SHOT");
        headers.put(header, value);
        assertRefused("direct:start", headers, "header " + header + ": " + rule);
    }

    @Test
    void refusesAGetWithoutAJobId() throws Exception {
        assertRefused("direct:start", new HashMap<>(Map.of(OPERATION, "getTextDetection")),
                "header CamelAwsRekognitionVideoJobId: GetTextDetection needs the JobId of a job started by "
                                                                                            + "StartTextDetection");
    }
}
