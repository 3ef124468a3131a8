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

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelrekognition.local.detection.VideoAnalyzer;

/**
 * The results of one analysis this server computes, made from a job's video in the shape of the service's Get response:
 * one implementation per analysis ({@link FaceDetectionResults}, {@link SegmentDetectionResults}), so that
 * {@link VideoJobs} runs, keeps and pages every analysis's jobs the same way.
 */
interface AnalysisResults extends AutoCloseable {

    ObjectMapper JSON = new ObjectMapper();

    /** The analysis, e.g. {@code FaceDetection}: its Start and Get operations are named after it. */
    String analysis();

    /** The member of the Get response that lists the results, e.g. {@code Faces}. */
    String resultsMember();

    /**
     * Analyses {@code video}, the video of {@code job}, and sets the job's video metadata, results and the members of
     * the Get response that only this analysis has.
     *
     * @throws VideoAnalyzer.UnreadableVideoException when the video cannot be decoded
     */
    void compute(VideoJobs.Job job, Path video) throws IOException, VideoAnalyzer.UnreadableVideoException, JobFailure;

    /**
     * Checks a Start request of this analysis, once it is valid and its video exists, before the job is made.
     *
     * @throws ServiceException the service's error for this request
     */
    default void checkStart(JsonNode request) {
    }

    /** The results of a job in the order a Get request asks for ({@code SortBy}); the order they were made in. */
    default List<ObjectNode> order(List<ObjectNode> results, JsonNode getRequest) {
        return results;
    }

    /** A job that ends FAILED with this message as its StatusMessage, as the service words it. */
    final class JobFailure extends Exception {
        private static final long serialVersionUID = 1L;

        JobFailure(String statusMessage) {
            super(statusMessage);
        }
    }

    /** Frees what the analysis holds (a model). */
    @Override
    default void close() {
    }

    /** A VideoMetadata of the Get response. */
    static ObjectNode videoMetadata(VideoAnalyzer.Metadata m) {
        ObjectNode node = JSON.createObjectNode()
                .put("Codec", m.codec())
                .put("DurationMillis", m.durationMillis())
                .put("Format", m.format())
                .put("FrameRate", m.frameRate())
                .put("FrameHeight", m.frameHeight())
                .put("FrameWidth", m.frameWidth());
        if (m.colorRange() != null) {
            node.put("ColorRange", m.colorRange());
        }
        return node;
    }
}
