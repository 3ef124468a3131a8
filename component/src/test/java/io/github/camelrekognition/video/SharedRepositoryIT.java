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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import javax.sql.DataSource;

import io.github.camelrekognition.local.Faults;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.JOB_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances (CamelContexts) compete on one queue and share their state in PostgreSQL through Camel's camel-sql
 * repositories: {@code JdbcMessageIdRepository} for the jobs done, {@code JdbcOrphanLockAwareIdempotentRepository} for
 * the jobs being emitted, its transactions at repeatable read. The local SNS delivers every notification three times,
 * late and out of order: each job is emitted once. The instances that die are {@code SeveralNodesIT}'s.
 */
class SharedRepositoryIT extends ConsumerTestSupport {

    static PostgresServer postgres;
    /** The instances' connections to the database, pooled as an application's are. */
    static BasicDataSource database;
    final List<CamelContext> instances = new ArrayList<>();

    @BeforeAll
    static void database() {
        postgres = PostgresServer.start();
        database = new BasicDataSource();
        database.setUrl(postgres.jdbcUrl());
        database.setMaxTotal(40);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        database.close();
        postgres.close();
    }

    @AfterEach
    void stopInstances() throws Exception {
        for (CamelContext instance : instances) {
            instance.close();
        }
        local.get().faults(Faults.none());
    }

    /** An instance of the application: its own CamelContext and repositories on the shared database. */
    CamelContext instance(String name, String queue, Map<String, AtomicInteger> emitted) throws Exception {
        return instance(name, queue, emitted, "");
    }

    /** The record of started jobs on the shared database (its two tables made once, as a migration would). */
    static JdbcAggregationRepository startedJobs() throws Exception {
        return startedJobs("started_jobs");
    }

    /** A record of started jobs in {@code table} (and {@code table}_completed) of the shared database. */
    static JdbcAggregationRepository startedJobs(String table) throws Exception {
        try (Connection connection = database.getConnection();
             Statement sql = connection.createStatement()) {
            for (String name : List.of(table, table + "_completed")) {
                sql.execute("create table if not exists " + name
                            + " (id varchar(255) primary key, exchange bytea, version bigint)");
            }
        }
        JdbcAggregationRepository started
                = new JdbcAggregationRepository(new DataSourceTransactionManager(database), table, database);
        started.start();
        return started;
    }

    /** An instance with more consumer options, and the record of started jobs on the shared database. */
    CamelContext instance(String name, String queue, Map<String, AtomicInteger> emitted, String options)
            throws Exception {
        return instance(name, queue, emitted, options, "started_jobs");
    }

    /** An instance whose record of started jobs is {@code startedJobsTable} of the shared database. */
    CamelContext instance(
            String name, String queue, Map<String, AtomicInteger> emitted, String options, String startedJobsTable)
            throws Exception {
        CamelContext instance = new DefaultCamelContext();
        instances.add(instance);
        RekognitionVideo2TestSupport.pointAt(instance, local.get().rekognitionEndpoint(), local.get().region());
        instance.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                .setSnsSigningCertificate(local.get().snsSigningCertificate().toString());
        // the repositories as the guide binds them (and SeveralNodesIT's nodes do)
        SeveralNodesIT.Repositories repositories = new SeveralNodesIT.Repositories();
        instance.getRegistry().bind("done", repositories.done(database));
        instance.getRegistry().bind("claims", repositories.claims(instance, database));
        instance.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                .setStartedJobsRepository(startedJobs(startedJobsTable));
        instance.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "concurrentConsumers=2&resultMode=notification&idempotentRepository=#done"
                                     + "&inProgressRepository=#claims&visibilityTimeout=5" + options))
                        .routeId(name)
                        .process(e -> emitted.computeIfAbsent(e.getMessage().getHeader(JOB_ID, String.class),
                                id -> new AtomicInteger()).incrementAndGet());
            }
        });
        instance.start();
        return instance;
    }

    @Test
    void lostNotificationsAreReconciledOnceByInstancesThatStartedAfterTheJobs() throws Exception {
        String queue = subscribedQueue(false);
        local.get().faults(Faults.parse("{\"notifications\":{\"dropRate\":1.0},\"maxConcurrentJobs\":100}"));
        // an instance starts the jobs, records them on the database, and stops: every notification is lost
        List<String> jobs = new ArrayList<>();
        try (CamelContext starter = new DefaultCamelContext()) {
            RekognitionVideo2TestSupport.pointAt(starter, local.get().rekognitionEndpoint(), local.get().region());
            starter.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                    .setStartedJobsRepository(startedJobs());
            starter.start();
            for (int i = 0; i < 10; i++) {
                // one job per start (a derived token would make the same start the same job)
                jobs.add(starter.createProducerTemplate().request(
                        "aws2-rekognition-video:faces?bucketName=videos&deriveClientRequestToken=false",
                        e -> e.getMessage().setHeaders(new HashMap<>(
                                Map.of(
                                        RekognitionVideo2Constants.OBJECT_KEY, "text.mp4",
                                        RekognitionVideo2Constants.SNS_TOPIC_ARN, topicArn,
                                        RekognitionVideo2Constants.ROLE_ARN, local.get().roleArn("RekognitionPublishToSns")))))
                        .getMessage().getHeader(JOB_ID, String.class));
            }
        }
        assertEquals(10, startedJobs().getKeys().size(), "recorded on the database");
        // two other instances reconcile them
        Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();
        instance("reconciler-1", queue, emitted, "&reconcileInterval=200&reconcileAfter=500");
        instance("reconciler-2", queue, emitted, "&reconcileInterval=200&reconcileAfter=500");
        await().atMost(60, TimeUnit.SECONDS).until(() -> emitted.keySet().containsAll(jobs));
        await().atMost(10, TimeUnit.SECONDS).until(() -> startedJobs().getKeys().isEmpty());
        Thread.sleep(1000); // more rounds of both
        assertEquals(jobs.stream().sorted().toList(), emitted.keySet().stream().sorted().toList());
        emitted.forEach((job, times) -> assertEquals(1, times.get(), job + " emitted once"));
    }

    /** Claims of Camel's orphan-lock repository on the shared database, each with its own CamelContext. */
    JdbcOrphanLockAwareIdempotentRepository claims(int isolation) throws Exception {
        CamelContext instance = new DefaultCamelContext();
        instances.add(instance);
        instance.start();
        DataSource database = postgres.dataSource();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        transactions.setIsolationLevel(isolation);
        JdbcOrphanLockAwareIdempotentRepository claims
                = new JdbcOrphanLockAwareIdempotentRepository(database, transactions, "claims-" + isolation, instance);
        claims.setLockMaxAgeMillis(5000);
        claims.setLockKeepAliveIntervalMillis(1000);
        claims.start();
        return claims;
    }

    /** How many of {@code keys} two instances both claimed, each claiming every key at the same moment. */
    int claimedTwice(int isolation, int keys) throws Exception {
        JdbcOrphanLockAwareIdempotentRepository first = claims(isolation);
        JdbcOrphanLockAwareIdempotentRepository second = claims(isolation);
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicIntegerArray winners = new AtomicIntegerArray(keys);
        List<Thread> threads = new ArrayList<>();
        for (JdbcOrphanLockAwareIdempotentRepository claims : List.of(first, second)) {
            Thread thread = new Thread(() -> {
                for (int key = 0; key < keys; key++) {
                    try {
                        together.await();
                        if (claims.add("job-" + key)) {
                            winners.incrementAndGet(key);
                        }
                    } catch (Exception refused) {
                        // the database refused the second claim: not claimed
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int twice = 0;
        for (int key = 0; key < keys; key++) {
            twice += winners.get(key) > 1 ? 1 : 0;
        }
        return twice;
    }

    /**
     * Why the claims' transactions are repeatable read: at read committed, Camel's orphan-lock repository checks for a
     * live claim, then for any claim, and takes over a claim it finds then as if it were an orphan, so two instances
     * that claim a job at the same moment can both get it (a job emitted twice). At repeatable read, the second one's
     * insert is refused.
     */
    @Test
    void oneClaimPerJobAtRepeatableRead() throws Exception {
        int readCommitted = claimedTwice(Connection.TRANSACTION_READ_COMMITTED, 100);
        int repeatableRead = claimedTwice(Connection.TRANSACTION_REPEATABLE_READ, 100);
        assertEquals(0, repeatableRead, "jobs claimed by both instances at repeatable read");
        assertTrue(readCommitted > 0, "at read committed, some of 100 jobs are claimed by both instances (if not, "
                                      + "the repository no longer needs repeatable read, and the docs can say so)");
    }

    /**
     * An instance that died after recording a job as done and before letting its claim go left the claim behind; the
     * next copy of the job's notification, a duplicate, is dropped and lets the claim go.
     */
    @Test
    void aClaimLeftBehindForAJobDoneIsLetGoByTheNextCopy() throws Exception {
        String queue = subscribedQueue(false);
        String jobId = startJob("text.mp4", "left-claim"); // FAILED at once
        await().atMost(30, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 1);
        // what the instance that died left: the job recorded as done, and its claim
        String key = jobId + ":FAILED";
        SeveralNodesIT.Repositories repositories = new SeveralNodesIT.Repositories();
        try (CamelContext died = new DefaultCamelContext()) {
            died.start();
            JdbcMessageIdRepository done = repositories.done(postgres.dataSource());
            done.start();
            assertTrue(done.add(key));
            JdbcOrphanLockAwareIdempotentRepository claims = repositories.claims(died, postgres.dataSource());
            claims.start();
            assertTrue(claims.add(key));
            claims.stop();
            done.stop();
        }
        assertEquals(1, claims(key), "the claim left behind");

        Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();
        instance("instance-1", queue, emitted);
        await().atMost(60, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);

        assertEquals(Map.of(), emitted, "a job done is not emitted again");
        assertEquals(0, claims(key), "the claim let go");
    }

    private static int claims(String key) throws Exception {
        try (Connection connection = postgres.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from CAMEL_MESSAGEPROCESSED where processorName = 'face-detection-claims' "
                                                                   + "and messageId = ?")) {
            query.setString(1, key);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void twoInstancesEmitEachJobOnceThroughDuplicatedLateAndOutOfOrderNotifications() throws Exception {
        String queue = subscribedQueue(false);
        Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();
        instance("instance-1", queue, emitted);
        instance("instance-2", queue, emitted);
        long duplicatedBefore = local.get().stats().getOrDefault("notifications.duplicated", 0L);
        local.get().faults(Faults.parse("{\"notifications\":{\"duplicates\":2,\"delayMillis\":2000,\"outOfOrder\":true},"
                                        + "\"maxConcurrentJobs\":100}"));

        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // a file that is not a video: the job fails at once, and its completion is what the test is about
            jobs.add(startJob("text.mp4", "shared-" + i));
        }
        await().atMost(120, TimeUnit.SECONDS).until(() -> emitted.keySet().containsAll(jobs));
        // every copy delivered and handled: late duplicates included
        await().atMost(60, TimeUnit.SECONDS).pollDelay(3, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        assertEquals(jobs.stream().sorted().toList(), emitted.keySet().stream().sorted().toList(), "0 lost");
        emitted.forEach((job, times) -> assertEquals(1, times.get(), job + " emitted once"));
        assertEquals(30L, local.get().stats().get("notifications.duplicated") - duplicatedBefore,
                "each notification delivered three times");
    }

    /**
     * The burst of issue 21: 3 instances sharing the record of started jobs on PostgreSQL, 200 uploads at once, the
     * service's limit at 20 concurrent jobs (each in progress 2 s, as real jobs take minutes), every notification
     * delivered twice. Each instance's producer has concurrentJobLimit=20 and waits up to 2 minutes for a slot. The
     * videos are files that are not videos: each job ends FAILED after its 2 s, a completion like any other, so that
     * the test measures slots and not face detection.
     */
    @Test
    void aBurstOfUploadsWaitsForSlotsUnderTheQuotaAcrossInstances() throws Exception {
        String queue = subscribedQueue(false);
        local.get().faults(Faults.parse("{\"notifications\":{\"duplicates\":1},\"maxConcurrentJobs\":20,"
                                        + "\"jobLatencyMillis\":2000}"));
        JdbcAggregationRepository quotaJobs = startedJobs("quota_jobs");
        Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();
        List<CamelContext> nodes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            CamelContext node = instance("quota-" + i, queue, emitted, "", "quota_jobs");
            node.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:upload").to("aws2-rekognition-video:faces?bucketName=videos"
                                             + "&deriveClientRequestToken=false&concurrentJobLimit=20"
                                             + "&limitExceededWaitTimeout=120000&snsTopicArn=" + topicArn
                                             + "&roleArn=" + local.get().roleArn("RekognitionPublishToSns"));
                }
            });
            nodes.add(node);
        }
        Map<String, Long> before = local.get().stats();
        long began = System.nanoTime();

        ExecutorService uploads = Executors.newFixedThreadPool(60);
        List<Future<Exchange>> starts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            CamelContext node = nodes.get(i % 3);
            starts.add(uploads.submit(() -> node.createProducerTemplate().request("direct:upload",
                    e -> e.getMessage().setHeader(RekognitionVideo2Constants.OBJECT_KEY, "text.mp4"))));
        }
        List<String> jobs = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (Future<Exchange> start : starts) {
            Exchange done = start.get(5, TimeUnit.MINUTES);
            if (done.getException() != null) {
                failures.add(done.getException());
            } else {
                jobs.add(done.getMessage().getHeader(JOB_ID, String.class));
            }
        }
        long waited = (System.nanoTime() - began) / 1_000_000;
        Map<String, Long> after = local.get().stats();
        uploads.shutdown();

        long startCalls = after.get("calls.StartFaceDetection") - before.getOrDefault("calls.StartFaceDetection", 0L);
        long refused = after.getOrDefault("limitExceeded.StartFaceDetection", 0L)
                       - before.getOrDefault("limitExceeded.StartFaceDetection", 0L);
        double busy = (after.get("jobs.inProgressMillis") - before.getOrDefault("jobs.inProgressMillis", 0L)) / (20.0 * waited);
        System.out.printf("QUOTA uploads=200 instances=3 limit=20 startCalls=%d refusedByService=%d "
                          + "busyWhileUploadsWaited=%.3f waitedMillis=%d%n",
                startCalls, refused, busy, waited);
        assertEquals(List.of(), failures, "no exception reached a route");
        assertEquals(200, new HashSet<>(jobs).size(), "200 jobs started");
        assertTrue(refused <= 0.05 * startCalls, refused + " of " + startCalls + " Start calls refused by the service");
        assertTrue(busy >= 0.9, "the 20 slots busy " + busy + " of the time while uploads waited");

        await().atMost(2, TimeUnit.MINUTES).until(() -> emitted.keySet().containsAll(jobs));
        await().atMost(30, TimeUnit.SECONDS).until(() -> StartedJobs.jobIds(quotaJobs).isEmpty());
        await().atMost(60, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);
        assertEquals(Set.of(), quotaJobs.getKeys(), "every slot back, no lock or reservation left");
        emitted.forEach((job, times) -> assertEquals(1, times.get(), job + " emitted once"));
    }

    /**
     * The same Start sent twice (an S3 event delivered again) is answered with the same job through its derived
     * ClientRequestToken: camel-sql's repository, which refuses to replace an entry, keeps the first record, and the
     * second exchange succeeds.
     */
    @Test
    void theSameStartSentAgainKeepsOneRecordOnTheDatabase() throws Exception {
        JdbcAggregationRepository recorded = startedJobs("started_again");
        try (CamelContext starter = new DefaultCamelContext()) {
            RekognitionVideo2TestSupport.pointAt(starter, local.get().rekognitionEndpoint(), local.get().region());
            starter.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                    .setStartedJobsRepository(recorded);
            starter.start();
            List<String> jobIds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Exchange started = starter.createProducerTemplate().request(
                        "aws2-rekognition-video:faces?bucketName=videos&jobTag=again",
                        e -> e.getMessage().setHeaders(new HashMap<>(
                                Map.of(
                                        RekognitionVideo2Constants.OBJECT_KEY, "text.mp4",
                                        RekognitionVideo2Constants.SNS_TOPIC_ARN, topicArn,
                                        RekognitionVideo2Constants.ROLE_ARN, local.get().roleArn("RekognitionPublishToSns")))));
                assertEquals(null, started.getException(), "start " + (i + 1));
                jobIds.add(started.getMessage().getHeader(JOB_ID, String.class));
            }
            assertEquals(jobIds.get(0), jobIds.get(1), "one job");
            assertEquals(Set.of(jobIds.get(0)), recorded.getKeys());
        }
    }

    /** An instance with only idempotentRepository on the database (no inProgressRepository), or none at all. */
    CamelContext plainInstance(String queue, Map<String, AtomicInteger> emitted, boolean sharedDone) throws Exception {
        CamelContext instance = new DefaultCamelContext();
        instances.add(instance);
        RekognitionVideo2TestSupport.pointAt(instance, local.get().rekognitionEndpoint(), local.get().region());
        instance.getComponent("aws2-rekognition-video", RekognitionVideo2Component.class).getConfiguration()
                .setSnsSigningCertificate(local.get().snsSigningCertificate().toString());
        if (sharedDone) {
            instance.getRegistry().bind("done", new SeveralNodesIT.Repositories().done(database));
        }
        instance.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "concurrentConsumers=2&resultMode=notification&visibilityTimeout=5"
                                     + (sharedDone ? "&idempotentRepository=#done" : "")))
                        .process(e -> emitted.computeIfAbsent(e.getMessage().getHeader(JOB_ID, String.class),
                                id -> new AtomicInteger()).incrementAndGet());
            }
        });
        instance.start();
        return instance;
    }

    /**
     * The consumer guide: without inProgressRepository, the key in idempotentRepository is the claim, so a job whose
     * instance died while emitting it (the key recorded, the exchange never completed) is never emitted: its
     * notification, delivered again, is dropped as a duplicate.
     */
    @Test
    void withoutInProgressRepositoryAJobWhoseInstanceDiedIsNeverEmitted() throws Exception {
        String queue = subscribedQueue(false);
        String jobId = startJob("text.mp4", "died-without-claims"); // FAILED at once
        await().atMost(30, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 1);
        // what the instance that died while emitting the job left: its key, recorded when it took the job
        JdbcMessageIdRepository done = new SeveralNodesIT.Repositories().done(database);
        done.start();
        assertTrue(done.add(jobId + ":FAILED"));
        done.stop();

        Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();
        plainInstance(queue, emitted, true);
        await().atMost(60, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);

        assertEquals(Map.of(), emitted, "the job is never emitted");
    }

    /**
     * The consumer guide: instances that do not share their repositories each take a copy of a duplicated notification
     * as new, so some jobs are emitted twice.
     */
    @Test
    void instancesWithARepositoryEachEmitSomeJobsTwice() throws Exception {
        String queue = subscribedQueue(false);
        Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();
        plainInstance(queue, emitted, false);
        plainInstance(queue, emitted, false);
        local.get().faults(Faults.parse("{\"notifications\":{\"duplicates\":2,\"delayMillis\":1000,"
                                        + "\"outOfOrder\":true},\"maxConcurrentJobs\":100}"));
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobs.add(startJob("text.mp4", "unshared-" + i));
        }
        await().atMost(120, TimeUnit.SECONDS).until(() -> emitted.keySet().containsAll(jobs));
        await().atMost(60, TimeUnit.SECONDS).pollDelay(2, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);

        long twice = emitted.values().stream().filter(times -> times.get() > 1).count();
        assertTrue(twice > 0, "some of 20 jobs emitted more than once, each copy to another instance: " + emitted);
    }
}
