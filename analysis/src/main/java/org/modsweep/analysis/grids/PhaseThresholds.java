package org.modsweep.analysis.grids;

/**
 * The thresholds of the phase classification (grids.md §2), options written into every output that uses them.
 *
 * @param accuracy      accuracy that counts as reached (default 0.95, the study's own stage threshold)
 * @param grokkingDelay smallest t_test − t_train, in epochs, that counts as grokking (default 1000)
 */
public record PhaseThresholds(double accuracy, int grokkingDelay) {

    public static final PhaseThresholds DEFAULT = new PhaseThresholds(0.95, 1000);

    public PhaseThresholds {
        if (!(accuracy > 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("the accuracy threshold must be in (0, 1], got " + accuracy);
        }
        if (grokkingDelay < 1) {
            throw new IllegalArgumentException("the grokking delay threshold must be >= 1 epoch, got " + grokkingDelay);
        }
    }
}
