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

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation, for the completions whose notification was lost: the started jobs due (started {@code reconcileAfter}
 * ago or more, no notification since) are checked with the Get call of their analysis, and the completed ones are
 * emitted as if their notification had come (once, whichever instance does it: the {@link CompletedJobEmitter}'s
 * claims) and struck off. Run every {@code reconcileInterval} by the queue consumer.
 */
final class StartedJobsReconciler implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StartedJobsReconciler.class);

    private final RekognitionVideo2Endpoint endpoint;
    private final CompletedJobEmitter emitter;
    private final WorkInProgress work;
    private final BooleanSupplier runAllowed;
    private final ExceptionHandler exceptionHandler;

    StartedJobsReconciler(RekognitionVideo2Endpoint endpoint, CompletedJobEmitter emitter, WorkInProgress work,
                          BooleanSupplier runAllowed, ExceptionHandler exceptionHandler) {
        this.endpoint = endpoint;
        this.emitter = emitter;
        this.work = work;
        this.runAllowed = runAllowed;
        this.exceptionHandler = exceptionHandler;
    }

    @Override
    public void run() {
        RekognitionVideo2Configuration configuration = endpoint.getConfiguration();
        List<StartedJobs.Started> due;
        try {
            due = StartedJobs.due(configuration.getStartedJobsRepository(), endpoint.getCamelContext(),
                    System.currentTimeMillis(), configuration.getReconcileAfter());
        } catch (Exception e) {
            exceptionHandler.handleException("Reading the started jobs to reconcile failed; will retry", e);
            return;
        }
        for (StartedJobs.Started job : due) {
            if (work.stopping() || !runAllowed.getAsBoolean()) {
                return;
            }
            work.begin();
            try {
                CompletedJobEmitter.Outcome outcome
                        = emitter.emitIfCompleted(job.analysis(), job.jobId(), System.currentTimeMillis());
                if (outcome == CompletedJobEmitter.Outcome.EMITTED) {
                    endpoint.getComponent().metrics().reconciled(job.analysis());
                    LOG.info("Reconciled job {} ({}): completed without a notification since {}", job.jobId(),
                            job.analysis().startApi(), Instant.ofEpochMilli(job.startedAt()));
                } else if (outcome == CompletedJobEmitter.Outcome.CLAIMED_ELSEWHERE) {
                    LOG.debug("Job {} is being emitted by another consumer", job.jobId());
                }
            } catch (Exception e) {
                exceptionHandler.handleException("Reconciling job " + job.jobId() + " failed; will retry", e);
            } finally {
                work.end();
            }
        }
    }
}
