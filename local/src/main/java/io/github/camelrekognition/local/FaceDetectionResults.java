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
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelrekognition.local.detection.FaceDetector;
import io.github.camelrekognition.local.detection.FaceGeometry;
import io.github.camelrekognition.local.detection.VideoAnalyzer;

/**
 * Face detection: the faces the {@link FaceDetector} finds in the sampled frames, as {@code FaceDetection}s (Timestamp,
 * and a FaceDetail with BoundingBox, Landmarks, Pose, Quality and Confidence).
 */
final class FaceDetectionResults implements AnalysisResults {

    private final VideoAnalyzer analyzer;
    private final DetectorSettings settings;
    /** Created at the first job, shared by all (it is thread safe). */
    private FaceDetector detector;

    FaceDetectionResults(VideoAnalyzer analyzer, DetectorSettings settings) {
        this.analyzer = analyzer;
        this.settings = settings;
    }

    @Override
    public String analysis() {
        return "FaceDetection";
    }

    @Override
    public String resultsMember() {
        return "Faces";
    }

    @Override
    public void compute(VideoJobs.Job job, Path video) throws IOException, VideoAnalyzer.UnreadableVideoException {
        VideoAnalyzer.Analysis analysis = analyzer.analyze(video, detector(), null);
        job.videoMetadata = AnalysisResults.videoMetadata(analysis.metadata());
        job.results = faces(analysis);
    }

    private synchronized FaceDetector detector() {
        if (detector == null) {
            detector = new FaceDetector(settings);
        }
        return detector;
    }

    private static List<ObjectNode> faces(VideoAnalyzer.Analysis analysis) {
        List<ObjectNode> faces = new ArrayList<>();
        for (VideoAnalyzer.Sample sample : analysis.samples()) {
            float width = sample.frameWidth();
            float height = sample.frameHeight();
            for (FaceDetector.DetectedFace face : sample.faces()) {
                ObjectNode detail = JSON.createObjectNode();
                detail.putObject("BoundingBox")
                        .put("Width", face.box().width() / width)
                        .put("Height", face.box().height() / height)
                        .put("Left", face.box().x() / width)
                        .put("Top", face.box().y() / height);
                ArrayNode landmarks = detail.putArray("Landmarks");
                FaceGeometry.Landmarks l = face.landmarks();
                landmark(landmarks, "eyeLeft", l.eyeLeft(), width, height);
                landmark(landmarks, "eyeRight", l.eyeRight(), width, height);
                landmark(landmarks, "mouthLeft", l.mouthLeft(), width, height);
                landmark(landmarks, "mouthRight", l.mouthRight(), width, height);
                landmark(landmarks, "nose", l.nose(), width, height);
                detail.putObject("Pose").put("Roll", face.pose().roll()).put("Yaw", face.pose().yaw())
                        .put("Pitch", face.pose().pitch());
                detail.putObject("Quality").put("Brightness", face.brightness()).put("Sharpness", face.sharpness());
                detail.put("Confidence", face.confidence());
                ObjectNode detection = JSON.createObjectNode().put("Timestamp", sample.timestampMillis());
                detection.set("Face", detail);
                faces.add(detection);
            }
        }
        return List.copyOf(faces);
    }

    /** A landmark as Rekognition gives it: X and Y as ratios of the frame (outside 0..1 when off the frame). */
    private static void landmark(
            ArrayNode landmarks, String type, FaceGeometry.Point point, float width,
            float height) {
        landmarks.addObject().put("Type", type).put("X", point.x() / width).put("Y", point.y() / height);
    }

    @Override
    public synchronized void close() {
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }
}
