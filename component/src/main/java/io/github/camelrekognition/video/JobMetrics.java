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

import org.apache.camel.CamelContext;
import org.apache.camel.spi.AggregationRepository;
import org.slf4j.LoggerFactory;

/**
 * What the component measures for an operator: jobs started, completed and open, the wait from start to completion, the
 * minutes of video analysed, refused notifications and reconciled jobs. Recorded in the Micrometer
 * {@code MeterRegistry} of the Camel registry when there is one ({@link MicrometerJobMetrics}); nothing otherwise, and
 * Micrometer need not be on the class path.
 */
interface JobMetrics {

    /** Records nothing. */
    JobMetrics NONE = new JobMetrics() {
    };

    /** A Start call returned a job. */
    default void started(RekognitionVideo2Analysis analysis) {
    }

    /**
     * A completion was emitted (not a duplicate).
     *
     * @param notification the completion (job id, status, video, the completion time as its timestamp)
     * @param startedAt    when the job started (its startedJobsRepository record), or null when unknown
     * @param videoMillis  the video's duration (VideoMetadata.DurationMillis of the Get call), or null when unknown
     */
    default void completed(
            RekognitionVideo2Notification notification, RekognitionVideo2Analysis analysis, Long startedAt,
            Long videoMillis) {
    }

    /** A message of the completion queue was refused. */
    default void refused(InvalidNotificationException refusal) {
    }

    /** A job whose notification had not come was found completed, and emitted, by reconciliation. */
    default void reconciled(RekognitionVideo2Analysis analysis) {
    }

    /** Counts the jobs of a startedJobsRepository as the jobs open now. */
    default void watchOpenJobs(AggregationRepository startedJobs) {
    }

    /**
     * Micrometer's metrics of {@code context} when its registry holds a MeterRegistry (and Micrometer is on the class
     * path), else {@link #NONE}.
     */
    static JobMetrics micrometer(CamelContext context) {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, JobMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        JobMetrics metrics = MicrometerJobMetrics.of(context);
        if (metrics != null) {
            LoggerFactory.getLogger(JobMetrics.class).debug("Rekognition Video metrics in {}", metrics);
            return metrics;
        }
        return NONE;
    }

    /** Both {@code first} and {@code second}, in that order. */
    static JobMetrics both(JobMetrics first, JobMetrics second) {
        if (second == NONE) {
            return first;
        }
        return new JobMetrics() {
            @Override
            public void started(RekognitionVideo2Analysis analysis) {
                first.started(analysis);
                second.started(analysis);
            }

            @Override
            public void completed(
                    RekognitionVideo2Notification notification, RekognitionVideo2Analysis analysis, Long startedAt,
                    Long videoMillis) {
                first.completed(notification, analysis, startedAt, videoMillis);
                second.completed(notification, analysis, startedAt, videoMillis);
            }

            @Override
            public void refused(InvalidNotificationException refusal) {
                first.refused(refusal);
                second.refused(refusal);
            }

            @Override
            public void reconciled(RekognitionVideo2Analysis analysis) {
                first.reconciled(analysis);
                second.reconciled(analysis);
            }

            @Override
            public void watchOpenJobs(AggregationRepository startedJobs) {
                first.watchOpenJobs(startedJobs);
                second.watchOpenJobs(startedJobs);
            }
        };
    }
}
