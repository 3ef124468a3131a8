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

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.spi.OptimisticLockingAggregationRepository;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job slots of {@code concurrentJobLimit}, counted in a {@code startedJobsRepository}: a slot is busy for each job
 * recorded there (started and not yet emitted, and younger than the 7 days Rekognition keeps results) and for each slot
 * reserved by a Start call on its way. A Start call reserves a slot before it is sent and lets the reservation go once
 * its job is recorded (or the call failed).
 * <p>
 * The count and the reservation are made under a lock, so that instances sharing the repository never take the same
 * last slot: one thread of this JVM at a time (the others wait their turn in order), and, when the repository is an
 * {@link OptimisticLockingAggregationRepository} (camel-sql's JdbcAggregationRepository, or a
 * MemoryAggregationRepository with optimistic locking), one instance at a time, through an entry only one of them can
 * insert. An instance that dies holding that lock loses it after {@link #LOCK_EXPIRY}; one that dies with a slot
 * reserved loses the reservation after {@link #RESERVATION_EXPIRY}.
 */
final class JobSlots {

    private static final Logger LOG = LoggerFactory.getLogger(JobSlots.class);

    /** Keys of this class's entries start with this; job ids (letters, digits, - and _) never do. */
    static final String PREFIX = "~concurrentJobLimit.";
    static final String LOCK_KEY = PREFIX + "lock";
    static final String RESERVED = PREFIX + "reserved.";
    /** How long the lock can be held: taking it, counting and reserving takes milliseconds. */
    static final long LOCK_EXPIRY = 30_000;
    /** How long a reservation holds a slot: more than any Start call takes. */
    static final long RESERVATION_EXPIRY = 300_000;
    /** Rekognition keeps a job's results 7 days: a job recorded longer ago no longer holds a slot. */
    static final long JOB_EXPIRY = Duration.ofDays(7).toMillis();
    /**
     * How often a waiting Start counts again: slots freed by other instances are found this late at most (those freed
     * by this JVM's consumers, at once).
     */
    static final long POLL_MILLIS = 50;

    /** The exchange property camel-sql's JdbcAggregationRepository keeps an entry's version in. */
    private static final String VERSION = "CamelOptimisticLockVersion";

    private final AggregationRepository repository;
    private final CamelContext context;
    /** This JVM's Start calls count and reserve one at a time, the longest waiting first. */
    private final ReentrantLock turn = new ReentrantLock(true);
    /** Signalled when this JVM frees a slot: the waiting Start counts again. */
    private final Object freed = new Object();
    private long freedCount;
    /** When each recorded job started: records do not change, so each is read once. */
    private final Map<String, Long> startedAt = new HashMap<>();
    /** Whether the repository holds the lock too; false when it cannot (no optimistic locking): this JVM only. */
    private volatile boolean sharedLock;

    JobSlots(AggregationRepository repository, CamelContext context) {
        this.repository = repository;
        this.context = context;
        this.sharedLock = repository instanceof OptimisticLockingAggregationRepository;
    }

    /** Whether {@code key} is one of this class's entries, not a job's. */
    static boolean isSlotEntry(String key) {
        return key.startsWith(PREFIX);
    }

    /**
     * Reserves a slot of {@code limit}, waiting until {@code deadline} (System.nanoTime) for one; returns the
     * reservation, or null when every slot stayed busy until the deadline.
     */
    String reserve(int limit, long deadline) throws InterruptedException {
        if (!turn.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return null;
        }
        try {
            while (true) {
                String lock = lock();
                if (lock != null) {
                    try {
                        if (busy() < limit) {
                            String reservation = RESERVED + System.currentTimeMillis() + "." + UUID.randomUUID();
                            StartedJobs.add(repository, context, reservation, entry("reserved"));
                            return reservation;
                        }
                    } finally {
                        unlock(lock);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                long pause = POLL_MILLIS + ThreadLocalRandom.current().nextLong(POLL_MILLIS / 2);
                awaitFreed(Math.min(left, TimeUnit.MILLISECONDS.toNanos(pause)));
            }
        } finally {
            turn.unlock();
        }
    }

    /** A job of this repository was struck off by this JVM. */
    void freed() {
        synchronized (freed) {
            freedCount++;
            freed.notifyAll();
        }
    }

    private void awaitFreed(long nanos) throws InterruptedException {
        synchronized (freed) {
            long seen = freedCount;
            long until = System.nanoTime() + nanos;
            long left = nanos;
            while (freedCount == seen && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(freed, left);
                left = until - System.nanoTime();
            }
        }
    }

    /** Lets a reservation go: its slot is free, or held by the job recorded since. */
    void release(String reservation) {
        StartedJobs.strike(repository, context, reservation);
    }

    /** The slots busy now: the jobs recorded and younger than 7 days, and the reservations not expired. */
    int busy() {
        long now = System.currentTimeMillis();
        Set<String> keys = repository.getKeys();
        startedAt.keySet().retainAll(keys);
        int busy = 0;
        for (String key : keys) {
            if (key.startsWith(RESERVED)) {
                long reservedAt = Long.parseLong(key.substring(RESERVED.length(), key.indexOf('.', RESERVED.length())));
                if (now - reservedAt < RESERVATION_EXPIRY) {
                    busy++;
                } else {
                    LOG.warn("Slot reservation {} expired: the instance that made it did not let it go", key);
                    StartedJobs.strike(repository, context, key);
                }
            } else if (!isSlotEntry(key)) {
                Long started = startedAt.get(key);
                if (started == null) {
                    StartedJobs.Started job = StartedJobs.get(repository, context, key);
                    if (job == null) {
                        continue; // struck off since the keys were read
                    }
                    started = job.startedAt();
                    startedAt.put(key, started);
                }
                if (now - started < JOB_EXPIRY) {
                    busy++;
                } else {
                    LOG.info("Job {} started over 7 days ago and never emitted: struck off startedJobsRepository, its "
                             + "slot free",
                            key);
                    StartedJobs.strike(repository, context, key);
                }
            }
        }
        return busy;
    }

    /** Takes the repository's lock; returns the lock's owner id, or null when another instance holds it. */
    private String lock() {
        String owner = UUID.randomUUID().toString();
        if (!sharedLock) {
            return owner;
        }
        OptimisticLockingAggregationRepository optimistic = (OptimisticLockingAggregationRepository) repository;
        try {
            optimistic.add(context, LOCK_KEY, null, entry("lock " + owner));
            return owner;
        } catch (UnsupportedOperationException e) {
            // a MemoryAggregationRepository without optimistic locking: in this JVM only
            sharedLock = false;
            return owner;
        } catch (RuntimeException taken) {
            // OptimisticLockingException, or the store's own duplicate key
            Exchange held = repository.get(context, LOCK_KEY);
            if (held == null) {
                return null; // let go meanwhile: the next round takes it
            }
            long heldSince = held.getMessage().getHeader("heldSince", 0L, Long.class);
            if (System.currentTimeMillis() - heldSince > LOCK_EXPIRY) {
                // its instance died holding it: taken over, in place, if no other instance took it first
                Exchange takeover = entry("lock " + owner);
                takeover.setProperty(VERSION, held.getProperty(VERSION));
                try {
                    optimistic.add(context, LOCK_KEY, held, takeover);
                    LOG.warn("The concurrentJobLimit lock of startedJobsRepository was held over {} ms: taken over",
                            LOCK_EXPIRY);
                    return owner;
                } catch (RuntimeException lost) {
                    return null;
                }
            }
            return null;
        }
    }

    private void unlock(String owner) {
        if (!sharedLock) {
            return;
        }
        Exchange held = repository.get(context, LOCK_KEY);
        if (held != null && ("lock " + owner).equals(held.getMessage().getBody(String.class))) {
            StartedJobs.strike(repository, context, LOCK_KEY);
        }
    }

    private Exchange entry(String body) {
        Exchange entry = new DefaultExchange(context);
        entry.getMessage().setBody(body);
        entry.getMessage().setHeader("heldSince", System.currentTimeMillis());
        return entry;
    }
}
