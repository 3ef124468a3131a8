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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelrekognition.video.client.RekognitionVideo2ClientFactory;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.CredentialsLogProbe.ACCESS_KEY;
import static io.github.camelrekognition.video.CredentialsLogProbe.SECRET_KEY;
import static io.github.camelrekognition.video.CredentialsLogProbe.SESSION_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No access key, secret key or session token in any log line, DEBUG included: the routes of {@link CredentialsLogProbe}
 * run in a JVM of their own with every logger at DEBUG, except the three loggers of the libraries below the component
 * that print request headers (docs: "Logging and credentials"), and the output is searched. The second test shows why
 * those three stay at INFO: at DEBUG they print the credentials, and the component warns once that they do.
 */
class NoCredentialsInLogsIT {

    /** The loggers of the AWS SDK and Apache HttpClient that print signed request headers at DEBUG. */
    static final List<String> HEADER_LOGGERS = RekognitionVideo2ClientFactory.HEADER_LOGGERS;

    static final List<String> SECRETS = List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, "X-Amz-Credential=",
            "X-Amz-Signature=");

    static String probe(List<String> loggersAtInfo) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                        "-Dorg.slf4j.simpleLogger.logFile=System.out"));
        loggersAtInfo.forEach(logger -> command.add("-Dorg.slf4j.simpleLogger.log." + logger + "=info"));
        command.add(CredentialsLogProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        String log = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), log.length() > 4000 ? log.substring(log.length() - 4000) : log);
        assertTrue(log.contains("PROBE DONE"), "the probe ran to its end");
        return log;
    }

    /**
     * The log records of the output: a record starts with slf4j-simple's "millis [thread] LEVEL"; a message of several
     * lines continues on the lines that do not.
     */
    static List<String> records(String log) {
        List<String> records = new ArrayList<>();
        for (String line : log.lines().toList()) {
            if (line.matches("^\\d+ \\[[^]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) .*") || records.isEmpty()) {
                records.add(line);
            } else {
                records.set(records.size() - 1, records.get(records.size() - 1) + "\n" + line);
            }
        }
        return records;
    }

    @Test
    void noCredentialsAtDebugWithTheHeaderLoggersAtInfo() throws Exception {
        String log = probe(HEADER_LOGGERS);
        // DEBUG was on where it matters: the component, Camel, the SDK and the HTTP client
        for (String debugging : List.of("DEBUG io.github.camelrekognition.video.", "DEBUG org.apache.camel.",
                "DEBUG software.amazon.awssdk.", "DEBUG org.apache.http.")) {
            assertTrue(log.contains(debugging), "a line of " + debugging);
        }
        assertTrue(log.contains("ThrottlingException"), "the refused call was logged");
        assertTrue(log.contains("RekognitionVideo2ValidationException") || log.contains("JobTag"),
                "the refused start was logged");
        List<String> leaks = records(log).stream().filter(line -> SECRETS.stream().anyMatch(line::contains)).toList();
        assertEquals(List.of(), leaks, "log records with a credential");
        assertTrue(log.lines().noneMatch(line -> line.contains("WARN") && line.contains("prints credentials")),
                "no warning: the header loggers are at INFO");
    }

    @Test
    void theHeaderLoggersAtDebugPrintCredentialsAndTheComponentWarns() throws Exception {
        String log = probe(List.of());
        List<String> leaks = records(log).stream().filter(line -> SECRETS.stream().anyMatch(line::contains)).toList();
        assertTrue(!leaks.isEmpty(), "the header loggers print credentials at DEBUG");
        for (String leak : leaks) {
            assertTrue(HEADER_LOGGERS.stream().anyMatch(logger -> leak.contains(" " + logger + " - ")),
                    "only the header loggers: " + leak);
        }
        assertTrue(leaks.stream().anyMatch(line -> line.contains(SESSION_TOKEN)));
        assertTrue(leaks.stream().anyMatch(line -> line.contains(ACCESS_KEY)));
        assertTrue(log.lines().noneMatch(line -> line.contains(SECRET_KEY)), "the secret key is never sent");
        assertTrue(log.lines().anyMatch(line -> line.contains("WARN") && line.contains("prints credentials")),
                "the component warns");
    }
}
