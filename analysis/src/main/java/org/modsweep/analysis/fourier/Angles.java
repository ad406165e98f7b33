package org.modsweep.analysis.fourier;

/** Angle helpers with the reference's exact conventions (science.md §3.6, §5.11). */
public final class Angles {

    private static final double TWO_PI = 2 * Math.PI;

    private Angles() {}

    /** ((v + π) mod 2π) − π with a floor modulo: result in [−π, π). Non-finite values pass through as NaN. */
    public static double normalizeToPi(double v) {
        return v - TWO_PI * Math.floor((v + Math.PI) / TWO_PI);
    }

    /** Moves y by ±2π so that it lies within π of x (the seam fix of the phase scatter, science.md §5.2). */
    public static double nearDiagonal(double y, double x) {
        if (y - x > Math.PI) {
            return y - TWO_PI;
        }
        if (y - x < -Math.PI) {
            return y + TWO_PI;
        }
        return y;
    }

    /**
     * NumPy's {@code unwrap} with discont = π: a consecutive difference d with |d| ≥ π is replaced by its wrap
     * into [−π, π) (exactly +π stays +π when d &gt; 0); the corrections accumulate. NaN entries propagate.
     */
    public static double[] unwrap(double[] p) {
        double[] out = p.clone();
        double correction = 0;
        for (int i = 1; i < p.length; i++) {
            double dd = p[i] - p[i - 1];
            double ddmod = (dd + Math.PI) - TWO_PI * Math.floor((dd + Math.PI) / TWO_PI) - Math.PI;
            if (ddmod == -Math.PI && dd > 0) {
                ddmod = Math.PI;
            }
            double corr = ddmod - dd;
            if (Math.abs(dd) < Math.PI) {
                corr = 0;
            }
            if (!Double.isNaN(corr)) {
                correction += corr;
            } else {
                correction = Double.NaN; // NumPy's cumsum propagates NaN from here on
            }
            out[i] = p[i] + correction;
        }
        return out;
    }
}
