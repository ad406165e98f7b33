package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsweep.analysis.fourier.Angles;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.FrequencyScales;
import org.modsweep.analysis.fourier.Ipr;
import org.modsweep.analysis.fourier.NeuronPhases;
import org.modsweep.analysis.fourier.RealFourierBasis;
import org.modsweep.analysis.fourier.TopTwoFit;
import org.modsweep.core.parquet.WeightTensor;

class FourierTest {

    @Test
    void basisIsOrthonormalForSeveralModuli() {
        for (int p : new int[] {3, 7, 15, 23, 31}) {
            double[][] f = RealFourierBasis.of(p).matrix();
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    double dot = 0;
                    for (int j = 0; j < p; j++) {
                        dot += f[a][j] * f[b][j];
                    }
                    assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12, "p=" + p + " rows " + a + "," + b);
                }
            }
        }
    }

    @Test
    void basisNamesFollowTheStudy() {
        List<String> n = RealFourierBasis.of(23).names();
        assertEquals(23, n.size());
        assertEquals(List.of("Const", "cos 1", "sin 1", "cos 2"), n.subList(0, 4));
        assertEquals("sin 11", n.get(22));
        assertEquals(List.of("Const", "cos 1", "sin 1"), RealFourierBasis.of(3).names());
    }

    /** A neuron θ[j] = A cos(ω_f j + φ), ξ[c] = B cos(ω_f c + ψ) decodes to exactly (f, A, φ, B, ψ). */
    @Test
    void plantedSingleFrequencyNeuronDecodesExactly() {
        int p = 23;
        int m = 3;
        int[] f = {4, 11, 1};
        double[] a = {0.7, 0.05, 2.5};
        double[] phi = {1.2, -2.9, 0.0};
        double[] b = {0.3, 1.1, 0.9};
        double[] psi = {2.4, 0.5, -1.0};
        float[] in = new float[m * p];
        float[] out = new float[p * m];
        double[] inD = new double[m * p];
        for (int n = 0; n < m; n++) {
            double w = 2 * Math.PI * f[n] / p;
            for (int j = 0; j < p; j++) {
                in[n * p + j] = (float) (a[n] * Math.cos(w * j + phi[n]));
                out[j * m + n] = (float) (b[n] * Math.cos(w * j + psi[n]));
            }
        }
        NeuronPhases ph = NeuronPhases.of(
                DecodedWeights.of(new WeightTensor("W_in", m, p, in), new WeightTensor("W_out", p, m, out)));
        assertArrayEquals(f, ph.freq());
        for (int n = 0; n < m; n++) {
            assertEquals(a[n], ph.alpha()[n], 1e-6 * a[n], "alpha " + n);
            assertEquals(phi[n], ph.phi()[n], 1e-5, "phi " + n);
            assertEquals(b[n], ph.beta()[n], 1e-6 * b[n], "beta " + n);
            assertEquals(psi[n], ph.psi()[n], 1e-5, "psi " + n);
        }
        // the all-frequency decoding agrees at the neuron's own frequency and is ~0 elsewhere
        FrequencyScales s = FrequencyScales.of(
                DecodedWeights.of(new WeightTensor("W_in", m, p, in), new WeightTensor("W_out", p, m, out)));
        assertEquals(a[0], s.scale()[0][4], 1e-6);
        assertEquals(0, s.scale()[0][5], 1e-6);
    }

    @Test
    void dcNeuronKeepsItsSignedDcCoefficient() {
        int p = 7;
        float[] in = new float[p];
        float[] out = new float[p];
        java.util.Arrays.fill(in, -0.5f);
        java.util.Arrays.fill(out, 0.25f);
        NeuronPhases ph = NeuronPhases.of(
                DecodedWeights.of(new WeightTensor("W_in", 1, p, in), new WeightTensor("W_out", p, 1, out)));
        assertEquals(0, ph.freq()[0]);
        assertEquals(-0.5 * Math.sqrt(p), ph.alpha()[0], 1e-6);
        assertEquals(0.0, ph.phi()[0]);
    }

    @Test
    void iprOfOneHotSpectrumIsOneAndUniformIsOneOverK() {
        double[] row = new double[23];
        row[7] = 3.0; // cos 4 only
        assertEquals(1.0, Ipr.ofCoefficients(row), 1e-15);
        row[8] = -4.0; // sin 4 too: still one frequency
        assertEquals(1.0, Ipr.ofCoefficients(row), 1e-15);
        double[] uniform = new double[23];
        for (int r = 1; r < 23; r++) {
            uniform[r] = 1;
        }
        assertEquals(1.0 / 11, Ipr.ofCoefficients(uniform), 1e-15);
        double[] dcOnly = new double[23];
        dcOnly[0] = 5;
        assertEquals(0.0, Ipr.ofCoefficients(dcOnly));
    }

    @Test
    void topTwoFitReconstructsASingleFrequencyVector() {
        int p = 19;
        double[] w = new double[p];
        for (int j = 0; j < p; j++) {
            w[j] = 0.8 * Math.cos(2 * Math.PI * 3 * j / p + 0.4) + (j == 5 ? 0.01 : 0);
        }
        double[] fit = TopTwoFit.fit(w);
        for (int j = 0; j < p; j++) {
            assertEquals(0.8 * Math.cos(2 * Math.PI * 3 * j / p + 0.4), fit[j], 0.01);
        }
    }

    @Test
    void normalizeToPiUsesAFloorModulo() {
        assertEquals(-Math.PI, Angles.normalizeToPi(Math.PI), 1e-15);
        assertEquals(-Math.PI, Angles.normalizeToPi(-Math.PI), 1e-15);
        assertEquals(0.5, Angles.normalizeToPi(0.5 + 4 * Math.PI), 1e-12);
        assertEquals(-0.5, Angles.normalizeToPi(-0.5 - 6 * Math.PI), 1e-12);
    }

    @Test
    void unwrapMatchesNumPy() {
        // numpy.unwrap([0, 3, 6.5, -0.2, 3.2]) = [0, 3, 0.21681469, -0.2, -3.08318531]
        double[] u = Angles.unwrap(new double[] {0, 3, 6.5, -0.2, 3.2});
        assertArrayEquals(new double[] {0, 3, 6.5 - 2 * Math.PI, -0.2, 3.2 - 2 * Math.PI}, u, 1e-12);
        double[] withNaN = Angles.unwrap(new double[] {0, 1, Double.NaN, 1});
        assertEquals(1.0, withNaN[1]);
        assertEquals(Double.NaN, withNaN[3]);
    }
}
