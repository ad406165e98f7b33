package org.modsweep.analysis.synthetic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigJson;
import org.modsweep.core.config.InitType;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;

/**
 * Commits planted runs of the study's five configurations into a store, through core's own writers and commit
 * protocol, without training: the weights move from random noise to the study's final structure (every neuron one
 * frequency, output phase ψ = 2φ), the curves follow the study's shapes, and the grokking curves cross the stage
 * thresholds at chosen epochs. Used by the analysis tests and by {@code modsweep bench analysis --synthetic} to get a
 * study-sized store when no trained one is at hand. Not a model of training dynamics.
 */
public final class PlantedStudy {

    /** Where the planted grokking curves cross 0.95: train accuracy, then test accuracy (as fractions of E). */
    public static final double STAGE1_FRACTION = 0.1;

    public static final double STAGE2_FRACTION = 0.45;

    private final ResultsStore store;
    private final long seed;

    public PlantedStudy(ResultsStore store, long seed) {
        this.store = store;
        this.seed = seed;
    }

    /**
     * Commits every configuration of p. {@code epochs} maps config key to epochs executed (absent: the study's
     * count, 24001 for grokking as in the reference's p = 23 run).
     */
    public List<Cell> commitAll(Modulus p, Map<String, Integer> epochs) throws IOException {
        List<Cell> out = new ArrayList<>();
        for (RunConfig c : StudyConfigs.forModulus(p)) {
            int e = epochs.getOrDefault(c.key(), c.key().equals("grokking") ? 24001 : c.numEpochs());
            out.add(commit(new Cell(p, c), e));
        }
        return out;
    }

    /** The study-sized set of runs for p (what a full training of p would store). */
    public List<Cell> commitStudySized(Modulus p) throws IOException {
        return commitAll(p, Map.of());
    }

    /** Commits one planted run with {@code epochsRun} epochs; checkpoints every 200 epochs plus final. */
    public Cell commit(Cell cell, int epochsRun) throws IOException {
        int p = cell.p();
        int m = cell.modulus().dMlp();
        RunConfig cfg = cell.config();
        Path attempt = store.newAttempt(cell);
        Random rnd = new Random(seed * 31 + cell.id().hashCode());
        List<EpochMetrics> rows = curves(cfg, epochsRun, rnd);
        MetricsParquet.write(store.conf(), new Path(attempt, ResultsStore.ATTEMPT_METRICS), RunColumns.of(cell), rows);

        Planted planted = new Planted(p, m, cfg, rnd);
        int checkpoints = 0;
        try (WeightsParquet.Writer w = new WeightsParquet.Writer(
                store.conf(), new Path(attempt, ResultsStore.ATTEMPT_WEIGHTS), RunColumns.of(cell))) {
            for (int e = 0; e < epochsRun; e += cfg.saveEvery()) {
                w.append(planted.at(e, false, epochsRun));
                checkpoints++;
            }
            w.append(planted.at(epochsRun - 1, true, epochsRun));
        }
        int nTrain = cfg.fullData() ? p * p : (int) Math.floor(cfg.fracTrain() * p * p);
        int nTest = cfg.fullData() ? p * p : p * p - nTrain;
        store.writeString(new Path(attempt, "split.json"), splitJson(p, cfg, rnd));
        EpochMetrics last = rows.get(rows.size() - 1);
        Map<String, Double> fin = new LinkedHashMap<>();
        fin.put("train_loss", last.trainLoss());
        fin.put("test_loss", last.testLoss());
        fin.put("train_acc", last.trainAcc());
        fin.put("test_acc", last.testAcc());
        fin.put("grad_norm", last.gradNorm());
        fin.put("param_norm", last.paramNorm());
        Map<String, Object> conf = ConfigJson.toMap(cfg);
        RunRecord rec = new RunRecord(
                cell.id(),
                p,
                conf,
                m,
                null,
                epochsRun,
                epochsRun < cfg.numEpochs(),
                checkpoints,
                0.0,
                0.0,
                "planted",
                1,
                Map.of("modsweep", "planted"),
                null,
                "1970-01-01T00:00:00Z",
                "1970-01-01T00:00:00Z",
                "planted-" + cell.id(),
                fin,
                nTrain,
                nTest,
                null);
        store.commit(cell, attempt, rec);
        return cell;
    }

    private static String splitJson(int p, RunConfig cfg, Random rnd) {
        int n = p * p;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int nTrain = cfg.fullData() ? n : (int) Math.floor(cfg.fracTrain() * n);
        StringBuilder sb = new StringBuilder("{\"train\": [");
        for (int i = 0; i < nTrain; i++) {
            sb.append(i > 0 ? ", " : "").append(perm[i]);
        }
        sb.append("], \"test\": [");
        int from = cfg.fullData() ? 0 : nTrain;
        for (int i = from; i < n; i++) {
            sb.append(i > from ? ", " : "").append(perm[i]);
        }
        return sb.append("]}").toString();
    }

    /** The study's curve shapes: loss decays from ln p, accuracy rises; grokking's test accuracy rises late. */
    static List<EpochMetrics> curves(RunConfig cfg, int epochs, Random rnd) {
        List<EpochMetrics> rows = new ArrayList<>(epochs);
        boolean grok = !cfg.fullData();
        double s1 = STAGE1_FRACTION * epochs;
        double s2 = STAGE2_FRACTION * epochs;
        for (int e = 0; e < epochs; e++) {
            double t = e / (double) Math.max(1, epochs - 1);
            double trainLoss = 3.1355 * Math.exp(-5 * t) + 1e-3 * rnd.nextDouble();
            double trainAcc = grok ? Math.min(1, 0.95 * e / Math.max(1, s1)) : Math.min(1, 0.05 + 1.2 * t);
            double testAcc =
                    grok ? (e < s1 ? 0.03 : Math.min(0.97, 0.7 + 0.25 * (e - s1) / Math.max(1, s2 - s1))) : trainAcc;
            double testLoss = grok ? 3.1355 * Math.exp(-2 * t) + 0.1 : trainLoss;
            double lr = cfg.lr() * Math.min(e / 10.0, 1);
            rows.add(new EpochMetrics(
                    e,
                    (float) trainLoss,
                    (float) testLoss,
                    trainAcc,
                    testAcc,
                    0.02 + 0.1 * t * (1 - t),
                    3.2 + 30 * t,
                    lr));
        }
        return rows;
    }

    /** Planted weights: noise at epoch 0 blending into one-frequency neurons with ψ = 2φ. */
    private static final class Planted {
        private final int p;
        private final int m;
        private final float[] noiseIn;
        private final float[] noiseOut;
        private final int[] freq;
        private final double[] phi;
        private final double[] psi0;
        private final double[] amp;
        private final boolean singleFreq;
        private final double scale;

        Planted(int p, int m, RunConfig cfg, Random rnd) {
            this.p = p;
            this.m = m;
            int k = (p - 1) / 2;
            this.singleFreq = cfg.initType() == InitType.SINGLE_FREQ;
            this.scale = cfg.initScale();
            noiseIn = new float[m * p];
            noiseOut = new float[p * m];
            for (int i = 0; i < noiseIn.length; i++) {
                noiseIn[i] = (float) (scale * rnd.nextGaussian() / Math.sqrt(p));
                noiseOut[i] = (float) (scale * rnd.nextGaussian() / Math.sqrt(p));
            }
            freq = new int[m];
            phi = new double[m];
            psi0 = new double[m];
            amp = new double[m];
            for (int n = 0; n < m; n++) {
                freq[n] = 1 + rnd.nextInt(k);
                phi[n] = (rnd.nextDouble() * 2 - 1) * Math.PI;
                psi0[n] = (rnd.nextDouble() * 2 - 1) * Math.PI;
                amp[n] = 0.5 + 0.5 * rnd.nextDouble();
            }
        }

        Checkpoint at(int epoch, boolean isFinal, int epochs) {
            double t = epoch / (double) Math.max(1, epochs - 1);
            double s = t * t * (3 - 2 * t); // smooth 0 → 1
            float[] in = new float[m * p];
            float[] out = new float[p * m];
            for (int n = 0; n < m; n++) {
                double w = 2 * Math.PI * freq[n] / p;
                // phases align first (ψ → 2φ), magnitudes grow later, as in the study's single-frequency runs
                double align = Math.min(1, 3 * t);
                double psi = psi0[n] + align * wrap(2 * phi[n] - psi0[n]);
                double a = singleFreq ? scale * (1 + 40 * s * amp[n]) : amp[n] * s;
                double noise = singleFreq ? 0.02 : (1 - s);
                for (int j = 0; j < p; j++) {
                    in[n * p + j] = (float) (noise * noiseIn[n * p + j] + a * Math.cos(w * j + phi[n]));
                    out[j * m + n] = (float) (noise * noiseOut[j * m + n] + a * Math.cos(w * j + psi));
                }
            }
            return new Checkpoint(
                    epoch,
                    isFinal,
                    new WeightTensor(WeightTensor.W_IN, m, p, in),
                    new WeightTensor(WeightTensor.W_OUT, p, m, out));
        }

        private static double wrap(double v) {
            return v - 2 * Math.PI * Math.floor((v + Math.PI) / (2 * Math.PI));
        }
    }
}
