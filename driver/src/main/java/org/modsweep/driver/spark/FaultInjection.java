package org.modsweep.driver.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test-only faults, switched on by Spark properties so that they reach tasks on any master:
 * {@code modsweep.test.failOnce=p003-standard,...} makes the first attempt of those cells throw halfway through
 * training (the retry must then produce the same store as a clean run);
 * {@code modsweep.test.failAlways=...} makes every attempt throw (the cell fails for good, the others go on).
 */
public record FaultInjection(Set<String> failOnce, Set<String> failAlways) implements Serializable {

    public static final String FAIL_ONCE = "modsweep.test.failOnce";
    public static final String FAIL_ALWAYS = "modsweep.test.failAlways";

    public static FaultInjection from(Map<String, String> props) {
        return new FaultInjection(ids(props.get(FAIL_ONCE)), ids(props.get(FAIL_ALWAYS)));
    }

    private static Set<String> ids(String v) {
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Throws when this attempt of the cell should fail at this epoch (halfway through its planned epochs). */
    public void maybeFail(String cellId, int attemptNumber, int epoch, int epochsPlanned) {
        boolean armed = failAlways.contains(cellId) || (attemptNumber == 0 && failOnce.contains(cellId));
        if (armed && epoch >= epochsPlanned / 2) {
            throw new InjectedFault("injected fault in " + cellId + " at epoch " + epoch + " (attempt "
                    + attemptNumber + ")");
        }
    }

    /** The exception an injected fault throws; distinguishable in logs and tests. */
    public static final class InjectedFault extends RuntimeException {
        public InjectedFault(String message) {
            super(message);
        }
    }
}
