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

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 6-hour video's 1,000,000 faces in a 256 MB heap: {@link LongJobBenchmark} runs in a JVM of its own with
 * {@code -Xmx256m} and must emit every face in {@code item} and {@code page} modes (an OutOfMemoryError ends that JVM
 * with a failure). {@code aggregate} mode, which holds every face in one list, is measured on 100,000 faces for its
 * heap per face. The RESULT lines are in the test's output (docs/performance.md).
 */
class LongJobIT {

    static final long SIX_HOURS_OF_FACES = 1_000_000;

    @Test
    void itemModeStreamsAMillionFacesIn256Megabytes() throws Exception {
        String result = run("item", SIX_HOURS_OF_FACES, "-Xmx256m");
        assertTrue(result.contains(" exchanges=1000000 emittedFaces=1000000 "), result);
    }

    @Test
    void pageModeStreamsAMillionFacesIn256Megabytes() throws Exception {
        String result = run("page", SIX_HOURS_OF_FACES, "-Xmx256m");
        assertTrue(result.contains(" exchanges=1000 emittedFaces=1000000 "), result);
    }

    @Test
    void aggregateModeCostIsMeasuredPerFace() throws Exception {
        String result = run("aggregate", 100_000, "-Xmx768m");
        assertTrue(result.contains(" exchanges=1 emittedFaces=100000 "), result);
        long bytesPerFace = Long.parseLong(result.replaceAll(".* bytesPerFace=(\\d+).*", "$1"));
        // a FaceDetection with its bounding box, five landmarks, pose and quality: hundreds of bytes, not tens
        assertTrue(bytesPerFace > 200 && bytesPerFace < 5000, result);
    }

    /** Runs the benchmark in a JVM of its own; returns its RESULT line after checking it exited 0. */
    private static String run(String mode, long faces, String heap) throws IOException, InterruptedException {
        FreshJvm.Result run = FreshJvm.run(Duration.ofMinutes(10), List.of(heap, "-XX:+ExitOnOutOfMemoryError"),
                LongJobBenchmark.class, mode, String.valueOf(faces));
        String result = run.output().lines().filter(line -> line.startsWith("RESULT ")).findFirst().orElse(run.output());
        System.out.println(result);
        assertEquals(0, run.exitCode(), run.output());
        return result;
    }
}
