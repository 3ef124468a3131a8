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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detector's settings refuse what would make no sense, and the program says so before starting anything. */
class DetectorSettingsTest {

    @Test
    void refusesASamplingIntervalUnder1Ms() {
        // 0 would never move on to the next sampling time
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DetectorSettings.defaults().withSamplingIntervalMillis(0));
        assertEquals("the sampling interval must be at least 1 ms, not 0", error.getMessage());
    }

    @Test
    void refusesAScoreOutside0To1() {
        for (float score : new float[] { 0f, 1f, -0.5f, Float.NaN }) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new DetectorSettings(200, score));
            assertTrue(error.getMessage().startsWith("the smallest score must be between 0 and 1 (both excluded), not "),
                    error.getMessage());
        }
    }

    @Test
    void theProgramRefusesASamplingIntervalOf0WithItsUsage() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), Main.class.getName(), "--sampling-interval-ms=0"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), err);
        assertTrue(err.startsWith("--sampling-interval-ms: the sampling interval must be at least 1 ms, not 0"), err);
    }
}
