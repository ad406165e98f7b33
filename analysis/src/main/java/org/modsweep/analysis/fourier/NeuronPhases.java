package org.modsweep.analysis.fourier;

/**
 * Per-neuron frequency, magnitudes and phases of one checkpoint (science.md §3.4): the dominant frequency f from
 * the input layer; α, φ from inHat and β, ψ from outHat at the same f. A vector A·cos(ω_f j + φ) decodes to
 * exactly (A, φ). DC neurons (f = 0) get phase 0 and their signed DC coefficient as magnitude.
 */
public record NeuronPhases(int[] freq, double[] alpha, double[] phi, double[] beta, double[] psi) {

    public static NeuronPhases of(DecodedWeights d) {
        int m = d.neurons();
        int p = d.p();
        double scale = Math.sqrt(2.0 / p);
        int[] f = d.dominantFrequencies();
        double[] alpha = new double[m];
        double[] phi = new double[m];
        double[] beta = new double[m];
        double[] psi = new double[m];
        for (int n = 0; n < m; n++) {
            int k = f[n];
            if (k == 0) {
                alpha[n] = d.in(n, 0);
                beta[n] = d.out(n, 0);
                continue;
            }
            double ci = d.in(n, 2 * k - 1);
            double si = d.in(n, 2 * k);
            double co = d.out(n, 2 * k - 1);
            double so = d.out(n, 2 * k);
            alpha[n] = Math.sqrt(ci * ci + si * si) * scale;
            phi[n] = Math.atan2(-si, ci);
            beta[n] = Math.sqrt(co * co + so * so) * scale;
            psi[n] = Math.atan2(-so, co);
        }
        return new NeuronPhases(f, alpha, phi, beta, psi);
    }

    public int neurons() {
        return freq.length;
    }

    /**
     * Phase misalignment per neuron, {@code normalize_to_pi(ψ − 2φ)} (the mirrored convention used by the grokking
     * and dynamics analyses; D = 2φ − ψ is its negative). DC neurons give 0.
     */
    public double[] psiMinusTwoPhi() {
        double[] d = new double[freq.length];
        for (int n = 0; n < d.length; n++) {
            d[n] = freq[n] == 0 ? 0 : Angles.normalizeToPi(psi[n] - 2 * phi[n]);
        }
        return d;
    }

    /** mean over all neurons of |sin D_m| (DC neurons contribute 0), science.md §5.8. */
    public double meanAbsSinMisalignment() {
        double[] d = psiMinusTwoPhi();
        double s = 0;
        for (double v : d) {
            s += Math.abs(Math.sin(v));
        }
        return d.length == 0 ? 0 : s / d.length;
    }
}
