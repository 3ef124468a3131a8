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

/**
 * The pieces of work a consumer has in progress (queue messages, reconciled jobs), counted so that its stop waits for
 * them, and whether it stops, so that no new piece starts then.
 */
final class WorkInProgress {

    private int count;
    private volatile boolean stopping;

    /** Whether the consumer stops: no new piece of work is to start. */
    boolean stopping() {
        return stopping;
    }

    /** The consumer starts (again). */
    void starting() {
        stopping = false;
    }

    /** The consumer starts to stop. */
    void stop() {
        stopping = true;
    }

    synchronized void begin() {
        count++;
    }

    /** One piece of work is done: wakes a stop that waits for them. */
    synchronized void end() {
        count--;
        notifyAll();
    }

    synchronized int count() {
        return count;
    }

    /**
     * Whether no piece of work is in progress any more within {@code timeoutMillis}, or before an interruption (which
     * is kept: a stop forced by the shutdown strategy goes on at once).
     */
    synchronized boolean awaitNone(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try {
            while (count > 0 && System.currentTimeMillis() < deadline) {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return count == 0;
    }
}
