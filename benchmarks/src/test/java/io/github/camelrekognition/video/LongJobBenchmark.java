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

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import static io.github.camelrekognition.video.RekognitionVideo2Constants.BUCKET_NAME;
import static io.github.camelrekognition.video.RekognitionVideo2Constants.OBJECT_KEY;

/**
 * A long job in bounded memory: the consumer emits the results of one face detection job of {@code faces} faces
 * (1,000,000 for a 6-hour video at Rekognition's density of a face every 20 ms), served page by page (1000 faces each)
 * by a {@link RecordingRekognitionServer} in the same JVM, in {@code item}, {@code page} or {@code aggregate} mode. Run
 * it with a small heap ({@code -Xmx256m}): the job completes, or the JVM fails with an OutOfMemoryError.
 * <p>
 * Prints one line {@code RESULT mode=... faces=... exchanges=... seconds=... liveHeapPeakMB=... maxHeapMB=...}; in
 * aggregate mode also {@code bytesPerFace}, the heap the emitted list holds per face (measured after a full GC with the
 * list alive, against the same measure before the job). Exits 1 if any face is missing. {@code LongJobIT} runs it
 * (docs/performance.md).
 */
public final class LongJobBenchmark {

    private LongJobBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        RekognitionVideo2ResultMode mode = RekognitionVideo2ResultMode.valueOf(args[0]);
        long faces = Long.parseLong(args[1]);
        LiveHeap liveHeap = new LiveHeap();

        AtomicLong exchanges = new AtomicLong();
        AtomicLong emittedFaces = new AtomicLong();
        AtomicLong bytesPerFace = new AtomicLong(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);

        try (RecordingRekognitionServer server = new RecordingRekognitionServer()) {
            FaceDetectionPages pages = new FaceDetectionPages(faces);
            server.answerAlways("StartFaceDetection", Map.of("JobId", "long-job"));
            server.answerAlways("GetFaceDetection", pages::answer);
            RekognitionClient client = RekognitionClient.builder().endpointOverride(server.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "key")))
                    .build();

            CamelContext context = new DefaultCamelContext();
            context.getRegistry().bind("client", client);
            long baseline = usedAfterFullGc();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Throwable.class).handled(true).process(e -> {
                        failure.compareAndSet(null, e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
                        done.countDown();
                    });
                    from("aws2-rekognition-video:long?delay=100&resultMode=" + mode).process(exchange -> {
                        exchanges.incrementAndGet();
                        Object body = exchange.getMessage().getBody();
                        switch (mode) {
                            case item -> {
                                emittedFaces.incrementAndGet();
                                if (exchange.getProperty(ExchangePropertyKey.SPLIT_COMPLETE, false, Boolean.class)) {
                                    done.countDown();
                                }
                            }
                            case page -> {
                                emittedFaces.addAndGet(((List<?>) body).size());
                                if (exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, false, Boolean.class)) {
                                    done.countDown();
                                }
                            }
                            default -> {
                                List<?> list = (List<?>) body;
                                emittedFaces.addAndGet(list.size());
                                if (!list.isEmpty()) {
                                    bytesPerFace.set((usedAfterFullGc() - baseline) / list.size());
                                }
                                done.countDown();
                            }
                        }
                    });
                }
            });
            context.start();
            long started = System.nanoTime();
            context.createProducerTemplate().sendBodyAndHeaders("aws2-rekognition-video:long", null,
                    Map.of(BUCKET_NAME, "videos", OBJECT_KEY, "six-hours.mp4"));
            boolean completed = done.await(30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - started) / 1e9;
            context.stop();
            client.close();

            System.out.printf(Locale.ROOT,
                    "RESULT mode=%s faces=%d exchanges=%d emittedFaces=%d seconds=%.1f liveHeapPeakMB=%.1f maxHeapMB=%d%s%n",
                    mode, faces, exchanges.get(), emittedFaces.get(), seconds, liveHeap.peak() / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576,
                    bytesPerFace.get() >= 0 ? " bytesPerFace=" + bytesPerFace.get() : "");
            if (failure.get() != null) {
                failure.get().printStackTrace();
            }
            System.exit(completed && failure.get() == null && emittedFaces.get() == faces ? 0 : 1);
        }
    }

    private static long usedAfterFullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The largest heap in use right after a garbage collection: what the program held, garbage left out. */
    static final class LiveHeap {
        private final AtomicLong peak = new AtomicLong();

        LiveHeap() {
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                                .from((CompositeData) notification.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                .filter(usage -> usage != null).mapToLong(MemoryUsage::getUsed).sum();
                        peak.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }

        long peak() {
            return peak.get();
        }
    }
}
