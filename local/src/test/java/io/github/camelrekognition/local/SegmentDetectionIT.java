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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.GetSegmentDetectionResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.SegmentDetection;
import software.amazon.awssdk.services.rekognition.model.SegmentType;
import software.amazon.awssdk.services.rekognition.model.StartSegmentDetectionRequest;
import software.amazon.awssdk.services.rekognition.model.TechnicalCueType;
import software.amazon.awssdk.services.rekognition.model.VideoJobStatus;

import static io.github.camelrekognition.local.LocalTestSupport.awaitJob;
import static io.github.camelrekognition.local.LocalTestSupport.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Segment detection computed by the local server, through the AWS SDK: the shots and black frames of
 * {@link SampleVideos#shots()}, whose cuts are known by construction, with the service's members and filters.
 */
class SegmentDetectionIT {

    @RegisterExtension
    static LocalRekognitionVideoExtension extension = new LocalRekognitionVideoExtension();

    static RekognitionClient rekognition;

    @BeforeAll
    static void uploadFixtures() {
        LocalRekognitionVideo local = extension.get();
        rekognition = local.rekognitionClient();
        local.s3Client().createBucket(b -> b.bucket("videos"));
        upload(local, "videos", "shots.mp4", SampleVideos.shots());
        upload(local, "videos", "no-face.mp4", SampleVideos.noFace());
        upload(local, "videos", "not-a-video.mp4", SampleVideos.notAVideo());
    }

    private static GetSegmentDetectionResponse detect(String key, StartSegmentDetectionRequest.Builder start)
            throws InterruptedException {
        String jobId = rekognition.startSegmentDetection(start.video(v -> v.s3Object(o -> o.bucket("videos").name(key)))
                .build()).jobId();
        return awaitJob(() -> rekognition.getSegmentDetection(b -> b.jobId(jobId)),
                GetSegmentDetectionResponse::jobStatus, Duration.ofSeconds(60));
    }

    private static List<SegmentDetection> ofType(GetSegmentDetectionResponse response, SegmentType type) {
        return response.segments().stream().filter(s -> s.type() == type).toList();
    }

    @Test
    void findsTheShotsWhereTheVideoCuts() throws Exception {
        GetSegmentDetectionResponse done = detect("shots.mp4",
                StartSegmentDetectionRequest.builder().segmentTypes(SegmentType.SHOT));

        assertEquals(VideoJobStatus.SUCCEEDED, done.jobStatus(), done.statusMessage());
        List<SegmentDetection> shots = ofType(done, SegmentType.SHOT);
        List<Integer> starts = SampleVideos.SHOT_STARTS;
        assertEquals(starts.size(), shots.size(), shots.toString());
        for (int i = 0; i < shots.size(); i++) {
            SegmentDetection shot = shots.get(i);
            long end = i + 1 < starts.size() ? starts.get(i + 1) - 1 : 6 * SampleVideos.FPS - 1;
            assertEquals(starts.get(i).longValue(), shot.startFrameNumber(), "start of shot " + i);
            assertEquals(end, shot.endFrameNumber(), "end of shot " + i);
            assertEquals(end - starts.get(i) + 1, shot.durationFrames());
            assertEquals(starts.get(i) * 40L, shot.startTimestampMillis());
            assertEquals((end + 1) * 40, shot.endTimestampMillis());
            assertEquals(i, shot.shotSegment().index());
            assertTrue(shot.shotSegment().confidence() >= 50 && shot.shotSegment().confidence() <= 100, shot.toString());
        }
        assertEquals("00:00:01:00", shots.get(1).startTimecodeSMPTE());
        assertEquals("00:00:03:00", shots.get(1).endTimecodeSMPTE());
        assertEquals("00:00:02:00", shots.get(1).durationSMPTE());
        assertEquals(List.of(), ofType(done, SegmentType.TECHNICAL_CUE), "no cue that was not asked for");
        assertEquals(SegmentType.SHOT, done.selectedSegmentTypes().get(0).type());
        assertEquals(25.0f, done.videoMetadata().get(0).frameRate());
        assertEquals(1280L, done.videoMetadata().get(0).frameWidth());
    }

    @Test
    void findsTheRunsOfBlackFrames() throws Exception {
        GetSegmentDetectionResponse done = detect("shots.mp4",
                StartSegmentDetectionRequest.builder().segmentTypes(SegmentType.TECHNICAL_CUE));

        List<SegmentDetection> cues = ofType(done, SegmentType.TECHNICAL_CUE);
        assertEquals(SampleVideos.BLACK_RUNS.size(), cues.size(), cues.toString());
        for (int i = 0; i < cues.size(); i++) {
            assertEquals(TechnicalCueType.BLACK_FRAMES, cues.get(i).technicalCueSegment().type());
            assertEquals(SampleVideos.BLACK_RUNS.get(i)[0], cues.get(i).startFrameNumber());
            assertEquals(SampleVideos.BLACK_RUNS.get(i)[1], cues.get(i).endFrameNumber());
            assertTrue(cues.get(i).technicalCueSegment().confidence() >= 99, cues.get(i).toString());
        }
        assertEquals(List.of(), ofType(done, SegmentType.SHOT));
    }

    @Test
    void theFiltersLeaveOutWhatIsBelowThem() throws Exception {
        // no frame of the video has every pixel at luminance 0 of a limited range (16): the strictest filter finds none
        GetSegmentDetectionResponse strict = detect("shots.mp4", StartSegmentDetectionRequest.builder()
                .segmentTypes(SegmentType.TECHNICAL_CUE, SegmentType.SHOT)
                .filters(f -> f.technicalCueFilter(t -> t.blackFrame(b -> b.minCoveragePercentage(100f)
                        .maxPixelThreshold(0f)))
                        .shotFilter(s -> s.minSegmentConfidence(100f))));
        GetSegmentDetectionResponse all = detect("shots.mp4", StartSegmentDetectionRequest.builder()
                .segmentTypes(SegmentType.TECHNICAL_CUE, SegmentType.SHOT));

        assertTrue(ofType(strict, SegmentType.SHOT).size() < ofType(all, SegmentType.SHOT).size(),
                "a cut below MinSegmentConfidence starts no shot: " + ofType(strict, SegmentType.SHOT));
        assertEquals(SampleVideos.SHOT_STARTS.size() + SampleVideos.BLACK_RUNS.size(), all.segments().size());
        List<Long> starts = all.segments().stream().map(SegmentDetection::startFrameNumber).toList();
        assertEquals(starts.stream().sorted().toList(), starts, "in the order of their start");
    }

    @Test
    void aVideoWithoutCutsIsOneShot() throws Exception {
        GetSegmentDetectionResponse done = detect("no-face.mp4",
                StartSegmentDetectionRequest.builder().segmentTypes(SegmentType.SHOT, SegmentType.TECHNICAL_CUE));

        assertEquals(1, done.segments().size(), done.segments().toString());
        assertEquals(0L, done.segments().get(0).startFrameNumber());
        assertEquals(3 * SampleVideos.FPS - 1L, done.segments().get(0).endFrameNumber());
    }

    @Test
    void pagesAndRefusesAnotherAnalysisJob() throws Exception {
        String jobId = rekognition.startSegmentDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("videos")
                .name("shots.mp4"))).segmentTypes(SegmentType.SHOT, SegmentType.TECHNICAL_CUE)).jobId();
        awaitJob(() -> rekognition.getSegmentDetection(b -> b.jobId(jobId)), GetSegmentDetectionResponse::jobStatus,
                Duration.ofSeconds(60));

        List<SegmentDetection> paged = rekognition.getSegmentDetectionPaginator(b -> b.jobId(jobId).maxResults(2))
                .stream().flatMap(page -> page.segments().stream()).toList();
        assertEquals(6, paged.size(), "every segment across pages of 2");
        assertThrows(ResourceNotFoundException.class, () -> rekognition.getFaceDetection(b -> b.jobId(jobId)),
                "a segment detection job is not a face detection job");
        assertThrows(InvalidPaginationTokenException.class,
                () -> rekognition.getSegmentDetection(b -> b.jobId(jobId).nextToken("forged")));
    }

    @Test
    void aFileThatIsNotAVideoFails() throws Exception {
        GetSegmentDetectionResponse done = detect("not-a-video.mp4",
                StartSegmentDetectionRequest.builder().segmentTypes(SegmentType.SHOT));

        assertEquals(VideoJobStatus.FAILED, done.jobStatus());
        assertTrue(done.statusMessage().startsWith("Unsupported codec/format."), done.statusMessage());
        assertEquals(List.of(), done.segments());
    }
}
