package org.modsweep.analysis.grids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.RealFourierBasis;
import org.modsweep.analysis.model.TwoLayerNet;
import org.modsweep.core.config.Activation;
import org.modsweep.core.parquet.Checkpoint;

/** Progress measures (grids.md §5) on planted logits and planted weights with exact expected values. */
class ProgressMeasuresTest {

    private static final int P = PlantedGrid.P;

    @Test
    void giniOfOneHotIsOneMinusOneOverNAndOfEqualValuesZero() {
        assertEquals(1 - 1.0 / 5, ProgressMeasures.gini(new double[] {0, 0, 3, 0, 0}), 1e-15);
        assertEquals(0, ProgressMeasures.gini(new double[] {2, 2, 2, 2}), 1e-15);
        // (2u, u, 0): Σ|xi - xj| = 2(u + 2u + u) = 8u, 2nΣx = 2·3·3u = 18u
        assertEquals(4.0 / 9, ProgressMeasures.gini(new double[] {2, 1, 0}), 1e-15);
        assertTrue(Double.isNaN(ProgressMeasures.gini(new double[] {0, 0})));
        assertThrows(IllegalArgumentException.class, () -> ProgressMeasures.gini(new double[] {1, -1}));
    }

    @Test
    void keyFrequenciesArePrefixOfSharesOfWinsNorm() {
        Checkpoint w = PlantedGrid.weights(0, true, 1, 4);
        // W_in's squared norms: frequency 1 has 4 parts, frequency 2 one part: shares 0.8 and 0.2
        assertEquals(List.of(1, 2), ProgressMeasures.keyFrequencies(w, 0.9));
        assertEquals(List.of(1), ProgressMeasures.keyFrequencies(w, 0.8));
        assertEquals(List.of(1, 2), ProgressMeasures.keyFrequencies(w, 1.0));
        DecodedWeights d = DecodedWeights.of(w);
        double u = Math.sqrt(P / 2.0);
        double[] in = ProgressMeasures.frequencyNorms(d, true);
        double[] out = ProgressMeasures.frequencyNorms(d, false);
        assertEquals(2 * u, in[0], 1e-6);
        assertEquals(u, in[1], 1e-6);
        assertEquals(0, in[2], 1e-6);
        assertEquals(u, out[0], 1e-6);
        assertEquals(0, out[1], 1e-6);
        assertEquals(21, ProgressMeasures.sumOfSquares(w), 1e-5);
    }

    /** Logits that are purely a key-frequency function of a + b: restricted = full loss, excluded = ln p. */
    @Test
    void logitsOfOneKeyFrequencyAreFullyRestricted() {
        double[][] logits = new double[P * P][P];
        for (int a = 0; a < P; a++) {
            for (int b = 0; b < P; b++) {
                for (int c = 0; c < P; c++) {
                    logits[a * P + b][c] = 3 * Math.cos(2 * Math.PI * 2 * (a + b - c) / P) + 0.7;
                }
            }
        }
        double full = 0;
        for (int n = 0; n < P * P; n++) {
            full += ProgressMeasures.crossEntropy(logits[n], (n / P + n % P) % P);
        }
        full /= P * P;
        int[] train = {0, 5, 11, 30, 48};
        assertEquals(full, ProgressMeasures.restrictedLoss(logits, P, List.of(2)), 1e-12);
        // the excluded logits are the constant 0.7 for every class: the loss of a uniform guess
        assertEquals(Math.log(P), ProgressMeasures.excludedLoss(logits, P, List.of(2), train), 1e-12);
        // another frequency keeps only the constant: uniform again for the restricted loss, full for the excluded
        assertEquals(Math.log(P), ProgressMeasures.restrictedLoss(logits, P, List.of(1)), 1e-12);
        double fullTrain = 0;
        for (int n : train) {
            fullTrain += ProgressMeasures.crossEntropy(logits[n], (n / P + n % P) % P);
        }
        assertEquals(fullTrain / train.length, ProgressMeasures.excludedLoss(logits, P, List.of(1), train), 1e-12);
    }

    /** The diagonal-sum projection equals the 2-D projection in the basis F ⊗ F that grids.md §5 states. */
    @Test
    void projectionMatchesTheTwoDimensionalFourierBasis() {
        Random rnd = new Random(7);
        double[][] logits = new double[P * P][P];
        for (double[] z : logits) {
            for (int c = 0; c < P; c++) {
                z[c] = rnd.nextGaussian();
            }
        }
        List<Integer> keys = List.of(1, 3);
        int[] train = PlantedGrid.train(PlantedGrid.run(1, 0.5, 0.5));
        double[][] restricted = projectF2(logits, keys, true);
        double[][] keyOnly = projectF2(logits, keys, false);
        double r = 0;
        for (int n = 0; n < P * P; n++) {
            r += ProgressMeasures.crossEntropy(restricted[n], (n / P + n % P) % P);
        }
        double e = 0;
        for (int n : train) {
            double[] z = new double[P];
            for (int c = 0; c < P; c++) {
                z[c] = logits[n][c] - keyOnly[n][c];
            }
            e += ProgressMeasures.crossEntropy(z, (n / P + n % P) % P);
        }
        assertEquals(r / (P * P), ProgressMeasures.restrictedLoss(logits, P, keys), 1e-12);
        assertEquals(e / train.length, ProgressMeasures.excludedLoss(logits, P, keys, train), 1e-12);
    }

    /** On the planted network every measure is known: Gini (2u, u, 0) = 4/9 and (u, 0, 0) = 2/3, Σ W² = 21. */
    @Test
    void measuresOfThePlantedNetwork() {
        Checkpoint w = PlantedGrid.weights(1000, false, 1, 8);
        int[] train = PlantedGrid.train(PlantedGrid.run(1, 0.5, 0.7));
        List<Integer> keys = ProgressMeasures.keyFrequencies(w, 0.9);
        ProgressMeasures.Point pt = ProgressMeasures.at(w, Activation.ReLU, keys, train);
        assertEquals(1000, pt.epoch());
        assertEquals(4.0 / 9, pt.giniIn(), 1e-6);
        assertEquals(2.0 / 3, pt.giniOut(), 1e-6);
        assertEquals(21, pt.weightNorm(), 1e-5);
        double[][] logits = new TwoLayerNet(w, Activation.ReLU).allLogits();
        assertEquals(expectedRestricted(logits, keys), pt.restrictedLoss(), 1e-12);
        assertEquals(expectedExcluded(logits, keys, train), pt.excludedLoss(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ProgressMeasures.restrictedLoss(logits, P, List.of(4)));
    }

    static double expectedRestricted(double[][] logits, List<Integer> keys) {
        double[][] restricted = projectF2(logits, keys, true);
        double r = 0;
        for (int n = 0; n < P * P; n++) {
            r += ProgressMeasures.crossEntropy(restricted[n], (n / P + n % P) % P);
        }
        return r / (P * P);
    }

    static double expectedExcluded(double[][] logits, List<Integer> keys, int[] train) {
        double[][] keyOnly = projectF2(logits, keys, false);
        double e = 0;
        for (int n : train) {
            double[] z = new double[P];
            for (int c = 0; c < P; c++) {
                z[c] = logits[n][c] - keyOnly[n][c];
            }
            e += ProgressMeasures.crossEntropy(z, (n / P + n % P) % P);
        }
        return e / train.length;
    }

    /**
     * For each class, G = F L Fᵀ; keeps (G·d) d for d = (e_cc − e_ss)/√2 and (e_sc + e_cs)/√2 of each key frequency
     * (cos and sin of ω(a+b)) and, if asked, e_00; back with Fᵀ G' F.
     */
    static double[][] projectF2(double[][] logits, List<Integer> keys, boolean constant) {
        double[][] f = RealFourierBasis.of(P).matrix();
        double[][] out = new double[P * P][P];
        for (int c = 0; c < P; c++) {
            double[][] g = new double[P][P];
            for (int r = 0; r < P; r++) {
                for (int s = 0; s < P; s++) {
                    double v = 0;
                    for (int a = 0; a < P; a++) {
                        for (int b = 0; b < P; b++) {
                            v += f[r][a] * logits[a * P + b][c] * f[s][b];
                        }
                    }
                    g[r][s] = v;
                }
            }
            double[][] kept = new double[P][P];
            if (constant) {
                kept[0][0] = g[0][0];
            }
            for (int k : keys) {
                int cs = 2 * k - 1;
                int sn = 2 * k;
                double u = (g[cs][cs] - g[sn][sn]) / 2;
                kept[cs][cs] += u;
                kept[sn][sn] -= u;
                double v = (g[sn][cs] + g[cs][sn]) / 2;
                kept[sn][cs] += v;
                kept[cs][sn] += v;
            }
            for (int a = 0; a < P; a++) {
                for (int b = 0; b < P; b++) {
                    double v = 0;
                    for (int r = 0; r < P; r++) {
                        for (int s = 0; s < P; s++) {
                            v += f[r][a] * kept[r][s] * f[s][b];
                        }
                    }
                    out[a * P + b][c] = v;
                }
            }
        }
        return out;
    }
}
