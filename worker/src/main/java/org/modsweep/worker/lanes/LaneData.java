package org.modsweep.worker.lanes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsweep.worker.train.DataSplit;

/**
 * The p² pairs for K lanes, each lane with its own train/test split: the per-lane constants of the loss and its
 * gradient as [K, …] tensors (the solo run's {@code PairData}, stacked), and the splits on the host for the accuracy.
 * Lanes may differ in frac_train: the losses are means over each lane's own pairs, taken per group of lanes with the
 * same split sizes (one gather and one mean per group and split, so each lane's mean reduces exactly as its solo
 * run's does).
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
    final NDArray columnWeight; // float32 [K, 1, N]: 1/n_train on training pairs, 0 elsewhere
    final NDArray targetT; // float32 [K, p, N]: onehot(label)·(1/n_train) on training pairs
    private final List<SizeGroup> groups = new ArrayList<>();
    private final int[] lossRow; // per lane: its row in negLosses
    private final NDManager manager;

    /** Lanes with one split size: their pairs in [K·N] (canonical order with full data, else split order). */
    private record SizeGroup(NDArray trainIndex, NDArray testIndex) {}

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
        float[] column = new float[lanes * pairs];
        float[] target = new float[lanes * p * pairs];
        Map<String, List<Integer>> bySize = new LinkedHashMap<>();
        for (int k = 0; k < lanes; k++) {
            DataSplit s = splits.get(k);
            train[k] = s.train().clone();
            test[k] = s.test().clone();
            sameSet[k] = s.sameSet();
            float invTrain = 1.0f / train[k].length;
            for (int n = 0; n < pairs; n++) {
                index[k * pairs + n] = labels[n];
            }
            for (int n : train[k]) {
                column[k * pairs + n] = invTrain;
                target[(k * p + labels[n]) * pairs + n] = invTrain;
            }
            bySize.computeIfAbsent(train[k].length + "/" + test[k].length + "/" + sameSet[k], x -> new ArrayList<>())
                    .add(k);
        }
        lossRow = new int[lanes];
        int row = 0;
        for (List<Integer> members : bySize.values()) {
            for (int k : members) {
                lossRow[k] = row++;
            }
            groups.add(group(members));
        }
        labelIndex = manager.create(index, new Shape(lanes, 1, pairs));
        columnWeight = manager.create(column, new Shape(lanes, 1, pairs));
        targetT = manager.create(target, new Shape(lanes, p, pairs));
    }

    private SizeGroup group(List<Integer> members) {
        int g = members.size();
        int nTrain = train[members.get(0)].length;
        int nTest = test[members.get(0)].length;
        boolean full = sameSet[members.get(0)];
        long[] trainAt = new long[g * nTrain];
        long[] testAt = new long[g * nTest];
        for (int i = 0; i < g; i++) {
            int k = members.get(i);
            // the solo run's loss order: every pair in canonical order with full data, else each split's order
            for (int j = 0; j < nTrain; j++) {
                trainAt[i * nTrain + j] = (long) k * pairs + (full ? j : train[k][j]);
            }
            for (int j = 0; j < nTest; j++) {
                testAt[i * nTest + j] = (long) k * pairs + test[k][j];
            }
        }
        return new SizeGroup(
                manager.create(trainAt, new Shape(g, nTrain)),
                full ? null : manager.create(testAt, new Shape(g, nTest)));
    }

    /**
     * Each lane's negated train and test loss, [K, 2] with lane k in row {@link #lossRow(int)}: the mean label
     * log-probability of each split ({@code labelLogProbs}: [K·N], every lane's pairs in canonical order).
     */
    NDArray negLosses(NDArray labelLogProbs) {
        int[] row = {1};
        NDList parts = new NDList();
        for (SizeGroup g : groups) {
            NDArray trainLoss = labelLogProbs.take(g.trainIndex()).mean(row);
            NDArray testLoss = g.testIndex() == null
                    ? trainLoss
                    : labelLogProbs.take(g.testIndex()).mean(row);
            parts.add(NDArrays.stack(new NDList(trainLoss, testLoss), 1));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }

    /** Lane k's row in {@link #negLosses}. */
    int lossRow(int lane) {
        return lossRow[lane];
    }

    @Override
    public void close() {
        manager.close();
    }
}
