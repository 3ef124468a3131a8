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
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * Emits an exchange when a job completes, without SNS: it watches the jobs the producers of the same endpoint label
 * start in this CamelContext (and any job handed to {@link #watch}), and polls the Get call of its analysis (e.g.
 * GetLabelDetection) for each until it leaves IN_PROGRESS, backing off from 1 s to 30 s between checks of a job.
 * <p>
 * AWS recommends the SNS notification over polling: every check is a Get call, which counts against the account's
 * transactions-per-second quota. Polling suits tests and low volumes.
 */
public class RekognitionVideo2PollingConsumer extends ScheduledPollConsumer {

    static final long FIRST_CHECK_MILLIS = 1000;
    static final long MAX_BACKOFF_MILLIS = 30_000;

    private record Watch(RekognitionVideo2Analysis analysis, long dueAt, long backoff) {
    }

    private final CompletedJobEmitter emitter;
    private final NotificationFilter filter;
    private final Map<String, Watch> watched = new ConcurrentHashMap<>();

    public RekognitionVideo2PollingConsumer(RekognitionVideo2Endpoint endpoint, Processor processor,
                                            NotificationFilter filter, CompletionClaims claims) {
        super(endpoint, processor);
        this.filter = filter;
        // the jobs it emits are none of startedJobsRepository's: that is for the consumers of a queue
        this.emitter = new CompletedJobEmitter(endpoint, filter, claims, new ResultExchanges(endpoint, this), null);
    }

    @Override
    public RekognitionVideo2Endpoint getEndpoint() {
        return (RekognitionVideo2Endpoint) super.getEndpoint();
    }

    /**
     * Watches {@code jobId}, a job of {@code analysis}, until it completes, then emits it.
     *
     * @throws IllegalArgumentException when this consumer does not take the completions of {@code analysis} (its
     *                                  {@code notificationApi})
     */
    public void watch(RekognitionVideo2Analysis analysis, String jobId) {
        if (!filter.takes(analysis)) {
            throw new IllegalArgumentException(
                    "this consumer takes the completions of " + getEndpoint().getConfiguration().getNotificationApi()
                                               + " only (option notificationApi): add " + analysis.startApi()
                                               + " to notificationApi to watch a " + analysis.analysisName() + " job");
        }
        watchIfTaken(analysis, jobId);
    }

    /** Watches a job a producer of this consumer's label started, when this consumer takes its analysis. */
    void watchIfTaken(RekognitionVideo2Analysis analysis, String jobId) {
        if (filter.takes(analysis)) {
            watched.putIfAbsent(jobId,
                    new Watch(analysis, System.currentTimeMillis() + FIRST_CHECK_MILLIS, FIRST_CHECK_MILLIS));
        }
    }

    /** The jobs being watched. */
    public int watchedJobs() {
        return watched.size();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RekognitionVideo2ConsumerHealthCheck.register(this, getEndpoint());
        getEndpoint().getComponent().register(getEndpoint().getConfiguration().getLabel(), this);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().unregister(getEndpoint().getConfiguration().getLabel(), this);
        super.doStop();
    }

    @Override
    protected int poll() throws Exception {
        int emitted = 0;
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Watch> entry : watched.entrySet()) {
            Watch watch = entry.getValue();
            if (watch.dueAt() > now || !isRunAllowed()) {
                continue;
            }
            String jobId = entry.getKey();
            try {
                CompletedJobEmitter.Outcome outcome = emitter.emitIfCompleted(watch.analysis(), jobId, now);
                if (outcome == CompletedJobEmitter.Outcome.IN_PROGRESS) {
                    backOff(jobId, watch);
                    continue;
                }
                if (outcome.emitted()) {
                    emitted++;
                }
                watched.remove(jobId);
            } catch (Exception e) {
                backOff(jobId, watch);
                getExceptionHandler().handleException(
                        "Checking " + watch.analysis().analysisName() + " job " + jobId + " failed; will retry", e);
            }
        }
        return emitted;
    }

    /** The next check of a job, {@link #nextBackoff} after the end of this one. */
    private void backOff(String jobId, Watch watch) {
        long backoff = nextBackoff(watch.backoff());
        watched.put(jobId, new Watch(watch.analysis(), System.currentTimeMillis() + backoff, backoff));
    }

    /** The wait before the next check of a job still in progress: twice the last one, 30 s at most. */
    static long nextBackoff(long backoff) {
        return Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }
}
