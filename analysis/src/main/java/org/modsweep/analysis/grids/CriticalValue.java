package org.modsweep.analysis.grids;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The critical value of an axis (grids.md §4): where the probability of generalising within the budget crosses 1/2,
 * from a logistic fit P(generalised) = σ(a + b·t) over all runs (t = the axis value, or log10 of it on a log axis),
 * by maximum likelihood (Newton's method); a 95% interval from a percentile bootstrap over runs. Fewer than two runs
 * of each outcome: "insufficient". When the outcomes are separated by the axis (every run on one side of a gap
 * generalised, none on the other) the likelihood has no maximum; the crossing is then the middle of the gap (in t),
 * flagged {@code separated}.
 *
 * @param status    "ok", "separated" or "insufficient"
 * @param value     the crossing on the axis's own scale, null when insufficient or when the fit is flat (b = 0)
 * @param low       lower end of the bootstrap interval (null when insufficient or no resample had a crossing)
 * @param high      upper end of the bootstrap interval
 * @param intercept a of the fit on t (null unless status is ok)
 * @param slope     b of the fit on t (null unless status is ok)
 */
public record CriticalValue(String status, Double value, Double low, Double high, Double intercept, Double slope) {

    private static final int MAX_ITERATIONS = 200;

    /** The fit of outcomes {@code generalised[i]} at axis values {@code x[i]}, with {@link Bootstrap}'s draws and seed. */
    public static CriticalValue fit(double[] x, boolean[] generalised, boolean logAxis) {
        return fit(x, generalised, logAxis, Bootstrap.DRAWS, Bootstrap.SEED);
    }

    public static CriticalValue fit(double[] x, boolean[] generalised, boolean logAxis, int draws, long seed) {
        if (x.length != generalised.length) {
            throw new IllegalArgumentException("axis values and outcomes differ in number");
        }
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (logAxis && !(x[i] > 0)) {
                throw new IllegalArgumentException("a log axis needs values > 0, got " + x[i]);
            }
            t[i] = logAxis ? Math.log10(x[i]) : x[i];
        }
        Crossing c = crossing(t, generalised);
        if (c == null) {
            return new CriticalValue("insufficient", null, null, null, null, null);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Double> samples = new ArrayList<>();
        double[] rt = new double[t.length];
        boolean[] ry = new boolean[t.length];
        for (int d = 0; d < draws; d++) {
            for (int i = 0; i < t.length; i++) {
                int j = rng.nextInt(t.length);
                rt[i] = t[j];
                ry[i] = generalised[j];
            }
            Crossing r = crossing(rt, ry);
            if (r != null && r.t != null) {
                samples.add(r.t);
            }
        }
        Double low = null;
        Double high = null;
        if (!samples.isEmpty()) {
            double[] ci = Bootstrap.interval(
                    samples.stream().mapToDouble(Double::doubleValue).toArray());
            low = scale(ci[0], logAxis);
            high = scale(ci[1], logAxis);
        }
        Double value = c.t == null ? null : scale(c.t, logAxis);
        return c.separated
                ? new CriticalValue("separated", value, low, high, null, null)
                : new CriticalValue("ok", value, low, high, c.a, c.b);
    }

    private static Double scale(double t, boolean logAxis) {
        return logAxis ? Math.pow(10, t) : t;
    }

    private record Crossing(Double t, boolean separated, Double a, Double b) {}

    /** The 1/2 crossing in t, or null when there are fewer than two outcomes of each kind. */
    private static Crossing crossing(double[] t, boolean[] y) {
        int yes = 0;
        double maxNo = Double.NEGATIVE_INFINITY;
        double minNo = Double.POSITIVE_INFINITY;
        double maxYes = Double.NEGATIVE_INFINITY;
        double minYes = Double.POSITIVE_INFINITY;
        for (int i = 0; i < t.length; i++) {
            if (y[i]) {
                yes++;
                maxYes = Math.max(maxYes, t[i]);
                minYes = Math.min(minYes, t[i]);
            } else {
                maxNo = Math.max(maxNo, t[i]);
                minNo = Math.min(minNo, t[i]);
            }
        }
        if (yes < 2 || t.length - yes < 2) {
            return null;
        }
        if (maxNo <= minYes) {
            return new Crossing((maxNo + minYes) / 2, true, null, null);
        }
        if (maxYes <= minNo) {
            return new Crossing((maxYes + minNo) / 2, true, null, null);
        }
        double[] ab = newton(t, y);
        return new Crossing(ab[1] == 0 ? null : -ab[0] / ab[1], false, ab[0], ab[1]);
    }

    /** Maximum-likelihood (a, b) of σ(a + b·t) by Newton's method, on centred t for conditioning. */
    private static double[] newton(double[] t, boolean[] y) {
        double centre = 0;
        for (double v : t) {
            centre += v;
        }
        centre /= t.length;
        double a = 0;
        double b = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double ga = 0;
            double gb = 0;
            double haa = 0;
            double hab = 0;
            double hbb = 0;
            for (int i = 0; i < t.length; i++) {
                double u = t[i] - centre;
                double p = 1 / (1 + Math.exp(-(a + b * u)));
                double r = (y[i] ? 1 : 0) - p;
                double w = p * (1 - p);
                ga += r;
                gb += r * u;
                haa += w;
                hab += w * u;
                hbb += w * u * u;
            }
            double det = haa * hbb - hab * hab;
            if (det <= 0) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a += da;
            b += db;
            if (Math.abs(da) < 1e-13 && Math.abs(db) < 1e-13) {
                break;
            }
        }
        return new double[] {a - b * centre, b};
    }
}
