package org.modsweep.analysis.plots;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The level boundaries Matplotlib's {@code contourf(z, levels=N)} chooses: {@code MaxNLocator(N + 1,
 * min_n_ticks=1).tick_values(zmin, zmax)} (round steps 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 times a power of ten), then
 * trimmed by {@code ContourSet._autolev} to one level beyond the data on each side, or, where the plot extends its
 * colours past the outermost levels, none. Float arithmetic follows Matplotlib's so the boundaries are the same doubles.
 */
public final class ContourLevels {

    /** Which ends the filled contour extends beyond its outermost levels (contourf's {@code extend}). */
    public enum Extend {
        NEITHER,
        MIN,
        MAX,
        BOTH
    }

    /** MaxNLocator's default steps, as its {@code _staircase} extends them: 0.1 × steps[:-1], steps, 10 × steps[1]. */
    private static final double[] STAIRCASE;

    static {
        double[] steps = {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
        STAIRCASE = new double[2 * steps.length];
        for (int i = 0; i < steps.length - 1; i++) {
            STAIRCASE[i] = 0.1 * steps[i];
        }
        System.arraycopy(steps, 0, STAIRCASE, steps.length - 1, steps.length);
        STAIRCASE[STAIRCASE.length - 1] = 10 * steps[1];
    }

    private ContourLevels() {}

    /** The levels of {@code contourf(z, levels=n, extend=extend)} for data from zmin to zmax. */
    public static double[] of(double zmin, double zmax, int n, Extend extend) {
        double[] lev = tickValues(zmin, zmax, n + 1, 1);
        int i0 = 0;
        int i1 = lev.length;
        for (int i = 0; i < lev.length; i++) {
            if (lev[i] < zmin) {
                i0 = i; // the last level under the data
            }
        }
        for (int i = lev.length - 1; i >= 0; i--) {
            if (lev[i] > zmax) {
                i1 = i + 1; // up to the first level over the data
            }
        }
        if (extend == Extend.MIN || extend == Extend.BOTH) {
            i0++;
        }
        if (extend == Extend.MAX || extend == Extend.BOTH) {
            i1--;
        }
        if (i1 - i0 < 3) {
            i0 = 0;
            i1 = lev.length;
        }
        return Arrays.copyOfRange(lev, i0, i1);
    }

    /** {@code MaxNLocator(nbins, min_n_ticks).tick_values(vmin, vmax)} (not symmetric, no pruning). */
    static double[] tickValues(double vmin, double vmax, int nbins, int minTicks) {
        double[] range = nonsingular(vmin, vmax);
        vmin = range[0];
        vmax = range[1];
        double dv = Math.abs(vmax - vmin);
        double mean = (vmax + vmin) / 2;
        double offset =
                Math.abs(mean) / dv < 100 ? 0 : Math.copySign(powerOfTen(Math.floor(Math.log10(Math.abs(mean)))), mean);
        double scale = powerOfTen(Math.floor(Math.log10(dv / nbins)));
        double lo = vmin - offset;
        double hi = vmax - offset;
        double rawStep = (hi - lo) / nbins;
        double[] steps = new double[STAIRCASE.length];
        int istep = steps.length - 1;
        for (int i = steps.length - 1; i >= 0; i--) {
            steps[i] = STAIRCASE[i] * scale;
            if (steps[i] >= rawStep) {
                istep = i; // the smallest step at least the raw step
            }
        }
        double[] ticks = new double[0];
        for (int k = istep; k >= 0; k--) {
            double step = steps[k];
            double best = floorDiv(lo, step) * step;
            double low = edgeLe(lo - best, step, offset);
            double high = edgeGe(hi - best, step, offset);
            ticks = new double[(int) (high - low) + 1];
            int shown = 0;
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = (low + i) * step + best;
                if (ticks[i] <= hi && ticks[i] >= lo) {
                    shown++;
                }
            }
            if (shown >= minTicks) {
                break;
            }
        }
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] += offset;
        }
        return ticks;
    }

    /** {@code transforms.nonsingular(vmin, vmax, expander=1e-13, tiny=1e-14)}. */
    private static double[] nonsingular(double vmin, double vmax) {
        double expander = 1e-13;
        double tiny = 1e-14;
        if (!Double.isFinite(vmin) || !Double.isFinite(vmax)) {
            return new double[] {-expander, expander};
        }
        double lo = Math.min(vmin, vmax);
        double hi = Math.max(vmin, vmax);
        double maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
        if (maxAbs < (1e6 / tiny) * Double.MIN_NORMAL) {
            return new double[] {-expander, expander};
        }
        if (hi - lo <= maxAbs * tiny) {
            if (hi == 0 && lo == 0) {
                return new double[] {-expander, expander};
            }
            return new double[] {lo - expander * Math.abs(lo), hi + expander * Math.abs(hi)};
        }
        return new double[] {lo, hi};
    }

    /** {@code 10 ** e} for an integral e, correctly rounded as CPython's pow gives it. */
    private static double powerOfTen(double e) {
        return BigDecimal.ONE.scaleByPowerOfTen((int) e).doubleValue();
    }

    /** Python's float {@code divmod(a, b)} (NumPy's is the same): {floor quotient, remainder with b's sign}. */
    static double[] divmod(double a, double b) {
        double mod = a % b; // Java's % on doubles is C's fmod
        double div = (a - mod) / b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        double floor;
        if (div != 0) {
            floor = Math.floor(div);
            if (div - floor > 0.5) {
                floor += 1.0;
            }
        } else {
            floor = Math.copySign(0.0, a / b);
        }
        return new double[] {floor, mod};
    }

    private static double floorDiv(double a, double b) {
        return divmod(a, b)[0];
    }

    /** {@code _Edge_integer(step, offset).le(x)}: the largest n with n·step ≤ x, allowing for rounding. */
    private static double edgeLe(double x, double step, double offset) {
        double[] dm = divmod(x, step);
        return closeTo(dm[1] / step, 1, step, offset) ? dm[0] + 1 : dm[0];
    }

    /** {@code _Edge_integer(step, offset).ge(x)}: the smallest n with n·step ≥ x, allowing for rounding. */
    private static double edgeGe(double x, double step, double offset) {
        double[] dm = divmod(x, step);
        return closeTo(dm[1] / step, 0, step, offset) ? dm[0] : dm[0] + 1;
    }

    /** More slack when the offset is large compared with the step. */
    private static boolean closeTo(double ms, double edge, double step, double offset) {
        double tol = 1e-10;
        if (Math.abs(offset) > 0) {
            double digits = Math.log10(Math.abs(offset) / step);
            tol = Math.min(0.4999, Math.max(1e-10, Math.pow(10, digits - 12)));
        }
        return Math.abs(ms - edge) < tol;
    }
}
