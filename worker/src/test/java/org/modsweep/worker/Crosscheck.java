package org.modsweep.worker;

import com.fasterxml.jackson.databind.JsonNode;
import org.modsweep.core.testing.ReferenceNumbers;

/**
 * The reference's p = 23 numbers (crosscheck.json in core's test resources, how they were made: docs/crosscheck.md)
 * and their tolerance rule.
 */
final class Crosscheck {

    private Crosscheck() {}

    /** The p=23 block of crosscheck.json. */
    static JsonNode p23() {
        return ReferenceNumbers.crosscheck().get("p23");
    }

    /** Relative tolerance for a metric at epoch e: the smallest bracket "<=E" with E >= e. */
    static double tolerance(JsonNode config, String metric, int epoch) {
        JsonNode brackets = config.get("tolerance").get(metric);
        double best = Double.NaN;
        int bestEnd = Integer.MAX_VALUE;
        for (var it = brackets.fields(); it.hasNext(); ) {
            var e = it.next();
            int end = Integer.parseInt(e.getKey().substring(2));
            if (end >= epoch && end < bestEnd) {
                bestEnd = end;
                best = e.getValue().asDouble();
            }
        }
        if (Double.isNaN(best)) {
            throw new IllegalStateException("no tolerance bracket for " + metric + " at epoch " + epoch);
        }
        return best;
    }

    static double relDiff(double java, double ref) {
        double scale = Math.max(Math.abs(java), Math.abs(ref));
        return scale == 0 ? 0 : Math.abs(java - ref) / scale;
    }
}
