package org.modsweep.driver.spark;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Called in a cell's task after every epoch of a training attempt. The shipped code registers none; a test
 * classpath registers one (META-INF/services) to make chosen attempts fail, so fault injection never sits in the
 * production path.
 */
public interface AttemptHook {

    /**
     * May throw to make this attempt fail at this epoch. The sweep's {@code modsweep.*} properties are the task's
     * local properties ({@code TaskContext.get().getLocalProperty}).
     */
    void afterEpoch(String cellId, int attemptNumber, int epoch, int epochsPlanned);

    /** The hooks on this JVM's classpath, found once. */
    static List<AttemptHook> installed() {
        return Installed.HOOKS;
    }

    /** Holder: the ServiceLoader lookup runs on first use, once per JVM. */
    final class Installed {
        private static final List<AttemptHook> HOOKS =
                ServiceLoader.load(AttemptHook.class, AttemptHook.class.getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get)
                        .toList();

        private Installed() {}
    }
}
