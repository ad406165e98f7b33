package org.modsweep.analysis.grids;

import java.util.Arrays;
import java.util.List;

/**
 * One metric of one grid point over its seeds, epoch by epoch (grids.md §3): mean, standard deviation (population,
 * NumPy's default ddof = 0), min and max over the seeds that recorded that epoch, and how many did. Runs that stop at
 * different epochs (plateau stop) give a band up to the longest run whose count drops where runs ended;
 * {@link #shortest()} is where every seed is still present and {@link #upToShortest()} cuts the band there.
 */
public record SeedBand(double[] mean, double[] std, double[] min, double[] max, int[] count, int shortest) {

    /** The band of these per-seed curves (index = epoch); at least one curve, none empty. */
    public static SeedBand of(List<double[]> curves) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("a seed band needs at least one run");
        }
        int longest = 0;
        int shortest = Integer.MAX_VALUE;
        for (double[] c : curves) {
            if (c.length == 0) {
                throw new IllegalArgumentException("a seed band needs runs with recorded epochs");
            }
            longest = Math.max(longest, c.length);
            shortest = Math.min(shortest, c.length);
        }
        double[] mean = new double[longest];
        double[] std = new double[longest];
        double[] min = new double[longest];
        double[] max = new double[longest];
        int[] count = new int[longest];
        for (int e = 0; e < longest; e++) {
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (double[] c : curves) {
                if (e < c.length) {
                    sum += c[e];
                    lo = Math.min(lo, c[e]);
                    hi = Math.max(hi, c[e]);
                    n++;
                }
            }
            double m = sum / n;
            double squares = 0;
            for (double[] c : curves) {
                if (e < c.length) {
                    squares += (c[e] - m) * (c[e] - m);
                }
            }
            mean[e] = m;
            std[e] = Math.sqrt(squares / n);
            min[e] = lo;
            max[e] = hi;
            count[e] = n;
        }
        return new SeedBand(mean, std, min, max, count, shortest);
    }

    /** The band over the epochs every seed recorded. */
    public SeedBand upToShortest() {
        return new SeedBand(
                Arrays.copyOf(mean, shortest),
                Arrays.copyOf(std, shortest),
                Arrays.copyOf(min, shortest),
                Arrays.copyOf(max, shortest),
                Arrays.copyOf(count, shortest),
                shortest);
    }
}
