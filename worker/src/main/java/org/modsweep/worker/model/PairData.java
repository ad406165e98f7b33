package org.modsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modsweep.worker.train.DataSplit;

/**
 * The p² pairs on the engine's device in canonical order (n = a·p + b), with the train/test split as index lists and
 * the constants of the loss gradient. The model evaluates every pair once per epoch: with full data train = test =
 * all pairs; otherwise each split's loss and accuracy are taken from the one forward pass over all pairs (the
 * reference's forward passes on train and test compute exactly these rows), and the gradient weights only the
 * training rows.
 */
public final class PairData implements AutoCloseable {

    final int p;
    final int pairs;
    final boolean sameSet;
    final int nTrain;
    final int nTest;
    final NDArray labels; // int64 [N]
    final NDArray labelRow; // int64 [1, N], for gather down the logit columns
    final NDArray trainIndex; // int64 [n_train] pair indices in split order (null with full data)
    final NDArray testIndex; // int64 [n_test] (null with full data)
    final NDArray columnWeight; // float32 [1, N]: 1/n_train for training pairs, 0 elsewhere (null with full data)
    final NDArray inverseN; // float32 scalar 1/n_train, as torch's mean backward computes it
    final NDArray targetT; // float32 [p, N]: onehot(label)·(1/n_train) for training pairs, 0 elsewhere
    final int[] labelValues; // the labels on the host, for the accuracy
    final int[] trainPairs; // pair indices of each split on the host
    final int[] testPairs;
    private final NDManager manager;

    public PairData(NDManager parent, int p, DataSplit split) {
        this.manager = parent.newSubManager();
        this.p = p;
        this.pairs = p * p;
        this.sameSet = split.sameSet();
        this.nTrain = split.train().length;
        this.nTest = split.test().length;
        long[] y = new long[pairs];
        labelValues = new int[pairs];
        for (int n = 0; n < pairs; n++) {
            labelValues[n] = (n / p + n % p) % p;
            y[n] = labelValues[n];
        }
        trainPairs = split.train().clone();
        testPairs = split.test().clone();
        float inv = 1.0f / nTrain;
        float[] targetValues = new float[pairs * p];
        float[] weight = new float[pairs];
        for (int n : split.train()) {
            weight[n] = inv;
            targetValues[(int) y[n] * pairs + n] = inv;
        }
        labels = manager.create(y);
        labelRow = labels.reshape(1, pairs);
        inverseN = manager.create(inv);
        targetT = manager.create(targetValues, new Shape(p, pairs));
        if (sameSet) {
            trainIndex = null;
            testIndex = null;
            columnWeight = null;
        } else {
            trainIndex = manager.create(toLong(split.train()));
            testIndex = manager.create(toLong(split.test()));
            columnWeight = manager.create(weight, new Shape(1, pairs));
        }
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    public int trainSize() {
        return nTrain;
    }

    public int testSize() {
        return nTest;
    }

    public boolean sameSet() {
        return sameSet;
    }

    @Override
    public void close() {
        manager.close();
    }
}
