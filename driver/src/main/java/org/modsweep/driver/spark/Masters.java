package org.modsweep.driver.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark master strings. Plain {@code local[N]} never retries a failed task (Spark's local mode ignores
 * spark.task.maxFailures), so the sweep runs {@code local[N]} as {@code local[N,F]}: a cell whose attempt dies
 * is trained again, as on a cluster.
 */
public final class Masters {

    /** Spark's cluster default for spark.task.maxFailures. */
    public static final int DEFAULT_MAX_FAILURES = 4;

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:\\s*,\\s*(\\d+))?])?");

    private Masters() {}

    public static boolean isLocal(String master) {
        return LOCAL.matcher(master.trim()).matches();
    }

    /** {@code local} → {@code local[1,F]}, {@code local[N]} → {@code local[N,F]}; anything else unchanged. */
    public static String withRetries(String master, int maxFailures) {
        Matcher m = LOCAL.matcher(master.trim());
        if (!m.matches() || m.group(2) != null) {
            return master.trim();
        }
        String threads = m.group(1) == null ? "1" : m.group(1);
        return "local[" + threads + "," + maxFailures + "]";
    }

    /** Task attempts a cell gets: F of {@code local[N,F]}, else spark.task.maxFailures (plain local: 1). */
    public static int maxFailures(String master, String confMaxFailures) {
        Matcher m = LOCAL.matcher(master.trim());
        if (m.matches()) {
            return m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        }
        return confMaxFailures == null ? DEFAULT_MAX_FAILURES : Integer.parseInt(confMaxFailures.trim());
    }
}
