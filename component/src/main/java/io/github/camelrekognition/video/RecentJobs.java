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

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last completions a component's consumers emitted and the last messages they refused, newest first, for its dev
 * console: at most {@code size} of each, in memory.
 */
final class RecentJobs implements JobMetrics {

    /** An emitted completion. */
    record Completion(String jobId, String analysis, String status, String bucket, String key, long completedAt,
            Long startedAt, long emittedAt) {
    }

    /** A refused message of a completion queue. */
    record Refusal(long at, String reason, String message) {
    }

    private final int size;
    private final Deque<Completion> completions = new ArrayDeque<>();
    private final Deque<Refusal> refusals = new ArrayDeque<>();

    RecentJobs(int size) {
        this.size = size;
    }

    @Override
    public void completed(
            RekognitionVideo2Notification notification, RekognitionVideo2Analysis analysis, Long startedAt,
            Long videoMillis) {
        add(completions, new Completion(
                notification.jobId(), analysis == null ? null : analysis.analysisName(),
                notification.status(), notification.s3Bucket(), notification.s3ObjectName(), notification.timestamp(),
                startedAt, System.currentTimeMillis()));
    }

    @Override
    public void refused(InvalidNotificationException refusal) {
        add(refusals, new Refusal(System.currentTimeMillis(), refusal.getReason().tag(), refusal.getMessage()));
    }

    private synchronized <T> void add(Deque<T> recent, T entry) {
        recent.addFirst(entry);
        while (recent.size() > size) {
            recent.removeLast();
        }
    }

    synchronized List<Completion> completions() {
        return List.copyOf(completions);
    }

    synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }
}
