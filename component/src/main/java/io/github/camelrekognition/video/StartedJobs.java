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
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.spi.OptimisticLockingAggregationRepository;
import org.apache.camel.support.DefaultExchange;

/**
 * The jobs started and not yet emitted, kept in the {@code startedJobsRepository} (a Camel
 * {@link AggregationRepository}: in memory, or shared by several instances and kept across restarts, such as
 * camel-sql's {@code JdbcAggregationRepository}): producers record the jobs they start with a notification channel,
 * consumers strike them off when they emit them, and reconcile the ones whose notification has not come. An entry is
 * keyed by job id; its exchange's body is {@code "<Start API> <started at, epoch millis>"}, then the W3C
 * {@code traceparent} of the exchange that started the job when it was traced, so that its completion continues the
 * trace on any instance.
 */
final class StartedJobs {

    /**
     * A job recorded as started.
     *
     * @param traceparent the W3C trace context of the exchange that started it, or null
     */
    record Started(String jobId, RekognitionVideo2Analysis analysis, long startedAt, String traceparent) {

        /** The record of an entry's body, or null when it is not one. */
        static Started parse(String jobId, String body) {
            String[] record = body == null ? new String[0] : body.split(" ");
            if (record.length < 2 || record.length > 3) {
                return null;
            }
            return new Started(
                    jobId, RekognitionVideo2Analysis.ofStartApi(record[0]), Long.parseLong(record[1]),
                    record.length == 3 ? record[2] : null);
        }
    }

    private StartedJobs() {
    }

    /**
     * Records a job; a job recorded already (the same Start sent again, answered with the same job by its
     * ClientRequestToken) keeps its first record.
     *
     * @param traceparent the W3C trace context of the exchange that starts the job, or null
     */
    static void record(
            AggregationRepository repository, CamelContext context, RekognitionVideo2Analysis analysis,
            String jobId, long startedAt, String traceparent) {
        if (repository.get(context, jobId) != null) {
            return;
        }
        Exchange entry = new DefaultExchange(context);
        entry.getMessage().setBody(analysis.startApi() + " " + startedAt
                                   + (traceparent == null || traceparent.isBlank() ? "" : " " + traceparent.trim()));
        try {
            add(repository, context, jobId, entry);
        } catch (RuntimeException e) {
            // recorded at the same moment by another start of the same job (a repository refusing to replace an
            // entry, as camel-sql's does), else a failure
            if (repository.get(context, jobId) == null) {
                throw e;
            }
        }
    }

    /**
     * Adds an entry under a new key: through the optimistic-locking add when the repository has one (a
     * MemoryAggregationRepository with optimistic locking has no other), else the plain one.
     */
    static void add(AggregationRepository repository, CamelContext context, String key, Exchange entry) {
        if (repository instanceof OptimisticLockingAggregationRepository optimistic) {
            try {
                optimistic.add(context, key, null, entry);
                return;
            } catch (UnsupportedOperationException e) {
                // without optimistic locking (a MemoryAggregationRepository by default): the plain add
            }
        }
        repository.add(context, key, entry);
    }

    /** The ids of the jobs recorded (the repository's keys, but for {@link JobSlots}' entries). */
    static List<String> jobIds(AggregationRepository repository) {
        List<String> jobIds = new ArrayList<>();
        for (String key : repository.getKeys()) {
            if (!JobSlots.isSlotEntry(key)) {
                jobIds.add(key);
            }
        }
        return jobIds;
    }

    /** The record of a started job, or null when it is not recorded. */
    static Started get(AggregationRepository repository, CamelContext context, String jobId) {
        Exchange entry = repository.get(context, jobId);
        return entry == null ? null : Started.parse(jobId, entry.getMessage().getBody(String.class));
    }

    /** Strikes a job off; another instance striking it off at the same moment is no failure. */
    static void strike(AggregationRepository repository, CamelContext context, String jobId) {
        Exchange entry = repository.get(context, jobId);
        if (entry == null) {
            return;
        }
        try {
            repository.remove(context, jobId, entry);
            repository.confirm(context, entry.getExchangeId());
        } catch (RuntimeException e) {
            if (repository.get(context, jobId) != null) {
                throw e;
            }
        }
    }

    /** The jobs started at least {@code after} ms before {@code now}. */
    static List<Started> due(AggregationRepository repository, CamelContext context, long now, long after) {
        List<Started> due = new ArrayList<>();
        for (String jobId : jobIds(repository)) {
            Started started = get(repository, context, jobId);
            if (started != null && now - started.startedAt() >= after) {
                due.add(started);
            }
        }
        return due;
    }
}
