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

/**
 * The Rekognition Video calls the producer makes: the Start and Get call of each analysis of
 * {@link RekognitionVideo2Analysis}.
 */
public enum RekognitionVideo2Operations {

    /** StartFaceDetection: starts an asynchronous face detection job on a video stored in S3. */
    startFaceDetection(RekognitionVideo2Analysis.FACE_DETECTION, true),
    /** GetFaceDetection: reads the status and the results of a face detection job. */
    getFaceDetection(RekognitionVideo2Analysis.FACE_DETECTION, false),
    /** StartLabelDetection: starts an asynchronous label detection job on a video stored in S3. */
    startLabelDetection(RekognitionVideo2Analysis.LABEL_DETECTION, true),
    /** GetLabelDetection: reads the status and the results of a label detection job. */
    getLabelDetection(RekognitionVideo2Analysis.LABEL_DETECTION, false),
    /** StartCelebrityRecognition: starts an asynchronous celebrity recognition job on a video stored in S3. */
    startCelebrityRecognition(RekognitionVideo2Analysis.CELEBRITY_RECOGNITION, true),
    /** GetCelebrityRecognition: reads the status and the results of a celebrity recognition job. */
    getCelebrityRecognition(RekognitionVideo2Analysis.CELEBRITY_RECOGNITION, false),
    /** StartContentModeration: starts an asynchronous content moderation job on a video stored in S3. */
    startContentModeration(RekognitionVideo2Analysis.CONTENT_MODERATION, true),
    /** GetContentModeration: reads the status and the results of a content moderation job. */
    getContentModeration(RekognitionVideo2Analysis.CONTENT_MODERATION, false),
    /**
     * StartFaceSearch: starts an asynchronous face search (faces matched against a collection) job on a video stored in
     * S3.
     */
    startFaceSearch(RekognitionVideo2Analysis.FACE_SEARCH, true),
    /** GetFaceSearch: reads the status and the results of a face search job. */
    getFaceSearch(RekognitionVideo2Analysis.FACE_SEARCH, false),
    /**
     * StartSegmentDetection: starts an asynchronous segment detection (shots and technical cues) job on a video stored
     * in S3.
     */
    startSegmentDetection(RekognitionVideo2Analysis.SEGMENT_DETECTION, true),
    /** GetSegmentDetection: reads the status and the results of a segment detection job. */
    getSegmentDetection(RekognitionVideo2Analysis.SEGMENT_DETECTION, false),
    /** StartTextDetection: starts an asynchronous text detection job on a video stored in S3. */
    startTextDetection(RekognitionVideo2Analysis.TEXT_DETECTION, true),
    /** GetTextDetection: reads the status and the results of a text detection job. */
    getTextDetection(RekognitionVideo2Analysis.TEXT_DETECTION, false),
    /**
     * StartPersonTracking: starts an asynchronous person tracking (people pathing, no longer supported by AWS since 31
     * October 2025) job on a video stored in S3.
     */
    startPersonTracking(RekognitionVideo2Analysis.PERSON_TRACKING, true),
    /** GetPersonTracking: reads the status and the results of a person tracking job. */
    getPersonTracking(RekognitionVideo2Analysis.PERSON_TRACKING, false);

    private final RekognitionVideo2Analysis analysis;
    private final boolean start;

    RekognitionVideo2Operations(RekognitionVideo2Analysis analysis, boolean start) {
        this.analysis = analysis;
        this.start = start;
    }

    public RekognitionVideo2Analysis analysis() {
        return analysis;
    }

    /** Whether this is a Start call (a new job), rather than a Get call (a job's results). */
    public boolean isStart() {
        return start;
    }

    /** The operation's name in the Rekognition API, e.g. {@code StartLabelDetection}. */
    public String apiName() {
        return start ? analysis.startApi() : analysis.getApi();
    }

    /**
     * The operation named by {@code value}, with an error that says where the value came from and what it may be.
     */
    public static RekognitionVideo2Operations fromValue(Object value, String source) {
        if (value instanceof RekognitionVideo2Operations operation) {
            return operation;
        }
        String text = String.valueOf(value).trim();
        for (RekognitionVideo2Operations operation : values()) {
            if (operation.name().equals(text)) {
                return operation;
            }
        }
        throw new RekognitionVideo2ValidationException(
                source, "unknown operation '" + text + "': must be one of " + Arrays.toString(values()));
    }
}
