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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's command line, run in this JVM through picocli as {@code main} runs it (without its exit). */
class MainTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Main());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryOptionItsDefaultAndTheExitCodes() {
        Run help = run("--help");

        assertEquals(0, help.exitCode());
        for (String option : new String[] {
                "--rekognition-port", "--sns-port", "--s3-port", "--sqs-port", "--s3-endpoint",
                "--sqs-endpoint", "--host", "--region", "--sampling-interval-ms", "--max-concurrent-jobs", "--workers",
                "--put-sample", "--faults", "--state-dir", "--help", "--version" }) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
        assertTrue(help.out().contains("default: 9190"), help.out());
        assertTrue(help.out().contains("(default: 20"), help.out());
        assertTrue(help.out().contains("1   the server could not start (a port in use)"), help.out());
    }

    @Test
    void versionNamesTheServer() {
        Run version = run("--version");

        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("rekognition-video-local "), version.out());
    }

    @Test
    void anOptionThatIsNotValidIsNamedWithTheUsageAndExitCode2() {
        Run unknown = run("--nope=1");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("Unknown option: '--nope=1'"), unknown.err());
        assertTrue(unknown.err().contains("Usage: rekognition-video-local"), unknown.err());

        Run notANumber = run("--max-concurrent-jobs=many");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.err().contains("--max-concurrent-jobs") && notANumber.err().contains("'many'"),
                notANumber.err());

        Run faults = run("--faults={\"notifications\":{\"dropRate\":2}}");
        assertEquals(2, faults.exitCode());
        assertTrue(faults.err().startsWith("--faults: dropRate must be 0 to 1, not 2.0"), faults.err());

        Run sample = run("--put-sample=videos");
        assertEquals(2, sample.exitCode());
        assertTrue(sample.err().startsWith("--put-sample needs BUCKET/KEY, not videos"), sample.err());
    }

    @Test
    void aPortInUseEndsWithExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("--rekognition-port=" + taken.getLocalPort(), "--sns-port=0", "--s3-port=0", "--sqs-port=0");

            assertEquals(1, run.exitCode());
        }
    }

    @Test
    void theDefaultLimitsAreTheServicesOwn() {
        LocalRekognitionVideo.Settings defaults = LocalRekognitionVideo.builder().settings();

        assertEquals(20, defaults.maxConcurrentJobs(), "Rekognition's default quota of concurrent jobs");
        assertEquals(10L * 1024 * 1024 * 1024, defaults.maxVideoBytes(), "Rekognition's 10 GB");
    }
}
