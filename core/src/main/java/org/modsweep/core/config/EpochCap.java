package org.modsweep.core.config;

/** The {@code --epochs} cap of quick trials: null for the study's epoch counts, else at least 1. */
public final class EpochCap {

    private EpochCap() {}

    /** Returns the cap unchanged, or throws the one-line usage error every command gives for a cap below 1. */
    public static Integer check(Integer cap) {
        if (cap != null && cap < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + cap);
        }
        return cap;
    }
}
