package org.modsweep.driver.testing;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.TaskContext;
import org.modsweep.driver.spark.AttemptHook;

/**
 * Test-only faults, registered as an {@link AttemptHook} on the test classpath and switched on by the sweep's
 * properties (they reach its tasks as Spark local properties, on any master):
 * {@code modsweep.test.failOnce=p003-standard,...} makes the first attempt of those cells throw halfway through
 * training (the retry must then produce the same store as a clean run);
 * {@code modsweep.test.failAlways=...} makes every attempt throw (the cell fails for good, the others go on);
 * {@code modsweep.test.slow=...} makes those cells sleep {@value #SLOW_MILLIS} ms after every epoch (a long cell).
 */
public final class FaultInjection implements AttemptHook {

    public static final String FAIL_ONCE = "modsweep.test.failOnce";
    public static final String FAIL_ALWAYS = "modsweep.test.failAlways";
    public static final String SLOW = "modsweep.test.slow";
    public static final long SLOW_MILLIS = 200;

    /** Throws when this attempt of the cell should fail at this epoch (halfway through its planned epochs). */
    @Override
    public void afterEpoch(String cellId, int attemptNumber, int epoch, int epochsPlanned) {
        TaskContext ctx = TaskContext.get();
        if (ctx == null) {
            return;
        }
        boolean armed = ids(ctx.getLocalProperty(FAIL_ALWAYS)).contains(cellId)
                || (attemptNumber == 0 && ids(ctx.getLocalProperty(FAIL_ONCE)).contains(cellId));
        if (ids(ctx.getLocalProperty(SLOW)).contains(cellId)) {
            try {
                Thread.sleep(SLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // a cancelled sweep: the training notices at its next epoch
            }
        }
        if (armed && epoch >= epochsPlanned / 2) {
            throw new InjectedFault(
                    "injected fault in " + cellId + " at epoch " + epoch + " (attempt " + attemptNumber + ")");
        }
    }

    private static Set<String> ids(String v) {
        if (v == null) {
            return Set.of();
        }
        return Arrays.stream(v.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    /** The exception an injected fault throws; distinguishable in logs and tests. */
    public static final class InjectedFault extends RuntimeException {
        public InjectedFault(String message) {
            super(message);
        }
    }
}
