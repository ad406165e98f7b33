package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.modsweep.analysis.dynamics.GradientDynamics;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.lottery.LotteryTracking;
import org.modsweep.core.parquet.WeightTensor;

class TrackingTest {

    /** Neurons n with θ = a_n cos(ω_f j + φ_n), ξ = b_n cos(ω_f c + ψ_n) at one frequency f. */
    static DecodedWeights neurons(int p, int f, double[] a, double[] phi, double[] b, double[] psi) {
        int m = a.length;
        float[] in = new float[m * p];
        float[] out = new float[p * m];
        double w = 2 * Math.PI * f / p;
        for (int n = 0; n < m; n++) {
            for (int j = 0; j < p; j++) {
                in[n * p + j] = (float) (a[n] * Math.cos(w * j + phi[n]));
                out[j * m + n] = (float) (b[n] * Math.cos(w * j + psi[n]));
            }
        }
        return DecodedWeights.of(new WeightTensor("W_in", m, p, in), new WeightTensor("W_out", p, m, out));
    }

    @Test
    void dynamicsTracksTheStrongNeuronThatStartedMostMisaligned() {
        int p = 11;
        GradientDynamics g = new GradientDynamics();
        double[] phi = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        // initial misalignments ψ − 2φ: neuron 2 largest overall, but it stays weak; neuron 5 largest among strong
        double[] psi0 = {0.2 + 0.1, 0.4 + 0.2, 0.6 + 3.0, 0.8 + 0.3, 1.0 + 0.1, 1.2 + 2.0, 1.4 + 0.5, 1.6 + 0.2};
        double[] weak = {0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01};
        double[] strong = {0.5, 0.01, 0.02, 0.01, 0.01, 0.9, 0.01, 0.01}; // M div 4 − 1 = 1: top-2 are strong
        for (int t = 0; t < 20; t++) {
            double[] a = t == 19 ? strong : weak;
            g.add(200 * t, neurons(p, 3, a, phi, a, psi0));
        }
        assertEquals(5, g.chooseNeuron());
        GradientDynamics.Trajectory tr = g.trajectory(5, 14);
        assertEquals(6, tr.epochs().length); // n − 14 records
        assertEquals(1000.0, tr.epochs()[5]);
        assertEquals(0.6, tr.phi()[0], 1e-5);
        assertEquals(1.2, tr.twoPhi()[0], 1e-5);
        assertEquals(3.2, tr.psi()[0], 1e-5); // atan2 gives 3.2 − 2π; moved back within π of 2φ = 1.2
        assertEquals(20, g.trajectory(5, 40).epochs().length); // trimming to ≤ 0 keeps everything
    }

    @Test
    void lotteryHighlightsTheFinalDominantFrequencyAndOrdersTheOthers() {
        int p = 11; // K = 5
        int m = 2;
        double[][] finalAmps = {{0.2, 0.2, 0.2, 0.2, 0.2}, {0.01, 0.05, 0.9, 0.03, 0.02}}; // neuron 1, f* = 3
        LotteryTracking t = LotteryTracking.forFinal(multi(p, m, finalAmps, new double[5]));
        assertEquals(1, t.neuron());
        assertEquals(2, t.winnerIndex());
        t.add(0, multi(p, m, new double[][] {{0.1, 0.1, 0.1, 0.1, 0.1}, {0.02, 0.02, 0.02, 0.02, 0.02}}, new double[] {
            0.4, 0.3, 0.05, 0.6, 0.2
        }));
        t.add(200, multi(p, m, finalAmps, new double[] {0.1, 0.1, 0.1, 0.1, 0.1}));
        assertArrayEquals(new int[] {0, 200}, t.epochs());
        assertEquals(0.9, t.magnitudes()[1][2], 1e-5);
        assertArrayEquals(new int[] {0, 4, 3, 1}, t.othersByFinalMagnitude()); // 0.01, 0.02, 0.03, 0.05
        assertEquals(0.4, t.misalignments()[0][0], 1e-5); // ψ − 2φ with φ = 0, ψ = 0.4
        assertEquals(2, t.smallestInitialMisalignmentIndex()); // |D| = 0.05 at frequency 3, the winner
        assertTrue(t.winnerHadSmallestInitialMisalignment());
        assertTrue(t.wants());
    }

    /** Neurons with amplitude amps[n][k−1] at every frequency k, input phase 0, output phase psi[k−1]. */
    static DecodedWeights multi(int p, int m, double[][] amps, double[] psi) {
        float[] in = new float[m * p];
        float[] out = new float[p * m];
        for (int n = 0; n < m; n++) {
            for (int j = 0; j < p; j++) {
                double vi = 0;
                double vo = 0;
                for (int k = 1; k <= amps[n].length; k++) {
                    vi += amps[n][k - 1] * Math.cos(2 * Math.PI * k * j / p);
                    vo += amps[n][k - 1] * Math.cos(2 * Math.PI * k * j / p + psi[k - 1]);
                }
                in[n * p + j] = (float) vi;
                out[j * m + n] = (float) vo;
            }
        }
        return DecodedWeights.of(new WeightTensor("W_in", m, p, in), new WeightTensor("W_out", p, m, out));
    }
}
