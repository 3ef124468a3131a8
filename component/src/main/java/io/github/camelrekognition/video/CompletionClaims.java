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

import java.sql.SQLException;

import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes each completion (job id and status) emitted once, by whichever consumer or instance claims it first.
 * <p>
 * The idempotent repository records the completions done. With an in-progress repository (consumers of several
 * instances), a completion is claimed there before it is emitted and recorded as done only once its exchanges
 * completed: a completion done is a duplicate, one another instance is emitting is claimed elsewhere, and a claim of an
 * instance that died expires (the repository's work), so that its job is emitted by another. Without one, the
 * completion is recorded as it is claimed, and removed again when its emission fails.
 */
final class CompletionClaims {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionClaims.class);

    /** What a claim found. */
    enum Claim {
        /** Claimed: emit it, then say {@link #done} or {@link #failed}. */
        CLAIMED,
        /** Emitted already. */
        DUPLICATE,
        /** Being emitted by another consumer: its claim in the in-progress repository. */
        CLAIMED_ELSEWHERE
    }

    private final IdempotentRepository done;
    private final IdempotentRepository inProgress;

    /**
     * @param done       the completions emitted
     * @param inProgress the completions being emitted, or null for the consumers of one instance
     */
    CompletionClaims(IdempotentRepository done, IdempotentRepository inProgress) {
        this.done = done;
        this.inProgress = inProgress;
    }

    /** The key of a completion: {@code <job id>:<status>}. */
    static String key(RekognitionVideo2Notification notification) {
        return notification.jobId() + ":" + notification.status();
    }

    Claim claim(String key) {
        if (inProgress == null) {
            return done.add(key) ? Claim.CLAIMED : duplicate(key);
        }
        if (done.contains(key)) {
            // a claim of a job done has nothing left to guard: let go one that an instance which died between recording
            // the job and letting its claim go left behind
            inProgress.remove(key);
            return duplicate(key);
        }
        if (!claimInProgress(key)) {
            return Claim.CLAIMED_ELSEWHERE;
        }
        if (done.contains(key)) { // done between the check and the claim
            inProgress.remove(key);
            return duplicate(key);
        }
        return Claim.CLAIMED;
    }

    /** The claimed completion was emitted: recorded as done before the claim is let go, so a duplicate finds one. */
    void done(String key) {
        if (inProgress != null) {
            done.add(key);
        }
        done.confirm(key);
        if (inProgress != null) {
            inProgress.remove(key);
        }
    }

    /** The emission of the claimed completion failed: the claim is let go, so that the completion is emitted again. */
    void failed(String key) {
        (inProgress != null ? inProgress : done).remove(key);
    }

    private static Claim duplicate(String key) {
        LOG.debug("Dropping the duplicate completion {}", key);
        return Claim.DUPLICATE;
    }

    /**
     * Claims a completion in the in-progress repository. A database that refuses the claim because another instance
     * made it at the same moment (SQLSTATE class 23, an integrity constraint, or 40001, a serialization failure) means
     * the same as a claim found there: not claimed.
     */
    private boolean claimInProgress(String key) {
        try {
            return inProgress.add(key);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("23") || "40001".equals(sql.getSQLState()))) {
                    LOG.debug("The claim of {} went to another instance: {}", key, sql.getMessage());
                    return false;
                }
            }
            throw e;
        }
    }
}
