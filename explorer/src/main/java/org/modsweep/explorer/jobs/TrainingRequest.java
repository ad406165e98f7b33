package org.modsweep.explorer.jobs;

import org.modsweep.core.Modulus;
import org.modsweep.explorer.api.ApiException;

/** Validation of a requested modulus for on-demand training: odd integers 3 ≤ p ≤ 99 only (explorer.md §3). */
public final class TrainingRequest {

    public static final int MAX_P_ON_DEMAND = 99;

    private TrainingRequest() {}

    /** Accepts an integer given as a JSON number or a decimal string; anything else is refused. */
    public static Modulus modulus(Object raw) {
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            throw ApiException.badRequest("Enter a value for p.");
        }
        long p;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            p = ((Number) raw).longValue();
        } else if (raw instanceof String s && s.trim().matches("[+-]?\\d{1,9}")) {
            p = Long.parseLong(s.trim());
        } else {
            throw ApiException.badRequest("Error: p must be an odd number >= 3, got " + shortText(raw));
        }
        if (p < Modulus.MIN_P || p % 2 == 0) {
            throw ApiException.badRequest("Error: p must be an odd number >= 3, got " + p);
        }
        if (p > MAX_P_ON_DEMAND) {
            throw ApiException.badRequest("Error: p=" + p + " exceeds on-demand limit of " + MAX_P_ON_DEMAND);
        }
        return Modulus.of((int) p);
    }

    private static String shortText(Object o) {
        String s = String.valueOf(o).replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
