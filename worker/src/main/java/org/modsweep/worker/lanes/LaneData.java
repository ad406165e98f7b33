package org.modsweep.worker.lanes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.modsweep.worker.train.DataSplit;

/**
 * The p² pairs for K lanes, each lane with its own train/test split: the per-lane constants of the loss and its
 * gradient as [K, …] tensors (the solo run's {@code PairData}, stacked), and the splits on the host for the accuracy.
 */
final class LaneData implements AutoCloseable {

    final int lanes;
    final int p;
    final int pairs;
    final int[] labels; // per pair, on the host
    final int[][] train; // per lane: training pair indices
    final int[][] test;
    final boolean[] sameSet;
    final NDArray labelIndex; // int64 [K, 1, N], for gather down the logit columns
    final NDArray trainIndex; // int64 [K, n_train]: lane k's training pairs in [K·N] (canonical with full data)
    final NDArray testIndex; // int64 [K, n_test]; null when every lane trains on all pairs
    final NDArray columnWeight; // float32 [K, 1, N]: 1/n_train on training pairs, 0 elsewhere
    final NDArray targetT; // float32 [K, p, N]: onehot(label)·(1/n_train) on training pairs
    private final NDManager manager;

    LaneData(NDManager parent, int p, List<DataSplit> splits) {
        this.manager = parent.newSubManager();
        this.lanes = splits.size();
        this.p = p;
        this.pairs = p * p;
        labels = new int[pairs];
        for (int n = 0; n < pairs; n++) {
            labels[n] = (n / p + n % p) % p;
        }
        train = new int[lanes][];
        test = new int[lanes][];
        sameSet = new boolean[lanes];
        long[] index = new long[lanes * pairs];
        int nTrain = splits.get(0).train().length;
        int nTest = splits.get(0).test().length;
        long[] trainAt = new long[lanes * nTrain];
        long[] testAt = new long[lanes * nTest];
        boolean allSame = true;
        float[] column = new float[lanes * pairs];
        float[] target = new float[lanes * p * pairs];
        for (int k = 0; k < lanes; k++) {
            DataSplit s = splits.get(k);
            train[k] = s.train().clone();
            test[k] = s.test().clone();
            sameSet[k] = s.sameSet();
            allSame &= sameSet[k];
            if (train[k].length != nTrain || test[k].length != nTest) {
                throw new IllegalArgumentException("lanes of one batch must share the split sizes (frac_train)");
            }
            float invTrain = 1.0f / nTrain;
            for (int n = 0; n < pairs; n++) {
                index[k * pairs + n] = labels[n];
            }
            for (int n : train[k]) {
                column[k * pairs + n] = invTrain;
                target[(k * p + labels[n]) * pairs + n] = invTrain;
            }
            // the solo run's loss order: every pair in canonical order with full data, else each split's order
            for (int j = 0; j < nTrain; j++) {
                trainAt[k * nTrain + j] = (long) k * pairs + (sameSet[k] ? j : train[k][j]);
            }
            for (int j = 0; j < nTest; j++) {
                testAt[k * nTest + j] = (long) k * pairs + test[k][j];
            }
        }
        labelIndex = manager.create(index, new Shape(lanes, 1, pairs));
        trainIndex = manager.create(trainAt, new Shape(lanes, nTrain));
        testIndex = allSame ? null : manager.create(testAt, new Shape(lanes, nTest));
        columnWeight = manager.create(column, new Shape(lanes, 1, pairs));
        targetT = manager.create(target, new Shape(lanes, p, pairs));
    }

    @Override
    public void close() {
        manager.close();
    }
}
