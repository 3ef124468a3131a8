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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test class path in a JVM of its own (this JVM's java, its class path), for the measures that
 * need a fresh JVM or a heap of their own.
 */
final class FreshJvm {

    /** How the JVM ended, and what it printed (standard output and error). */
    record Result(int exitCode, String output) {

        /** The last line that starts with {@code prefix}, without it; fails when there is none. */
        String line(String prefix) {
            return output.lines().filter(line -> line.startsWith(prefix)).reduce((first, second) -> second)
                    .map(line -> line.substring(prefix.length()))
                    .orElseThrow(() -> new IllegalStateException("no line starting with '" + prefix + "' in:\n" + output));
        }
    }

    private FreshJvm() {
    }

    /**
     * @throws IllegalStateException when the JVM is still running after {@code timeout} (it is then killed)
     */
    static Result run(Duration timeout, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " still running after " + timeout + ":\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** {@link #run} that fails unless the JVM exits 0. */
    static Result runOk(Duration timeout, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Result result = run(timeout, jvmOptions, main, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    main.getSimpleName() + " " + String.join(" ", args) + " exited "
                                            + result.exitCode() + ":\n" + result.output());
        }
        return result;
    }
}
