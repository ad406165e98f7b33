package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.FrequencyScales;
import org.modsweep.analysis.neurons.NeuronSelection;
import org.modsweep.core.parquet.WeightTensor;

class NeuronSelectionTest {

    /** Neurons with given frequencies and magnitudes as pure cosines (W_out = W_in transposed). */
    static DecodedWeights planted(int p, int[] freq, double[] amp) {
        int m = freq.length;
        float[] in = new float[m * p];
        float[] out = new float[p * m];
        for (int n = 0; n < m; n++) {
            for (int j = 0; j < p; j++) {
                double v = freq[n] == 0 ? amp[n] : amp[n] * Math.cos(2 * Math.PI * freq[n] * j / p + 0.3 * n);
                in[n * p + j] = (float) v;
                out[j * m + n] = (float) v;
            }
        }
        return DecodedWeights.of(new WeightTensor("W_in", m, p, in), new WeightTensor("W_out", p, m, out));
    }

    @Test
    void roundRobinTakesTheBestOfEachFrequencyInTurn() {
        int p = 7; // K = 3
        int[] freq = {2, 1, 1, 3, 2, 1, 0, 3};
        double[] amp = {0.5, 0.2, 0.9, 0.4, 0.8, 0.6, 5.0, 0.1};
        DecodedWeights d = planted(p, freq, amp);
        assertArrayEquals(freq, d.dominantFrequencies());
        // f=1 by magnitude: 2 (0.9), 5 (0.6), 1 (0.2); f=2: 4 (0.8), 0 (0.5); f=3: 3 (0.4), 7 (0.1); DC neuron 6
        // skipped
        int[] sel = NeuronSelection.roundRobin(d, freq, 20);
        assertArrayEquals(new int[] {2, 4, 3, 5, 0, 7, 1}, sel);
        assertArrayEquals(new int[] {2, 4, 3}, NeuronSelection.roundRobin(d, freq, 3));
        assertArrayEquals(new int[] {2, 5, 1, 4, 0, 3, 7}, NeuronSelection.sortByFrequency(sel, freq));
    }

    @Test
    void lineplotRowsAndModeFrequency() {
        assertArrayEquals(new int[] {0, 6, 12}, NeuronSelection.lineplotRows(20));
        assertArrayEquals(new int[] {0, 1}, NeuronSelection.lineplotRows(2));
        assertEquals(2, NeuronSelection.modeFrequency(new int[] {0, 2, 3, 3, 2, 0, 0}));
        assertEquals(1, NeuronSelection.modeFrequency(new int[] {0, 0}));
    }

    @Test
    void lotteryNeuronHasTheMostDominantFrequency() {
        int p = 11;
        int m = 3;
        float[] in = new float[m * p];
        float[] out = new float[p * m];
        double[][] amps = {{0.5, 0.4}, {0.9, 0.05}, {0.3, 0.2}}; // neuron 1: ratio 18, the lottery winner
        for (int n = 0; n < m; n++) {
            for (int j = 0; j < p; j++) {
                double v =
                        amps[n][0] * Math.cos(2 * Math.PI * 2 * j / p) + amps[n][1] * Math.cos(2 * Math.PI * 4 * j / p);
                in[n * p + j] = (float) v;
                out[j * m + n] = (float) v;
            }
        }
        FrequencyScales s = FrequencyScales.of(
                DecodedWeights.of(new WeightTensor("W_in", m, p, in), new WeightTensor("W_out", p, m, out)));
        assertEquals(1, NeuronSelection.lotteryNeuron(s));
    }
}
