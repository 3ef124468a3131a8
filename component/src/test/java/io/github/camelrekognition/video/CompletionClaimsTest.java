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
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import static io.github.camelrekognition.video.CompletionClaims.Claim.CLAIMED;
import static io.github.camelrekognition.video.CompletionClaims.Claim.CLAIMED_ELSEWHERE;
import static io.github.camelrekognition.video.CompletionClaims.Claim.DUPLICATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claim protocol of the consumers, with in-memory repositories: each completion emitted once, whoever claims it
 * first, and a failed emission claimable again.
 */
class CompletionClaimsTest {

    private final IdempotentRepository done = MemoryIdempotentRepository.memoryIdempotentRepository();
    private final IdempotentRepository inProgress = MemoryIdempotentRepository.memoryIdempotentRepository();

    @Test
    void oneInstanceClaimsACompletionOnceAndAgainAfterAFailure() {
        CompletionClaims claims = new CompletionClaims(done, null);
        assertEquals(CLAIMED, claims.claim("job-1:SUCCEEDED"));
        assertEquals(DUPLICATE, claims.claim("job-1:SUCCEEDED"), "a second copy while the first is emitted");
        claims.failed("job-1:SUCCEEDED");
        assertEquals(CLAIMED, claims.claim("job-1:SUCCEEDED"), "a failed emission is emitted again");
        claims.done("job-1:SUCCEEDED");
        assertEquals(DUPLICATE, claims.claim("job-1:SUCCEEDED"));
        assertEquals(CLAIMED, claims.claim("job-1:FAILED"), "another status of the job is another completion");
    }

    @Test
    void severalInstancesLeaveAClaimedCompletionToItsClaimer() {
        CompletionClaims first = new CompletionClaims(done, inProgress);
        CompletionClaims second = new CompletionClaims(done, inProgress);
        assertEquals(CLAIMED, first.claim("job-1:SUCCEEDED"));
        assertEquals(CLAIMED_ELSEWHERE, second.claim("job-1:SUCCEEDED"), "left in the queue, not dropped");
        assertFalse(done.contains("job-1:SUCCEEDED"), "not done until its exchanges completed");
        first.done("job-1:SUCCEEDED");
        assertTrue(done.contains("job-1:SUCCEEDED"));
        assertFalse(inProgress.contains("job-1:SUCCEEDED"), "the claim let go");
        assertEquals(DUPLICATE, second.claim("job-1:SUCCEEDED"));
    }

    @Test
    void aFailedEmissionLetsItsClaimGoForAnotherInstance() {
        CompletionClaims first = new CompletionClaims(done, inProgress);
        CompletionClaims second = new CompletionClaims(done, inProgress);
        assertEquals(CLAIMED, first.claim("job-1:SUCCEEDED"));
        first.failed("job-1:SUCCEEDED");
        assertFalse(done.contains("job-1:SUCCEEDED"));
        assertEquals(CLAIMED, second.claim("job-1:SUCCEEDED"));
    }

    @Test
    void aClaimLeftBehindForACompletionDoneIsLetGo() {
        // an instance died after recording the completion as done and before letting its claim go
        done.add("job-1:SUCCEEDED");
        inProgress.add("job-1:SUCCEEDED");
        assertEquals(DUPLICATE, new CompletionClaims(done, inProgress).claim("job-1:SUCCEEDED"));
        assertFalse(inProgress.contains("job-1:SUCCEEDED"));
    }

    @Test
    void aClaimTheDatabaseRefusesForARaceIsClaimedElsewhere() {
        for (String state : new String[] { "23505", "23000", "40001" }) {
            CompletionClaims claims = new CompletionClaims(done, refusing(new SQLException("refused", state)));
            assertEquals(CLAIMED_ELSEWHERE, claims.claim("job-1:SUCCEEDED"), "SQLSTATE " + state);
        }
    }

    @Test
    void anotherDatabaseFailureOfAClaimIsThrown() {
        RuntimeException failure = new IllegalStateException("connection lost", new SQLException("lost", "08006"));
        CompletionClaims claims = new CompletionClaims(done, refusing(failure));
        assertSame(failure, assertThrows(IllegalStateException.class, () -> claims.claim("job-1:SUCCEEDED")));
    }

    @Test
    void theKeyIsTheJobAndItsStatus() {
        assertEquals("job-1:FAILED", CompletionClaims.key(
                new RekognitionVideo2Notification("job-1", "FAILED", "StartFaceDetection", null, 0, "b", "k")));
    }

    /** An in-progress repository whose add fails as a database's would. */
    private static IdempotentRepository refusing(Exception failure) {
        return new MemoryIdempotentRepository() {
            @Override
            public boolean add(String key) {
                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
            }
        };
    }
}
