package org.modsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One data split on the engine's device: the pairs (a, b) by index n = a·p + b in split order, their labels
 * (a+b) mod p, and the constant tensors the forward and the analytic backward pass need.
 */
public final class PairSplit implements AutoCloseable {

    private final int size;
    final NDArray first;        // a, int64 [N]
    final NDArray second;       // b, int64 [N]
    final NDArray labels;       // int64 [N]
    final NDArray labelColumn;  // int64 [N, 1], for gather
    final NDArray embedding;    // float32 [N, p]: row n = onehot(a) + onehot(b), for dW_in = dHᵀ·E
    final NDArray targetOverN;  // float32 [N, p]: onehot(label) · (1/N), the constant part of dLoss/dlogits
    final float inverseN;       // 1/N in float32, as torch's mean backward computes it
    private final NDManager manager;

    public PairSplit(NDManager parent, int p, int[] pairIndices) {
        this.size = pairIndices.length;
        this.manager = parent.newSubManager();
        int n = pairIndices.length;
        long[] a = new long[n];
        long[] b = new long[n];
        long[] y = new long[n];
        float[] embedding = new float[p * n];
        float[] target = new float[n * p];
        inverseN = 1.0f / n;
        for (int i = 0; i < n; i++) {
            int pair = pairIndices[i];
            a[i] = pair / p;
            b[i] = pair % p;
            y[i] = (a[i] + b[i]) % p;
            embedding[i * p + (int) a[i]] += 1;
            embedding[i * p + (int) b[i]] += 1;
            target[i * p + (int) y[i]] = inverseN;
        }
        first = manager.create(a);
        second = manager.create(b);
        labels = manager.create(y);
        labelColumn = labels.reshape(n, 1);
        this.embedding = manager.create(embedding, new Shape(n, p));
        targetOverN = manager.create(target, new Shape(n, p));
    }

    public int size() {
        return size;
    }

    @Override
    public void close() {
        manager.close();
    }
}
