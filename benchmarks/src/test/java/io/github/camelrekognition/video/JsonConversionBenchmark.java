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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.Landmark;

/**
 * The JSON of a 5,000-face job (DEFAULT attributes: box, five landmarks, pose, quality, confidence), made by the
 * component's type converter as a route's {@code convertBodyTo(String.class)} makes it, against the same job serialised
 * by what a user writes without it: each face mapped by hand to maps, then Jackson. Both give the same JSON (checked at
 * set-up).
 * <p>
 * {@code mvn -B -q -pl benchmarks -am test-compile exec:exec@bench-json} (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class JsonConversionBenchmark {

    static final int FACES = 5_000;

    private final ObjectMapper mapper = new ObjectMapper();
    private CamelContext context;
    private List<FaceDetection> faces;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        faces = faces(FACES);
        if (!mapper.readTree(typeConverter()).equals(mapper.readTree(handWrittenJackson()))) {
            throw new IllegalStateException("the two paths do not give the same JSON");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.stop();
    }

    /** The component's path: Camel's type converter registry, the component's converter. */
    @Benchmark
    public String typeConverter() {
        return context.getTypeConverter().convertTo(String.class, faces);
    }

    /** The baseline: the faces mapped by hand to maps of the service's member names, then Jackson. */
    @Benchmark
    public String handWrittenJackson() throws JsonProcessingException {
        List<Map<String, Object>> json = new ArrayList<>(faces.size());
        for (FaceDetection detection : faces) {
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("BoundingBox", Map.of("Width", detection.face().boundingBox().width(), "Height",
                    detection.face().boundingBox().height(), "Left", detection.face().boundingBox().left(), "Top",
                    detection.face().boundingBox().top()));
            List<Map<String, Object>> landmarks = new ArrayList<>();
            for (Landmark landmark : detection.face().landmarks()) {
                landmarks.add(Map.of("Type", landmark.typeAsString(), "X", landmark.x(), "Y", landmark.y()));
            }
            face.put("Landmarks", landmarks);
            face.put("Pose", Map.of("Roll", detection.face().pose().roll(), "Yaw", detection.face().pose().yaw(),
                    "Pitch", detection.face().pose().pitch()));
            face.put("Quality", Map.of("Brightness", detection.face().quality().brightness(), "Sharpness",
                    detection.face().quality().sharpness()));
            face.put("Confidence", detection.face().confidence());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Timestamp", detection.timestamp());
            entry.put("Face", face);
            json.add(entry);
        }
        return mapper.writeValueAsString(json);
    }

    /** {@code count} faces with the DEFAULT attributes, all different. */
    static List<FaceDetection> faces(int count) {
        List<FaceDetection> faces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float f = (i % 97) / 100f;
            faces.add(FaceDetection.builder().timestamp(i * 200L).face(face -> face
                    .boundingBox(b -> b.width(0.1f + f / 10).height(0.2f + f / 10).left(f / 2).top(f / 3))
                    .landmarks(landmark("eyeLeft", f), landmark("eyeRight", f + 0.01f),
                            landmark("mouthLeft", f + 0.02f), landmark("mouthRight", f + 0.03f),
                            landmark("nose", f + 0.04f))
                    .pose(p -> p.roll(f * 10).yaw(-f * 20).pitch(f * 5))
                    .quality(q -> q.brightness(50 + f * 10).sharpness(80 + f * 5))
                    .confidence(99 + f / 100))
                    .build());
        }
        return faces;
    }

    private static Landmark landmark(String type, float at) {
        return Landmark.builder().type(type).x(at).y(at + 0.05f).build();
    }
}
