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
package io.github.camelrekognition.examples.yaml;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.github.camelrekognition.local.LocalRekognitionVideo;
import io.github.camelrekognition.local.LocalRekognitionVideoExtension;
import io.github.camelrekognition.local.SampleVideos;
import io.github.camelrekognition.video.RekognitionVideo2Component;
import io.github.camelrekognition.video.RekognitionVideo2Configuration;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every route of the docs that starts jobs from an {@code aws2-s3} consumer, run as written against the local server
 * for several polls of the bucket: one Start call per video. Camel's aws2-s3 consumer lists every object again at each
 * poll when it does not delete them, so a snippet without an idempotent consumer fails here with a Start call per video
 * per poll. YAML snippets are loaded as they are; Java snippets are compiled as the body of a RouteBuilder's
 * {@code configure()}. Only the account id of the docs' ARNs is replaced by the local server's.
 */
class DocumentedSnippetsIT {

    @RegisterExtension
    static LocalRekognitionVideoExtension local = new LocalRekognitionVideoExtension();

    /** The repository's root: this module is examples/yaml-dsl. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    static final List<String> DOCS = List.of("README.md", "docs/getting-started.md", "docs/guide-polling-consumer.md",
            "docs/guide-sqs-consumer.md", "component/src/main/docs/aws2-rekognition-video-component.adoc");
    static final int VIDEOS = 3;
    /** Polls of the bucket each snippet gets after its starts: aws2-s3 polls every 500 ms by default. */
    static final long POLLS_MILLIS = 3000;

    record Snippet(String doc, int line, String language, String code) {

        @Override
        public String toString() {
            return doc + ":" + line + " (" + language + ")";
        }
    }

    /** The fenced code blocks (Markdown) and listings (AsciiDoc) of the docs that start jobs from aws2-s3. */
    static List<Snippet> snippets() throws Exception {
        Pattern markdown = Pattern.compile("(?m)^```(yaml|java)\\n(.*?)^```", Pattern.DOTALL);
        Pattern asciidoc = Pattern.compile("(?m)^\\[source,(yaml|java)\\]\\n----\\n(.*?)^----", Pattern.DOTALL);
        List<Snippet> snippets = new ArrayList<>();
        for (String doc : DOCS) {
            String text = Files.readString(ROOT.resolve(doc));
            Matcher blocks = (doc.endsWith(".adoc") ? asciidoc : markdown).matcher(text);
            while (blocks.find()) {
                String code = blocks.group(2);
                if (code.contains("aws2-s3:") && code.contains("rekognition-video")) {
                    int line = (int) text.substring(0, blocks.start()).lines().count() + 1;
                    snippets.add(new Snippet(doc, line, blocks.group(1), code));
                }
            }
        }
        return snippets;
    }

    @BeforeAll
    static void videosAndTopic() {
        LocalRekognitionVideo server = local.get();
        server.s3Client().createBucket(b -> b.bucket("videos"));
        for (int i = 0; i < VIDEOS; i++) {
            String key = "upload-" + i + ".mp4";
            // files that are not videos: each job fails at once, and its Start call is what the test counts
            server.s3Client().putObject(b -> b.bucket("videos").key(key), RequestBody.fromFile(SampleVideos.notAVideo()));
        }
        server.snsClient().createTopic(b -> b.name("AmazonRekognitionFaces"));
        server.sqsClient().createQueue(b -> b.queueName("face-detection-completions"));
    }

    @TestFactory
    Stream<DynamicTest> eachDocumentedStartRouteStartsEachVideoOnce(@TempDir Path classes) throws Exception {
        List<Snippet> snippets = snippets();
        assertTrue(snippets.size() >= 7, "the start routes of the docs were found: " + snippets);
        return snippets.stream().map(snippet -> dynamicTest(snippet.toString(), () -> run(snippet, classes)));
    }

    void run(Snippet snippet, Path classes) throws Exception {
        LocalRekognitionVideo server = local.get();
        String code = snippet.code().replace("123456789012", LocalRekognitionVideo.ACCOUNT_ID);
        try (CamelContext context = new DefaultCamelContext()) {
            configure(context, server);
            // the beans the docs bind beside their routes (a database's repositories there, memory here)
            if (!code.contains("name: startedVideos")) {
                context.getRegistry().bind("startedVideos", new MemoryIdempotentRepository());
            }
            context.getRegistry().bind("startedJobs", new MemoryAggregationRepository());
            if (snippet.language().equals("yaml")) {
                PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("snippet.camel.yaml", code));
            } else {
                context.addRoutes(compile(code, classes, "Snippet" + snippet.line()));
            }
            long before = startCalls(server);
            context.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (startCalls(server) - before < VIDEOS && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(POLLS_MILLIS); // more polls of the same objects
            assertEquals(VIDEOS, startCalls(server) - before, snippet + ": one Start call per video over several polls");
        }
    }

    static long startCalls(LocalRekognitionVideo server) {
        return server.stats().getOrDefault("calls.StartFaceDetection", 0L);
    }

    /** The local server as the docs' AWS: the components pointed at it, the docs' placeholders set. */
    static void configure(CamelContext context, LocalRekognitionVideo server) {
        String topic = "arn:aws:sns:" + server.region() + ":" + LocalRekognitionVideo.ACCOUNT_ID
                       + ":AmazonRekognitionFaces";
        String role = server.roleArn("RekognitionPublishToSns");
        String queue = server.sqsClient().getQueueUrl(b -> b.queueName("face-detection-completions")).queueUrl();
        Properties properties = new Properties();
        properties.putAll(Map.of("topic", topic, "role", role, "rekognition.topicArn", topic, "rekognition.roleArn", role,
                "completions.queueUrl", queue, "videos.bucket", "videos"));
        context.getPropertiesComponent().setInitialProperties(properties);

        AWS2S3Configuration s3 = context.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration();
        s3.setRegion(server.region());
        s3.setAccessKey(LocalRekognitionVideo.ACCESS_KEY);
        s3.setSecretKey(LocalRekognitionVideo.SECRET_KEY);
        s3.setOverrideEndpoint(true);
        s3.setUriEndpointOverride(server.s3Endpoint().toString());
        s3.setForcePathStyle(true);

        RekognitionVideo2Configuration rekognition
                = context.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration();
        rekognition.setRegion(server.region());
        rekognition.setAccessKey(LocalRekognitionVideo.ACCESS_KEY);
        rekognition.setSecretKey(LocalRekognitionVideo.SECRET_KEY);
        rekognition.setOverrideEndpoint(true);
        rekognition.setUriEndpointOverride(server.rekognitionEndpoint().toString());
        rekognition.setSqsUriEndpointOverride(server.sqsEndpoint().toString());
        rekognition.setSnsSigningCertificate(server.snsSigningCertificate().toString());
    }

    /** A Java snippet compiled as the body of a RouteBuilder's configure(), with the imports a route has. */
    static RoutesBuilder compile(String code, Path classes, String name) throws Exception {
        String source = "import org.apache.camel.builder.RouteBuilder;\n"
                        + "import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;\n"
                        + "public class " + name + " extends RouteBuilder {\n"
                        + "    @Override public void configure() throws Exception {\n" + code + "\n    }\n}\n";
        Path file = Files.createDirectories(classes.resolve(name)).resolve(name + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
                file.getParent().toString(), file.toString());
        assertEquals(0, status, "the snippet compiles:\n" + source);
        URLClassLoader loader = new URLClassLoader(
                new URL[] { file.getParent().toUri().toURL() },
                DocumentedSnippetsIT.class.getClassLoader());
        return (RoutesBuilder) loader.loadClass(name).getDeclaredConstructor().newInstance();
    }
}
