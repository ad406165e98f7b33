package org.modsweep.analysis.simulation;

import org.modsweep.analysis.fourier.Angles;
import org.modsweep.analysis.fourier.RealFourierBasis;

/**
 * The decoupled multi-frequency gradient flow of science.md §6, in float64. Starting from a single frequency
 * k₀ = min(2, K) with amplitude 0.02, Euler steps of the implemented update (with its 1/p² factor); the history
 * keeps the initial state and every step. Overflow to ±∞/NaN (p ≤ 17) is carried along, never thrown.
 *
 * @param p      modulus
 * @param k0     the initialised frequency
 * @param lr     step size (time = step·lr)
 * @param alpha  [k][step], k = 0..K (row 0 unused)
 * @param beta   [k][step]
 * @param phi    [k][step]
 * @param psi    [k][step]
 * @param delta  [k][step] = normalize_to_pi(2φ − ψ)
 */
public record DecoupledOde(
        int p, int k0, double lr, double[][] alpha, double[][] beta, double[][] phi, double[][] psi, double[][] delta) {

    public static final double AMPLITUDE = 0.02;
    public static final int INIT_K = 2;

    /** The two cases of the study (generate_analytical.py). */
    public enum Case {
        ONE(1400, 1.0, 1.5, 0.18),
        TWO(700, 1.0, -0.72, -2.91);

        public final int steps;
        public final double lr;
        public final double phi0;
        public final double psi0;

        Case(int steps, double lr, double phi0, double psi0) {
            this.steps = steps;
            this.lr = lr;
            this.phi0 = phi0;
            this.psi0 = psi0;
        }
    }

    public static DecoupledOde simulate(int p, Case c) {
        return simulate(p, c.steps, c.lr, c.phi0, c.psi0);
    }

    public static DecoupledOde simulate(int p, int steps, double lr, double phi0, double psi0) {
        RealFourierBasis f = RealFourierBasis.of(p);
        int kMax = p / 2;
        int k0 = Math.min(INIT_K, (p - 1) / 2);
        double w0 = 2 * Math.PI * k0 / p;
        double[] theta = new double[p];
        double[] xi = new double[p];
        for (int j = 0; j < p; j++) {
            theta[j] = AMPLITUDE * Math.cos(w0 * j + phi0);
            xi[j] = AMPLITUDE * Math.cos(w0 * j + psi0);
        }
        double[][] alpha = new double[kMax + 1][steps + 1];
        double[][] beta = new double[kMax + 1][steps + 1];
        double[][] phi = new double[kMax + 1][steps + 1];
        double[][] psi = new double[kMax + 1][steps + 1];
        double[][] delta = new double[kMax + 1][steps + 1];
        double scale = Math.sqrt(2.0 / p);
        double p2 = (double) p * p;
        double[] gT = new double[p];
        double[] gX = new double[p];
        for (int step = 0; step <= steps; step++) {
            double[] qt = f.coefficients(theta);
            double[] qx = f.coefficients(xi);
            for (int k = 1; k <= kMax && 2 * k < p; k++) {
                double ct = qt[2 * k - 1];
                double st = qt[2 * k];
                double cx = qx[2 * k - 1];
                double sx = qx[2 * k];
                alpha[k][step] = scale * Math.sqrt(ct * ct + st * st);
                phi[k][step] = Math.atan2(-st, ct);
                beta[k][step] = scale * Math.sqrt(cx * cx + sx * sx);
                psi[k][step] = Math.atan2(-sx, cx);
                delta[k][step] = Angles.normalizeToPi(2 * phi[k][step] - psi[k][step]);
            }
            if (step == steps) {
                break;
            }
            java.util.Arrays.fill(gT, 0);
            java.util.Arrays.fill(gX, 0);
            for (int k = 1; k <= kMax && 2 * k < p; k++) {
                double a = alpha[k][step];
                double b = beta[k][step];
                double ph = phi[k][step];
                double ps = psi[k][step];
                double wk = 2 * Math.PI * k / p;
                double ct = 2 * p * a * b;
                double cx = p * a * a;
                for (int j = 0; j < p; j++) {
                    gT[j] += ct * Math.cos(wk * j + ps - ph) / p2;
                    gX[j] += cx * Math.cos(wk * j + 2 * ph) / p2;
                }
            }
            for (int j = 0; j < p; j++) {
                theta[j] += lr * gT[j];
                xi[j] += lr * gX[j];
            }
        }
        return new DecoupledOde(p, k0, lr, alpha, beta, phi, psi, delta);
    }

    public int steps() {
        return alpha[k0].length - 1;
    }

    /** Number of frequencies K tracked (rows 1..K). */
    public int frequencies() {
        return alpha.length - 1;
    }
}
