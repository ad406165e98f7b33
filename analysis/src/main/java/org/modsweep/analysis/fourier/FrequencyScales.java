package org.modsweep.analysis.fourier;

/**
 * All-frequency decoding {@code decode_scales_phis} (science.md §3.5): for every neuron and k = 0..K the input
 * scale, input phase φ_k and output phase ψ_k. k = 0: |DC| with phases 0. Arrays are [M][K+1].
 */
public record FrequencyScales(double[][] scale, double[][] phi, double[][] psi) {

    public static FrequencyScales of(DecodedWeights d) {
        int m = d.neurons();
        int kMax = d.p() / 2;
        double f = Math.sqrt(2.0 / d.p());
        double[][] scale = new double[m][kMax + 1];
        double[][] phi = new double[m][kMax + 1];
        double[][] psi = new double[m][kMax + 1];
        for (int n = 0; n < m; n++) {
            scale[n][0] = Math.abs(d.in(n, 0));
            for (int k = 1; k <= kMax && 2 * k < d.p(); k++) {
                double c = d.in(n, 2 * k - 1);
                double s = d.in(n, 2 * k);
                scale[n][k] = f * Math.sqrt(c * c + s * s);
                phi[n][k] = Math.atan2(-s, c);
                psi[n][k] = Math.atan2(-d.out(n, 2 * k), d.out(n, 2 * k - 1));
            }
        }
        return new FrequencyScales(scale, phi, psi);
    }

    /** One neuron only (the lottery tracking needs a single row per checkpoint). */
    public static FrequencyScales ofNeuron(DecodedWeights d, int neuron) {
        int kMax = d.p() / 2;
        double f = Math.sqrt(2.0 / d.p());
        double[][] scale = new double[1][kMax + 1];
        double[][] phi = new double[1][kMax + 1];
        double[][] psi = new double[1][kMax + 1];
        scale[0][0] = Math.abs(d.in(neuron, 0));
        for (int k = 1; k <= kMax && 2 * k < d.p(); k++) {
            double c = d.in(neuron, 2 * k - 1);
            double s = d.in(neuron, 2 * k);
            scale[0][k] = f * Math.sqrt(c * c + s * s);
            phi[0][k] = Math.atan2(-s, c);
            psi[0][k] = Math.atan2(-d.out(neuron, 2 * k), d.out(neuron, 2 * k - 1));
        }
        return new FrequencyScales(scale, phi, psi);
    }
}
