package org.modsweep.analysis.grids;

import java.util.ArrayList;
import java.util.List;

/**
 * One outcome (t_train, t_test, delay or final test accuracy) over a grid point's seeds (grids.md §3): mean,
 * standard deviation (population) and the 95% percentile-bootstrap interval of the mean over the seeds that reached
 * it; {@code missing} counts the seeds that never did (they are reported, not averaged in as a number).
 *
 * @param n       seeds with a value
 * @param missing seeds without one (threshold never reached)
 * @param mean    null when no seed has a value
 * @param std     null when no seed has a value
 * @param low     lower end of the interval, null when no seed has a value
 * @param high    upper end of the interval, null when no seed has a value
 */
public record OutcomeStatistics(int n, int missing, Double mean, Double std, Double low, Double high) {

    /** Statistics of these per-seed values (null = not reached), with {@link Bootstrap}'s draws and seed. */
    public static OutcomeStatistics of(List<? extends Number> perSeed) {
        return of(perSeed, Bootstrap.DRAWS, Bootstrap.SEED);
    }

    public static OutcomeStatistics of(List<? extends Number> perSeed, int draws, long seed) {
        List<Double> present = new ArrayList<>();
        for (Number v : perSeed) {
            if (v != null) {
                present.add(v.doubleValue());
            }
        }
        int missing = perSeed.size() - present.size();
        if (present.isEmpty()) {
            return new OutcomeStatistics(0, missing, null, null, null, null);
        }
        double[] values = present.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double[] ci = Bootstrap.meanInterval(values, draws, seed);
        return new OutcomeStatistics(values.length, missing, mean, Math.sqrt(squares / values.length), ci[0], ci[1]);
    }
}
