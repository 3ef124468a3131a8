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

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.AggregationRepository;

/**
 * {@link JobMetrics} in a Micrometer {@link MeterRegistry}: the one bound as {@code metricsRegistry}
 * (camel-micrometer's name), else the only one of the Camel registry. Meter names and tags follow Micrometer's
 * conventions (dotted names, base units; a Prometheus registry writes {@code rekognition_video_jobs_started_total}).
 */
final class MicrometerJobMetrics implements JobMetrics {

    static final String STARTED = "rekognition.video.jobs.started";
    static final String COMPLETED = "rekognition.video.jobs.completed";
    static final String DURATION = "rekognition.video.job.duration";
    static final String OPEN = "rekognition.video.jobs.open";
    static final String REFUSED = "rekognition.video.notifications.refused";
    static final String RECONCILED = "rekognition.video.jobs.reconciled";
    static final String VIDEO = "rekognition.video.analyzed.video";

    private final MeterRegistry registry;

    private MicrometerJobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The metrics of the registry of {@code context}, or null when it holds no MeterRegistry. */
    static MicrometerJobMetrics of(CamelContext context) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (registry == null) {
            Set<MeterRegistry> registries = context.getRegistry().findByType(MeterRegistry.class);
            if (registries.size() > 1) {
                // an application with several (Quarkus: its composite and each backend's): the composite feeds them all
                registries = registries.stream().filter(CompositeMeterRegistry.class::isInstance)
                        .collect(Collectors.toSet());
            }
            registry = registries.size() == 1 ? registries.iterator().next() : null;
        }
        return registry == null ? null : new MicrometerJobMetrics(registry);
    }

    @Override
    public void started(RekognitionVideo2Analysis analysis) {
        Counter.builder(STARTED).description("Rekognition Video jobs started (Start calls that returned a job)")
                .tag("analysis", analysis.analysisName()).register(registry).increment();
    }

    @Override
    public void completed(
            RekognitionVideo2Notification notification, RekognitionVideo2Analysis analysis, Long startedAt,
            Long videoMillis) {
        String name = analysis == null ? "unknown" : analysis.analysisName();
        String status = notification.status();
        long completedAt = notification.timestamp();
        Counter.builder(COMPLETED).description("Rekognition Video jobs completed and emitted, by status")
                .tag("analysis", name).tag("status", status).register(registry).increment();
        if (startedAt != null) {
            // the service's clock and this one's: a job that fails at once may complete "before" it was asked for
            Timer.builder(DURATION).description("From the start of a job to its completion")
                    .tag("analysis", name).tag("status", status).publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry).record(Math.max(0, completedAt - startedAt), TimeUnit.MILLISECONDS);
        }
        if (videoMillis != null && videoMillis > 0) {
            Counter.builder(VIDEO).description("Minutes of video analysed by completed jobs (what Rekognition bills)")
                    .baseUnit("minutes").tag("analysis", name).register(registry).increment(videoMillis / 60_000.0);
        }
    }

    @Override
    public void refused(InvalidNotificationException refusal) {
        Counter.builder(REFUSED).description("Messages of the completion queue refused as notifications")
                .tag("reason", refusal.getReason().tag()).register(registry).increment();
    }

    @Override
    public void reconciled(RekognitionVideo2Analysis analysis) {
        Counter.builder(RECONCILED).description("Completed jobs found by reconciliation (their notification lost)")
                .tag("analysis", analysis.analysisName()).register(registry).increment();
    }

    @Override
    public void watchOpenJobs(AggregationRepository startedJobs) {
        Gauge.builder(OPEN, startedJobs, repository -> StartedJobs.jobIds(repository).size())
                .description("Jobs started and not yet emitted, in startedJobsRepository (all instances sharing it)")
                .strongReference(true).register(registry);
    }

    @Override
    public String toString() {
        return "Micrometer's " + registry.getClass().getSimpleName();
    }
}
