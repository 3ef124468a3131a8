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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelrekognition.local.detection.SegmentDetector;
import io.github.camelrekognition.local.detection.VideoAnalyzer;

/**
 * Segment detection: the shots and technical cues the {@link SegmentDetector} finds, with the AudioMetadata and
 * SelectedSegmentTypes members of the Get response, and VideoMetadata as a list, as the service gives them.
 */
final class SegmentDetectionResults implements AnalysisResults {

    private final VideoAnalyzer analyzer;

    SegmentDetectionResults(VideoAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public String analysis() {
        return "SegmentDetection";
    }

    @Override
    public String resultsMember() {
        return "Segments";
    }

    @Override
    public void compute(VideoJobs.Job job, Path video) throws IOException, VideoAnalyzer.UnreadableVideoException {
        SegmentDetector.Settings segments = SegmentDetector.Settings.of(job.request);
        VideoAnalyzer.Analysis analysis = analyzer.analyze(video, null, segments);
        job.videoMetadata = JSON.createArrayNode().add(AnalysisResults.videoMetadata(analysis.metadata()));
        job.results = List.copyOf(analysis.segments());
        ObjectNode more = JSON.createObjectNode();
        ArrayNode audio = more.putArray("AudioMetadata");
        if (analysis.audio() != null) {
            audio.addObject().put("Codec", analysis.audio().codec())
                    .put("DurationMillis", analysis.audio().durationMillis())
                    .put("SampleRate", analysis.audio().sampleRate())
                    .put("NumberOfChannels", analysis.audio().numberOfChannels());
        }
        ArrayNode selected = more.putArray("SelectedSegmentTypes");
        job.request.path("SegmentTypes").forEach(type -> selected.addObject().put("Type", type.asText())
                .put("ModelVersion", SegmentDetector.MODEL_VERSION));
        job.more = more;
    }
}
