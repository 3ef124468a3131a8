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

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.LoggingLevel;
import org.apache.camel.support.DefaultScheduledPollConsumerScheduler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduler's options: they act on the polling consumer as on any Camel polling consumer, and are handed to the
 * queue reading in SQS mode.
 */
class SchedulerOptionsTest extends OptionChecks {

    static final Map<String, Check> CHECKS = new TreeMap<>();

    static {
        scheduler("backoffErrorThreshold=3&backoffMultiplier=2", r -> assertEquals(3, r.getBackoffErrorThreshold()));
        scheduler("backoffIdleThreshold=4&backoffMultiplier=2", r -> assertEquals(4, r.getBackoffIdleThreshold()));
        scheduler("backoffMultiplier=5&backoffIdleThreshold=1", r -> assertEquals(5, r.getBackoffMultiplier()));
        scheduler("delay=1234", r -> assertEquals(1234, r.getDelay()));
        CHECKS.put("greedy", () -> {
            // the queue is read greedily unless the URI says otherwise: a receive with messages is followed at once
            assertTrue(queueReading("").isGreedy());
            assertFalse(queueReading("greedy=false").isGreedy());
            assertTrue(queueReading("greedy=true").isGreedy());
            // the polling consumer, as any Camel polling consumer
            try (CamelContext context = context()) {
                route(context, "aws2-rekognition-video:faces?initialDelay=3600000", "mock:out");
                route(context, "aws2-rekognition-video:faces?initialDelay=3600000&greedy=true", "mock:out");
                context.start();
                assertFalse(((ScheduledPollConsumer) context.getRoutes().get(0).getConsumer()).isGreedy());
                assertTrue(((ScheduledPollConsumer) context.getRoutes().get(1).getConsumer()).isGreedy());
            }
        });
        CHECKS.put("initialDelay", () -> assertEquals(3600000, queueReading("").getInitialDelay()));
        scheduler("repeatCount=9", r -> assertEquals(9, r.getRepeatCount()));
        scheduler("runLoggingLevel=DEBUG", r -> assertEquals(LoggingLevel.DEBUG, r.getRunLoggingLevel()));
        scheduler("timeUnit=HOURS", r -> assertEquals(TimeUnit.HOURS, r.getTimeUnit()));
        scheduler("useFixedDelay=false", r -> assertFalse(r.isUseFixedDelay()));
        CHECKS.put("scheduledExecutorService", () -> {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
            try {
                assertSame(executor, queueReading("scheduledExecutorService=#executor", Map.of("executor", executor))
                        .getScheduledExecutorService());
            } finally {
                executor.shutdownNow();
            }
        });
        CHECKS.put("scheduler", () -> {
            DefaultScheduledPollConsumerScheduler scheduler = new DefaultScheduledPollConsumerScheduler();
            assertSame(scheduler, queueReading("scheduler=#scheduler", Map.of("scheduler", scheduler)).getScheduler());
        });
        CHECKS.put("schedulerProperties", () -> assertEquals("2",
                String.valueOf(queueReading("scheduler.concurrentConsumers=2").getSchedulerProperties()
                        .get("concurrentConsumers"))));
        CHECKS.put("startScheduler", () -> {
            try (CamelContext context = context()) {
                route(context, "aws2-rekognition-video:faces?startScheduler=false", "mock:out");
                context.start();
                assertFalse(((ScheduledPollConsumer) context.getRoutes().get(0).getConsumer()).isSchedulerStarted(),
                        "polling waits for its scheduler to be started");
            }
            Exception refused = refused(SQS + "&startScheduler=false", Map.of());
            assertTrue(refused.getMessage().contains("option startScheduler"), refused.getMessage());
        });
    }

    /** A scheduler option: handed to the queue reading in SQS mode, and set on the polling consumer. */
    private static void scheduler(String options, java.util.function.Consumer<ScheduledPollConsumer> expect) {
        CHECKS.put(options.substring(0, options.indexOf('=')), () -> {
            expect.accept(queueReading(options));
            try (CamelContext context = context()) {
                route(context, "aws2-rekognition-video:faces?initialDelay=3600000&" + options, "mock:out");
                context.start();
                expect.accept((ScheduledPollConsumer) context.getRoutes().get(0).getConsumer());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> checks() {
        return dynamicTests(CHECKS);
    }
}
