package org.modsweep.analysis.grids;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.testing.PlantedRuns;

/**
 * A planted grid at p = 7 on {@code standard}: seed 1..3 × weight_decay {0.5, 1} × frac_train {0.5, 0.7}, runs of 2000
 * epochs committed through core's writers and commit (no training) with chosen t_train / t_test, and planted weights
 * whose progress measures are known exactly. The run {@link #MISSING} is in the manifest but never committed.
 */
public final class PlantedGrid {

    public static final int P = 7;
    public static final int EPOCHS = 2000;
    public static final String ID = "planted-wd-ft";

    /** seed 3 at weight_decay 1, frac_train 0.7: in the manifest, not committed. */
    public static final Cell MISSING = run(3, 1.0, 0.7);

    private PlantedGrid() {}

    public static Cell run(long seed, double wd, double ft) {
        Map<ConfigKey, Object> m = new EnumMap<>(ConfigKey.class);
        m.put(ConfigKey.SEED, seed);
        m.put(ConfigKey.WEIGHT_DECAY, wd);
        m.put(ConfigKey.FRAC_TRAIN, ft);
        return Cell.of(P, "standard", Overrides.of(m));
    }

    /**
     * The planted outcomes, {seed, wd, ft, t_train, t_test} with −1 for never: (0.5, 0.5) grokking (t_test 1300, 1400,
     * 1500); (0.5, 0.7) comprehension; (1, 0.5) memorization twice and grokking once (seed 3); (1, 0.7) comprehension
     * (seed 2) and confusion (seed 1), seed 3 missing.
     */
    static final double[][] OUTCOMES = {
        {1, 0.5, 0.5, 100, 1300}, {2, 0.5, 0.5, 100, 1400}, {3, 0.5, 0.5, 100, 1500},
        {1, 0.5, 0.7, 100, 300}, {2, 0.5, 0.7, 120, 320}, {3, 0.5, 0.7, 140, 340},
        {1, 1.0, 0.5, 200, -1}, {2, 1.0, 0.5, 200, -1}, {3, 1.0, 0.5, 200, 1600},
        {1, 1.0, 0.7, -1, -1}, {2, 1.0, 0.7, 50, 60}
    };

    /** Commits the planted runs and writes the manifest; returns it. */
    public static GridManifest commit(ResultsStore store) throws IOException {
        List<Cell> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            for (double wd : new double[] {0.5, 1.0}) {
                for (double ft : new double[] {0.5, 0.7}) {
                    runs.add(run(seed, wd, ft));
                }
            }
        }
        for (double[] o : OUTCOMES) {
            commit(store, run((long) o[0], o[1], o[2]), EPOCHS, (int) o[3], (int) o[4]);
        }
        Map<ConfigKey, List<Object>> axes = new LinkedHashMap<>();
        axes.put(ConfigKey.SEED, List.of(1L, 2L, 3L));
        axes.put(ConfigKey.WEIGHT_DECAY, List.of(0.5, 1.0));
        axes.put(ConfigKey.FRAC_TRAIN, List.of(0.5, 0.7));
        GridManifest grid = new GridManifest(ID, axes, Overrides.NONE, null, runs);
        grid.write(store);
        return grid;
    }

    /**
     * The planted network at full strength: neuron 0 has input 2·cos(ω₁ j) and output cos(ω₁ c), neuron 1 input
     * cos(ω₂ j) and no output; every other neuron is zero. W_in's per-frequency norms are (2u, u, 0) with u = √(p/2),
     * W_out's (u, 0, 0); Σ W² = 4·p/2 + p/2 + p/2 = 21 at p = 7.
     */
    public static Checkpoint weights(int epoch, boolean isFinal, double scale, int m) {
        float[] in = new float[m * P];
        float[] out = new float[P * m];
        for (int j = 0; j < P; j++) {
            in[j] = (float) (scale * 2 * Math.cos(2 * Math.PI * j / P));
            in[P + j] = (float) (scale * Math.cos(2 * Math.PI * 2 * j / P));
            out[j * m] = (float) (scale * Math.cos(2 * Math.PI * j / P));
        }
        return new Checkpoint(
                epoch,
                isFinal,
                new WeightTensor(WeightTensor.W_IN, m, P, in),
                new WeightTensor(WeightTensor.W_OUT, P, m, out));
    }

    /** The training pairs of a planted run: the first ⌊f·p²⌋ of the pairs 0, 3, 6, … (mod p², a permutation). */
    public static int[] train(Cell cell) {
        int n = P * P;
        int nTrain = (int) Math.floor(cell.config().fracTrain() * n);
        int[] t = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
            t[i] = (3 * i) % n;
        }
        return t;
    }

    /**
     * Commits one run: train accuracy 0.2 then 1.0 from {@code tTrain}, test accuracy 0.1 then 0.96 from {@code tTest}
     * (−1: never); checkpoints at 0 (half-strength weights) and 1000, final weights at the last epoch.
     */
    static void commit(ResultsStore store, Cell cell, int epochs, int tTrain, int tTest) throws IOException {
        ResultsStore s = store;
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            boolean tr = tTrain >= 0 && e >= tTrain;
            boolean te = tTest >= 0 && e >= tTest;
            rows.add(new EpochMetrics(
                    e, tr ? 0.01 : 2.0 - e * 1e-4, te ? 0.05 : 2.5, tr ? 1.0 : 0.2, te ? 0.96 : 0.1, 1, 1, 1e-3));
        }
        int m = cell.dMlp();
        Path attempt = PlantedRuns.attempt(
                s,
                cell,
                RunColumns.of(cell),
                rows,
                List.of(weights(0, false, 0.5, m), weights(1000, false, 1, m), weights(epochs - 1, true, 1, m)));
        int[] train = train(cell);
        StringBuilder split = new StringBuilder("{\"train\": [");
        for (int i = 0; i < train.length; i++) {
            split.append(i > 0 ? ", " : "").append(train[i]);
        }
        split.append("], \"test\": [");
        java.util.Set<Integer> inTrain = new java.util.HashSet<>();
        for (int t : train) {
            inTrain.add(t);
        }
        String sep = "";
        for (int i = 0; i < P * P; i++) {
            if (!inTrain.contains(i)) {
                split.append(sep).append(i);
                sep = ", ";
            }
        }
        split.append("]}");
        s.writeString(new Path(attempt, "split.json"), split.toString());
        EpochMetrics last = rows.get(rows.size() - 1);
        Map<String, Double> fin = new LinkedHashMap<>();
        fin.put("train_loss", last.trainLoss());
        fin.put("test_loss", last.testLoss());
        fin.put("train_acc", last.trainAcc());
        fin.put("test_acc", last.testAcc());
        s.commit(
                cell,
                attempt,
                PlantedRuns.recordOf(cell, epochs, "planted-" + cell.id())
                        .dMlp(m)
                        .checkpoints(3)
                        .timing(0, 0)
                        .device("planted")
                        .times("", "")
                        .finalMetrics(fin)
                        .pairs(train.length, P * P - train.length)
                        .build());
    }
}
