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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.camelrekognition.local.Faults;
import io.github.camelrekognition.local.LocalRekognitionVideo;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.main.Main;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Several nodes, one of them killed: three Camel Main applications in JVMs of their own ({@link Node}, routes
 * {@code several-nodes/node.camel.yaml}) consume one queue and share their state in PostgreSQL (camel-sql's
 * {@code JdbcMessageIdRepository} for the jobs done, {@code JdbcOrphanLockAwareIdempotentRepository} for the jobs being
 * emitted); each emitted job is written to the table {@code emitted}. 200 jobs are started while the local SNS delivers
 * every notification twice, up to 3 s late and out of order; one node is killed with SIGKILL while it emits a job and
 * started again. Counted by JobId in the table: every job emitted (0 lost), each once, except at most one duplicate for
 * the kill (the job of the exchange in flight, with its JobId).
 */
class SeveralNodesIT extends ConsumerTestSupport {

    static final int JOBS = 200;
    static PostgresServer postgres;
    static Path logs;
    final Map<String, Process> nodes = new HashMap<>();

    @BeforeAll
    static void database() throws Exception {
        postgres = PostgresServer.start();
        try (Connection connection = postgres.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("create table emitted (job_id varchar(100), node varchar(20), at timestamp default now())");
            // the repositories' table, made once as a schema migration would: nodes that start together and find it
            // missing each try to create it, and all but one fail
            sql.execute("create table CAMEL_MESSAGEPROCESSED (processorName varchar(255), messageId varchar(100), "
                        + "createdAt timestamp, primary key (processorName, messageId))");
        }
        logs = Files.createDirectories(Path.of("target", "several-nodes"));
    }

    @AfterAll
    static void stopDatabase() {
        postgres.close();
    }

    /** Starts a node: a JVM running {@link Node} with the test's class path; {@link #started} waits for it. */
    Process start(String name, String queue) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.logFile=System.out",
                        Node.class.getName(),
                        "node.name=" + name, "node.delay=60", "db.url=" + postgres.jdbcUrl(), "completions.queueUrl=" + queue,
                        "camel.component.aws2-rekognition-video.region=" + local.get().region(),
                        "camel.component.aws2-rekognition-video.access-key=" + LocalRekognitionVideo.ACCESS_KEY,
                        "camel.component.aws2-rekognition-video.secret-key=" + LocalRekognitionVideo.SECRET_KEY,
                        "camel.component.aws2-rekognition-video.override-endpoint=true",
                        "camel.component.aws2-rekognition-video.uri-endpoint-override=" + local.get().rekognitionEndpoint(),
                        "camel.component.aws2-rekognition-video.sqs-uri-endpoint-override=" + local.get().sqsEndpoint(),
                        "camel.component.aws2-rekognition-video.sns-signing-certificate=" + local.get()
                                .snsSigningCertificate()));
        File log = logs.resolve(name + ".log").toFile();
        Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        nodes.put(name, node);
        return node;
    }

    /** Waits until the node's route has started. */
    void started(String name) {
        Path log = logs.resolve(name + ".log");
        await().atMost(60, TimeUnit.SECONDS).until(() -> {
            assertTrue(nodes.get(name).isAlive(), () -> name + " exited: " + read(log));
            return read(log).contains("Started completed-jobs");
        });
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Times each job id was written to {@code emitted}. */
    static Map<String, Integer> emitted() throws Exception {
        Map<String, Integer> emitted = new TreeMap<>();
        try (Connection connection = postgres.dataSource().getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select job_id, count(*) from emitted group by job_id")) {
            while (rows.next()) {
                emitted.put(rows.getString(1), rows.getInt(2));
            }
        }
        return emitted;
    }

    static int rows(String table, String processor) throws Exception {
        try (Connection connection = postgres.dataSource().getConnection(); Statement sql = connection.createStatement();
             ResultSet rows
                     = sql.executeQuery("select count(*) from " + table + " where processorName = '" + processor + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void nothingLostAndEachJobOnceWhenANodeIsKilled() throws Exception {
        String queue = subscribedQueue(false);
        for (String name : List.of("node-1", "node-2", "node-3")) {
            start(name, queue);
        }
        nodes.keySet().forEach(this::started);
        local.get().faults(Faults.parse("{\"notifications\":{\"duplicates\":1,\"delayMillis\":3000,\"outOfOrder\":true},"
                                        + "\"maxConcurrentJobs\":1000}"));
        RekognitionClient rekognition = local.get().rekognitionClient();
        List<String> jobs = new ArrayList<>();
        try {
            for (int i = 0; i < JOBS; i++) {
                // a file that is not a video: the job fails at once; its completion is what is counted
                jobs.add(rekognition.startFaceDetection(b -> b.video(v -> v.s3Object(o -> o.bucket("videos")
                        .name("text.mp4"))).notificationChannel(n -> n.snsTopicArn(topicArn)
                                .roleArn(local.get().roleArn("RekognitionPublishToSns"))))
                        .jobId());
            }
            // kill node-2 while it emits a job: after its fifth "emitting" line, during the delay before the write
            Path node2 = logs.resolve("node-2.log");
            await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(10))
                    .until(() -> read(node2).lines().filter(l -> l.contains("emitting ")).count() >= 5);
            nodes.get("node-2").destroyForcibly().waitFor();
            List<String> emitting = read(node2).lines().filter(l -> l.contains("emitting ")).toList();
            String inFlight = emitting.get(emitting.size() - 1).replaceAll(".*emitting ", "").trim();
            start("node-2-restarted", queue);
            started("node-2-restarted");

            try {
                await().atMost(120, TimeUnit.SECONDS).until(() -> emitted().keySet().containsAll(jobs));
            } catch (ConditionTimeoutException e) {
                List<String> lost = new ArrayList<>(jobs);
                lost.removeAll(emitted().keySet());
                fail(lost.size() + " jobs never emitted (the one in flight at the kill: " + inFlight + "): " + lost);
            }
            // every copy delivered and handled, the late ones included
            await().atMost(60, TimeUnit.SECONDS).pollDelay(4, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
            Map<String, Integer> emitted = emitted();
            assertEquals(jobs.stream().sorted().toList(), List.copyOf(emitted.keySet()), "every job emitted, 0 lost");
            int duplicates = emitted.values().stream().mapToInt(times -> times - 1).sum();
            System.out.printf("SeveralNodesIT: %d jobs, %d exchanges, %d duplicates, %d lost; in flight at the kill: %s "
                              + "(emitted %d times)%n",
                    jobs.size(), emitted.values().stream().mapToInt(i -> i).sum(),
                    duplicates, jobs.size() - emitted.size(), inFlight, emitted.getOrDefault(inFlight, 0));
            assertTrue(duplicates <= 1, "at most one duplicate for the one kill: " + duplicates);
            emitted.forEach((job, times) -> assertTrue(times == 1 || job.equals(inFlight),
                    job + " emitted " + times + " times, and it was not in flight at the kill"));
            assertEquals(JOBS, rows("CAMEL_MESSAGEPROCESSED", "face-detection"), "each job recorded as done");
            assertEquals(0, rows("CAMEL_MESSAGEPROCESSED", "face-detection-claims"),
                    "no claim left: the killed node's claim expired and was taken over");
        } finally {
            for (Process node : nodes.values()) {
                node.destroy(); // SIGTERM: Camel Main stops gracefully
            }
            for (Process node : nodes.values()) {
                node.waitFor(30, TimeUnit.SECONDS);
            }
            local.get().faults(Faults.none());
        }
    }

    /**
     * A node: Camel Main with the routes of {@code several-nodes/node.camel.yaml} and the beans of
     * {@link Repositories}, its properties as arguments.
     */
    public static final class Node {
        public static void main(String[] args) throws Exception {
            Main main = new Main();
            main.configure().withRoutesIncludePattern("classpath:several-nodes/node.camel.yaml");
            main.configure().addConfiguration(Repositories.class);
            for (String arg : args) {
                int eq = arg.indexOf('=');
                main.addInitialProperty(arg.substring(0, eq), arg.substring(eq + 1));
            }
            main.run();
        }
    }

    /** The shared state of the nodes, as docs/guide-sqs-consumer.md binds it. */
    public static final class Repositories implements CamelConfiguration {

        @PropertyInject("db.url")
        String url;

        @BindToRegistry
        public DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            return dataSource;
        }

        @BindToRegistry
        public JdbcMessageIdRepository done(DataSource dataSource) {
            return new JdbcMessageIdRepository(dataSource, "face-detection");
        }

        @BindToRegistry
        public JdbcOrphanLockAwareIdempotentRepository claims(CamelContext context, DataSource dataSource) {
            // repeatable read: at read committed, two instances that claim one job at the same moment can both get it
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
            JdbcOrphanLockAwareIdempotentRepository claims = new JdbcOrphanLockAwareIdempotentRepository(
                    dataSource,
                    transactions, "face-detection-claims", context);
            claims.setLockMaxAgeMillis(3000);
            claims.setLockKeepAliveIntervalMillis(1000);
            return claims;
        }
    }
}
