package org.modsweep.worker.model;

import ai.djl.ndarray.NDArray;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Correct counts of both splits from the transposed logits [p, N] (or [K, p, N] for K lanes), read on the host:
 * torch's argmax down a 23-row column is a slow strided reduction (about as long as the embedding's whole forward
 * pass at p = 23), while the host scans the p·N floats, which it reads in place on the CPU, in microseconds. Same
 * answer as torch: the first maximal index wins ties and NaN counts as the maximum.
 */
public final class HostArgmax {

    private float[] logits = new float[0];
    private final int[] best;
    private final float[] bestValue;

    public HostArgmax(int pairs) {
        best = new int[pairs];
        bestValue = new float[pairs];
    }

    /** {train correct, test correct} for the logits [p, N] of every pair in canonical order. */
    int[] correct(NDArray logitsT, PairData data) {
        return correct(read(logitsT), 0, data.p, data.labelValues, data.trainPairs, data.testPairs, data.sameSet);
    }

    /** Copies the logits to the host (a buffer reused between calls). */
    public float[] read(NDArray logitsT) {
        int size = Math.toIntExact(logitsT.size());
        if (logits.length != size) {
            logits = new float[size];
        }
        if (!ai.djl.Device.cpu().equals(logitsT.getDevice())) {
            return logitsT.toFloatArray(); // a GPU's logits: one copy to the host
        }
        logitsT.toByteBuffer(true)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer()
                .get(0, logits);
        return logits;
    }

    /**
     * {train correct, test correct} for the logits [p, N] that start at {@code offset} in {@code all}: labels per
     * pair, and each split's pair indices.
     */
    public int[] correct(float[] all, int offset, int p, int[] labels, int[] train, int[] test, boolean sameSet) {
        int n = best.length;
        System.arraycopy(all, offset, bestValue, 0, n);
        Arrays.fill(best, 0);
        for (int c = 1; c < p; c++) {
            int row = offset + c * n;
            for (int j = 0; j < n; j++) {
                float v = all[row + j];
                float b = bestValue[j];
                if (v > b || (v != v && b == b)) {
                    bestValue[j] = v;
                    best[j] = c;
                }
            }
        }
        int trainHits = count(train, labels);
        return new int[] {trainHits, sameSet ? trainHits : count(test, labels)};
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
