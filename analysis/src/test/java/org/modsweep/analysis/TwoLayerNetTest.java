package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.modsweep.analysis.model.TwoLayerNet;
import org.modsweep.core.config.Activation;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.WeightTensor;

class TwoLayerNetTest {

    @Test
    void forwardPassMatchesTheDefinition() {
        // p = 3, M = 2: W_in [2,3], W_out [3,2]
        float[] in = {1, -2, 0.5f, -1, 3, 2};
        float[] out = {1, 2, -1, 0.5f, 0, 1};
        Checkpoint c =
                new Checkpoint(0, false, new WeightTensor("W_in", 2, 3, in), new WeightTensor("W_out", 3, 2, out));
        // (a, b) = (0, 2): h = (1 + 0.5, -1 + 2) = (1.5, 1); ReLU keeps both; z = W_out · h
        assertArrayEquals(
                new double[] {1.5 + 2, -1.5 + 0.5, 1}, new TwoLayerNet(c, Activation.ReLU).logits(0, 2), 1e-6);
        // (1, 1): h = (-4, 6) → ReLU (0, 6); Quad (16, 36)
        assertArrayEquals(new double[] {12, 3, 6}, new TwoLayerNet(c, Activation.ReLU).logits(1, 1), 1e-6);
        assertArrayEquals(new double[] {16 + 72, -16 + 18, 36}, new TwoLayerNet(c, Activation.Quad).logits(1, 1), 1e-5);
    }

    /** The study's mechanism: one-frequency neurons with ψ = 2φ and spread phases add up to the right answer. */
    @Test
    void idealFourierNetworkIsPerfectlyAccurate() {
        int p = 11;
        int perFreq = 12;
        int k = (p - 1) / 2;
        int m = k * perFreq;
        float[] in = new float[m * p];
        float[] out = new float[p * m];
        for (int f = 1; f <= k; f++) {
            for (int i = 0; i < perFreq; i++) {
                int n = (f - 1) * perFreq + i;
                double phi = 2 * Math.PI * i / perFreq;
                for (int j = 0; j < p; j++) {
                    in[n * p + j] = (float) Math.cos(2 * Math.PI * f * j / p + phi);
                    out[j * m + n] = (float) Math.cos(2 * Math.PI * f * j / p + 2 * phi);
                }
            }
        }
        TwoLayerNet net = new TwoLayerNet(
                new Checkpoint(0, true, new WeightTensor("W_in", m, p, in), new WeightTensor("W_out", p, m, out)),
                Activation.Quad);
        int[] all = new int[p * p];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        assertEquals(1.0, net.accuracy(all));
        double[][] grid = TwoLayerNet.accuracyGrid(net.allLogits(), p);
        for (double[] row : grid) {
            for (double v : row) {
                assertEquals(1.0, v);
            }
        }
        double[][] soft = TwoLayerNet.softmaxAtTruth(net.allLogits(), p);
        assertEquals(true, soft[3][4] > 1.0 / p);
    }
}
