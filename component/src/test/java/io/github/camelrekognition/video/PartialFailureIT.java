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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.MESSAGE_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/reliability.md: a route that fails part-way through a job in {@code page} or {@code item} mode gets the job
 * again, from its first exchange, once the notification comes back (nothing skipped, nothing lost). The local server's
 * sample video has 60 faces: 60 items, or 6 pages of 10.
 */
class PartialFailureIT extends ConsumerTestSupport {

    @ParameterizedTest
    @CsvSource({ "item,, 60", "page, &maxResults=10, 6" })
    void aRouteThatFailsPartWayGetsTheJobAgainFromItsFirstExchange(String mode, String more, int exchanges)
            throws Exception {
        String queue = subscribedQueue(false);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failedOnce = new AtomicBoolean();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer(queue, "resultMode=" + mode + "&visibilityTimeout=2" + (more == null ? "" : more)))
                        .process(e -> {
                            String id = e.getMessage().getHeader(MESSAGE_ID, String.class);
                            seen.add(id.substring(id.lastIndexOf(':') + 1));
                            if (id.endsWith(mode + "-2") && failedOnce.compareAndSet(false, true)) {
                                throw new IllegalStateException("downstream unavailable");
                            }
                        });
            }
        });
        startJob("clear.mp4", "partial-" + mode);

        await().atMost(90, TimeUnit.SECONDS).until(() -> seen.size() >= 3 + exchanges);
        await().atMost(30, TimeUnit.SECONDS).until(() -> messagesIn(queue) == 0);

        List<String> expected = new ArrayList<>(List.of(mode + "-0", mode + "-1", mode + "-2"));
        IntStream.range(0, exchanges).forEach(i -> expected.add(mode + "-" + i));
        assertEquals(expected, List.copyOf(seen), "up to the failure, then the whole job again from its first exchange");
    }
}
