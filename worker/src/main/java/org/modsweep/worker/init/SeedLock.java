package org.modsweep.worker.init;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's random generator is process-global: seeding, initialisation and the data split of a run happen under
 * this one JVM-wide lock, so concurrent trainings in one executor each see the stream of a fresh seed.
 */
public final class SeedLock {

    public static final ReentrantLock LOCK = new ReentrantLock();

    private SeedLock() {}
}
