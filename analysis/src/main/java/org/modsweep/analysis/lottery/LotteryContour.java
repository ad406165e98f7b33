package org.modsweep.analysis.lottery;

import org.modsweep.analysis.fourier.RealFourierBasis;

/**
 * The lottery-contour simulation (science.md §5.10): a single frequency k₀ = 1, ψ₀ = 0, 100 Euler ascent steps of
 * size 0.01 without the 1/p² factor, over a 30×30 grid of initial magnitude s ∈ [0.01, 0.02] and initial phase
 * φ₀ ∈ [0, π]. Z[row = φ₀ index][col = s index] = final output magnitude β.
 *
 * @param magnitudes  the 30 initial magnitudes (x axis)
 * @param phaseDiffs  the 30 initial phase differences D₀ = 2φ₀ ∈ [0, 2π] (y axis)
 * @param z           β_final, [30][30]
 */
public record LotteryContour(double[] magnitudes, double[] phaseDiffs, double[][] z) {

    public static final int GRID = 30;
    public static final int STEPS = 100;
    public static final double STEP_SIZE = 0.01;

    public static LotteryContour simulate(int p) {
        double[] s = linspace(0.01, 0.02, GRID);
        double[] phi0 = linspace(0, Math.PI, GRID);
        double[][] z = new double[GRID][GRID];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                z[r][c] = finalBeta(p, s[c], phi0[r]);
            }
        }
        double[] d0 = new double[GRID];
        for (int r = 0; r < GRID; r++) {
            d0[r] = 2 * phi0[r];
        }
        return new LotteryContour(s, d0, z);
    }

    /** One grid point: θ = s·cos(ω₁j + φ₀), ξ = s·cos(ω₁j), 100 simultaneous ascent steps; β at the end. */
    public static double finalBeta(int p, double s, double phi0) {
        RealFourierBasis f = RealFourierBasis.of(p);
        double w = 2 * Math.PI / p;
        double[] theta = new double[p];
        double[] xi = new double[p];
        for (int j = 0; j < p; j++) {
            theta[j] = s * Math.cos(w * j + phi0);
            xi[j] = s * Math.cos(w * j);
        }
        double scale = Math.sqrt(2.0 / p);
        double[] gT = new double[p];
        double[] gX = new double[p];
        for (int step = 0; step < STEPS; step++) {
            double ct = dot(f, 1, theta);
            double st = dot(f, 2, theta);
            double cx = dot(f, 1, xi);
            double sx = dot(f, 2, xi);
            double alpha = scale * Math.sqrt(ct * ct + st * st);
            double phi = Math.atan2(-st, ct);
            double beta = scale * Math.sqrt(cx * cx + sx * sx);
            double psi = Math.atan2(-sx, cx);
            for (int j = 0; j < p; j++) {
                gT[j] = 2 * p * alpha * beta * Math.cos(w * j + psi - phi);
                gX[j] = p * alpha * alpha * Math.cos(w * j + 2 * phi);
            }
            for (int j = 0; j < p; j++) {
                theta[j] += STEP_SIZE * gT[j];
                xi[j] += STEP_SIZE * gX[j];
            }
        }
        double cx = dot(f, 1, xi);
        double sx = dot(f, 2, xi);
        return scale * Math.sqrt(cx * cx + sx * sx);
    }

    private static double dot(RealFourierBasis f, int row, double[] v) {
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            s += f.get(row, j) * v[j];
        }
        return s;
    }

    /** NumPy linspace with both endpoints (the last value is exactly {@code b}). */
    static double[] linspace(double a, double b, int n) {
        double[] out = new double[n];
        double step = (b - a) / (n - 1);
        for (int i = 0; i < n; i++) {
            out[i] = a + i * step;
        }
        out[n - 1] = b;
        return out;
    }
}
