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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.GetCelebrityRecognitionResponse;
import software.amazon.awssdk.services.rekognition.model.GetContentModerationResponse;
import software.amazon.awssdk.services.rekognition.model.GetFaceSearchResponse;
import software.amazon.awssdk.services.rekognition.model.GetLabelDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.GetPersonTrackingResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.LabelDetectionAggregateBy;
import software.amazon.awssdk.services.rekognition.model.LabelDetectionSortBy;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.Video;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static io.github.camelrekognition.local.LocalTestSupport.awaitJob;
import static io.github.camelrekognition.local.LocalTestSupport.drain;
import static io.github.camelrekognition.local.LocalTestSupport.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyses this server does not compute, answered from the results a test supplies beside the video
 * ({@code <key>.<Analysis>.json}), through the unmodified AWS SDK: filtered, ordered, paged, stamped and notified as a
 * job; a document that is not a Get response fails its job with a clear StatusMessage; and the face collections that
 * StartFaceSearch needs.
 */
class SuppliedResultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LocalRekognitionVideoExtension extension = new LocalRekognitionVideoExtension();

    static RekognitionClient rekognition;
    static String topicArn;
    static String queue;

    @BeforeAll
    static void videosTopicAndQueue() {
        LocalRekognitionVideo local = extension.get();
        rekognition = local.rekognitionClient();
        local.s3Client().createBucket(b -> b.bucket("videos"));
        topicArn = local.snsClient().createTopic(b -> b.name("AmazonRekognitionSupplied")).topicArn();
        queue = local.sqsClient().createQueue(b -> b.queueName("supplied")).queueUrl();
        String arn = local.sqsClient().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        local.snsClient().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn)
                .attributes(Map.of("RawMessageDelivery", "true")));
    }

    /** A video at {@code key}, with {@code document} supplied as the results of {@code analysis}. */
    static Video supplied(String key, String analysis, String document) {
        upload(extension.get(), "videos", key, SampleVideos.noFace());
        extension.get().s3Client().putObject(b -> b.bucket("videos").key(key + "." + analysis + ".json"),
                RequestBody.fromString(document));
        return Video.builder().s3Object(o -> o.bucket("videos").name(key)).build();
    }

    static <R> R done(java.util.function.Supplier<R> get, java.util.function.Function<R, VideoJobStatus> status)
            throws InterruptedException {
        return awaitJob(get, status, Duration.ofSeconds(60));
    }

    @Test
    void labelsAreFilteredOrderedPagedStampedAndNotified() throws Exception {
        Video video = supplied("labels.mp4", "LabelDetection", """
                {"LabelModelVersion": "3.0", "Labels": [
                  {"Timestamp": 2000, "Label": {"Name": "Person", "Confidence": 99.1}},
                  {"Timestamp": 0, "Label": {"Name": "Car", "Confidence": 40.0}},
                  {"Timestamp": 1000, "Label": {"Name": "Door", "Confidence": 80.5}}]}""");
        String jobId = rekognition.startLabelDetection(b -> b.video(video).minConfidence(60f).jobTag("supplied")
                .notificationChannel(c -> c.snsTopicArn(topicArn).roleArn(extension.get().roleArn("Rekognition"))))
                .jobId();

        GetLabelDetectionResponse first = done(() -> rekognition.getLabelDetection(b -> b.jobId(jobId).maxResults(1)),
                GetLabelDetectionResponse::jobStatus);

        assertEquals(VideoJobStatus.SUCCEEDED, first.jobStatus());
        assertEquals(List.of("Door"), first.labels().stream().map(l -> l.label().name()).toList(), "page 1 by time");
        assertEquals("3.0", first.labelModelVersion());
        assertEquals("h264", first.videoMetadata().codec(), "the video's own metadata");
        assertEquals("supplied", first.jobTag());
        GetLabelDetectionResponse second = rekognition.getLabelDetection(b -> b.jobId(jobId).maxResults(1)
                .nextToken(first.nextToken()));
        assertEquals(List.of("Person"), second.labels().stream().map(l -> l.label().name()).toList());
        assertNull(second.nextToken(), "Car is under MinConfidence");
        GetLabelDetectionResponse byName = rekognition.getLabelDetection(b -> b.jobId(jobId)
                .sortBy(LabelDetectionSortBy.NAME));
        assertEquals(List.of("Door", "Person"), byName.labels().stream().map(l -> l.label().name()).toList());

        GetLabelDetectionResponse segments = rekognition.getLabelDetection(b -> b.jobId(jobId)
                .aggregateBy(LabelDetectionAggregateBy.SEGMENTS));
        assertEquals(List.of("Door", "Person"), segments.labels().stream().map(l -> l.label().name()).toList());
        assertEquals(List.of(1000L, 2000L), segments.labels().stream().map(l -> l.startTimestampMillis()).toList());

        List<Message> notified = drain(extension.get().sqsClient(), queue, Duration.ofSeconds(5)).stream()
                .filter(m -> m.body().contains(jobId)).toList();
        assertEquals(1, notified.size());
        JsonNode notification = JSON.readTree(notified.get(0).body());
        assertEquals("SUCCEEDED", notification.get("Status").asText());
        assertEquals("StartLabelDetection", notification.get("API").asText());
    }

    @Test
    void everyOtherAnalysisRunsFromItsSuppliedResults() throws Exception {
        Video moderation = supplied("moderation.mp4", "ContentModeration", """
                {"ModerationLabels": [{"Timestamp": 0, "ModerationLabel": {"Name": "Violence", "Confidence": 91.0}},
                  {"Timestamp": 500, "ModerationLabel": {"Name": "Smoking", "Confidence": 30.0}}]}""");
        String moderationJob = rekognition.startContentModeration(b -> b.video(moderation)).jobId();
        GetContentModerationResponse moderated = done(() -> rekognition.getContentModeration(b -> b.jobId(moderationJob)),
                GetContentModerationResponse::jobStatus);
        assertEquals(List.of("Violence"), moderated.moderationLabels().stream().map(l -> l.moderationLabel().name())
                .toList(), "MinConfidence 50 by default");

        Video celebrities = supplied("celebrities.mp4", "CelebrityRecognition", """
                {"Celebrities": [{"Timestamp": 40, "Celebrity": {"Id": "1XJ", "Name": "A Celebrity",
                  "Confidence": 99.0}}]}""");
        String celebrityJob = rekognition.startCelebrityRecognition(b -> b.video(celebrities)).jobId();
        assertEquals("A Celebrity", done(() -> rekognition.getCelebrityRecognition(b -> b.jobId(celebrityJob)),
                GetCelebrityRecognitionResponse::jobStatus).celebrities().get(0).celebrity().name());

        Video people = supplied("people.mp4", "PersonTracking", """
                {"Persons": [{"Timestamp": 0, "Person": {"Index": 1}}, {"Timestamp": 0, "Person": {"Index": 0}}]}""");
        String personJob = rekognition.startPersonTracking(b -> b.video(people)).jobId();
        assertEquals(List.of(0L, 1L), done(() -> rekognition.getPersonTracking(b -> b.jobId(personJob).sortBy("INDEX")),
                GetPersonTrackingResponse::jobStatus).persons().stream().map(p -> p.person().index()).toList());

        rekognition.createCollection(b -> b.collectionId("staff-search"));
        Video search = supplied("search.mp4", "FaceSearch", """
                {"Persons": [{"Timestamp": 0, "Person": {"Index": 0}, "FaceMatches": [
                  {"Similarity": 99.0, "Face": {"FaceId": "11111111-1111-1111-1111-111111111111"}}]},
                  {"Timestamp": 200, "Person": {"Index": 1}, "FaceMatches": [
                  {"Similarity": 70.0, "Face": {"FaceId": "22222222-2222-2222-2222-222222222222"}}]}]}""");
        String searchJob = rekognition.startFaceSearch(b -> b.video(search).collectionId("staff-search")).jobId();
        GetFaceSearchResponse found = done(() -> rekognition.getFaceSearch(b -> b.jobId(searchJob)),
                GetFaceSearchResponse::jobStatus);
        assertEquals(1, found.persons().size(), "the match under FaceMatchThreshold (80 by default) is dropped");
    }

    @Test
    void moderationLabelsAggregateIntoSegmentsOfDetectionsASecondApartAtMost() throws Exception {
        Video video = supplied("segments.mp4", "ContentModeration", """
                {"ModerationLabels": [
                  {"Timestamp": 0, "ModerationLabel": {"Name": "Smoking", "Confidence": 70.0}},
                  {"Timestamp": 500, "ModerationLabel": {"Name": "Smoking", "Confidence": 90.0}},
                  {"Timestamp": 1000, "ModerationLabel": {"Name": "Smoking", "Confidence": 80.0}},
                  {"Timestamp": 4000, "ModerationLabel": {"Name": "Smoking", "Confidence": 60.0}},
                  {"Timestamp": 600, "ModerationLabel": {"Name": "Alcohol", "Confidence": 95.0}}]}""");
        String jobId = rekognition.startContentModeration(b -> b.video(video)).jobId();
        done(() -> rekognition.getContentModeration(b -> b.jobId(jobId)), GetContentModerationResponse::jobStatus);

        GetContentModerationResponse segments = rekognition.getContentModeration(b -> b.jobId(jobId)
                .aggregateBy("SEGMENTS"));

        assertEquals(List.of("Smoking 0-1000 90.0", "Alcohol 600-600 95.0", "Smoking 4000-4000 60.0"),
                segments.moderationLabels().stream().map(m -> m.moderationLabel().name() + " "
                                                              + m.startTimestampMillis() + "-" + m.endTimestampMillis()
                                                              + " " + m.moderationLabel().confidence())
                        .toList());
        assertEquals(1000L, segments.moderationLabels().get(0).durationMillis());
    }

    @Test
    void aDocumentThatIsNotAGetResponseFailsItsJobWithAClearMessage() throws Exception {
        Video notJson = supplied("not-json.mp4", "LabelDetection", "{\"Labels\": [");
        Video wrongType = supplied("wrong-type.mp4", "LabelDetection", "{\"Labels\": \"Person\"}");
        Video unknown = supplied("unknown.mp4", "LabelDetection",
                "{\"Labels\": [{\"Timestamp\": 0, \"Label\": {\"Name\": \"Person\", \"Colour\": \"red\"}}]}");
        for (Map.Entry<Video, String> failing : Map.of(
                notJson, "The results supplied at s3://videos/not-json.mp4.LabelDetection.json are not JSON: ",
                wrongType, "The results supplied at s3://videos/wrong-type.mp4.LabelDetection.json are not a "
                           + "GetLabelDetection response: $.Labels must be an array, not STRING",
                unknown, "The results supplied at s3://videos/unknown.mp4.LabelDetection.json are not a "
                         + "GetLabelDetection response: $.Labels[0].Label.Colour is not a member of the response")
                .entrySet()) {
            String jobId = rekognition.startLabelDetection(b -> b.video(failing.getKey())).jobId();
            GetLabelDetectionResponse failed = done(() -> rekognition.getLabelDetection(b -> b.jobId(jobId)),
                    GetLabelDetectionResponse::jobStatus);
            assertEquals(VideoJobStatus.FAILED, failed.jobStatus());
            assertTrue(failed.statusMessage().startsWith(failing.getValue()), failed.statusMessage());
            assertTrue(failed.labels().isEmpty());
        }
        // the server goes on
        Video fine = supplied("fine.mp4", "LabelDetection", "{\"Labels\": []}");
        String jobId = rekognition.startLabelDetection(b -> b.video(fine)).jobId();
        assertEquals(VideoJobStatus.SUCCEEDED, done(() -> rekognition.getLabelDetection(b -> b.jobId(jobId)),
                GetLabelDetectionResponse::jobStatus).jobStatus());
    }

    @Test
    void faceCollectionsAnswerAsTheServiceDoes() {
        String arn = rekognition.createCollection(b -> b.collectionId("staff")).collectionArn();
        assertEquals("aws:rekognition:" + extension.get().region() + ":" + LocalRekognitionVideo.ACCOUNT_ID
                     + ":collection/staff",
                arn);
        assertThrows(ResourceAlreadyExistsException.class, () -> rekognition.createCollection(b -> b.collectionId("staff")));
        assertThrows(InvalidParameterException.class, () -> rekognition.createCollection(b -> b.collectionId("no spaces")));
        rekognition.createCollection(b -> b.collectionId("visitors"));
        assertEquals(arn, rekognition.describeCollection(b -> b.collectionId("staff")).collectionARN());
        assertEquals(0L, rekognition.describeCollection(b -> b.collectionId("staff")).faceCount());

        var first = rekognition.listCollections(b -> b.maxResults(1));
        assertEquals(1, first.collectionIds().size());
        var rest = rekognition.listCollections(b -> b.nextToken(first.nextToken()));
        assertTrue(rest.collectionIds().stream().noneMatch(first.collectionIds()::contains), "the next page");

        assertEquals(200, rekognition.deleteCollection(b -> b.collectionId("visitors")).statusCode());
        assertThrows(ResourceNotFoundException.class, () -> rekognition.describeCollection(b -> b.collectionId("visitors")));
        assertThrows(ResourceNotFoundException.class, () -> rekognition.deleteCollection(b -> b.collectionId("visitors")));
        ResourceNotFoundException noCollection = assertThrows(ResourceNotFoundException.class,
                () -> rekognition.startFaceSearch(b -> b.collectionId("visitors")
                        .video(v -> v.s3Object(o -> o.bucket("videos").name("labels.mp4")))));
        assertEquals("The collection id: visitors does not exist", noCollection.awsErrorDetails().errorMessage());
    }
}
