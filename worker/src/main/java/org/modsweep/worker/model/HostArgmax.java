package org.modsweep.worker.model;

import ai.djl.ndarray.NDArray;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Correct counts of both splits from the transposed logits [p, N], read on the host: torch's argmax down a
 * 23-row column is a slow strided reduction (about as long as the embedding's whole forward pass at p = 23), while
 * the host scans the p·N floats, which it reads in place on the CPU, in microseconds. Same answer as torch: the first
 * maximal index wins ties and NaN counts as the maximum.
 */
final class HostArgmax {

    private float[] logits = new float[0];
    private final int[] best;
    private final float[] bestValue;

    HostArgmax(int pairs) {
        best = new int[pairs];
        bestValue = new float[pairs];
    }

    /** {train correct, test correct} for the logits [p, N] of every pair in canonical order. */
    int[] correct(NDArray logitsT, PairData data) {
        int p = data.p;
        int n = data.pairs;
        if (logits.length != p * n) {
            logits = new float[p * n];
        }
        FloatBuffer in = logitsT.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        in.get(0, logits);
        System.arraycopy(logits, 0, bestValue, 0, n);
        java.util.Arrays.fill(best, 0);
        for (int c = 1; c < p; c++) {
            int row = c * n;
            for (int j = 0; j < n; j++) {
                float v = logits[row + j];
                float b = bestValue[j];
                if (v > b || (v != v && b == b)) {
                    bestValue[j] = v;
                    best[j] = c;
                }
            }
        }
        if (data.sameSet) {
            int hits = count(data.trainPairs, data.labelValues);
            return new int[] {hits, hits};
        }
        return new int[] {count(data.trainPairs, data.labelValues), count(data.testPairs, data.labelValues)};
    }

    private int count(int[] pairs, int[] labels) {
        int hits = 0;
        for (int n : pairs) {
            if (best[n] == labels[n]) {
                hits++;
            }
        }
        return hits;
    }
}
