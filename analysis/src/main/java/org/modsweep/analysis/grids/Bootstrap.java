package org.modsweep.analysis.grids;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap (grids.md §3): resample with replacement, recompute the statistic, take the 2.5th and 97.5th
 * percentiles of the resampled values (linear interpolation between order statistics, NumPy's default). Draws come
 * from a {@link SplittableRandom} with a fixed seed, so every output is reproducible.
 */
public final class Bootstrap {

    public static final int DRAWS = 1000;
    public static final long SEED = 20220502L;

    private Bootstrap() {}

    /** The 95% percentile interval of the mean of {@code values}: [low, high]. */
    public static double[] meanInterval(double[] values, int draws, long seed) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to bootstrap");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[draws];
        for (int d = 0; d < draws; d++) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[rng.nextInt(values.length)];
            }
            means[d] = sum / values.length;
        }
        return interval(means);
    }

    /** [2.5th, 97.5th] percentiles of {@code samples} (sorted in place). */
    static double[] interval(double[] samples) {
        Arrays.sort(samples);
        return new double[] {percentile(samples, 2.5), percentile(samples, 97.5)};
    }

    /** NumPy's default ("linear") percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
