package org.modsweep.analysis.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.Ipr;
import org.modsweep.analysis.fourier.NeuronPhases;
import org.modsweep.analysis.grokking.CheckpointPicks;
import org.modsweep.analysis.grokking.StageDetector;
import org.modsweep.analysis.grokking.Stages;
import org.modsweep.analysis.grokking.TrainingSplit;
import org.modsweep.analysis.model.TwoLayerNet;
import org.modsweep.core.parquet.Checkpoint;

/**
 * Everything the grokking files need (science.md §5.8), in one streaming pass: per checkpoint Avg. IPR, mean
 * |sin D|, train/test accuracy on the stored split; full-grid logits only at the few checkpoints the figures show.
 *
 * @param meanAbsSinD         mean |sin D| over the first {@link #PHASE_CHECKPOINTS} checkpoints
 * @param trainAcc            accuracy per checkpoint: on the split, else the study's sub-sampled curves
 * @param split               the stored train/test split; null when the run has none
 * @param accuracyGrids       p × p correctness grids at the memorisation, common-to-rare and slider checkpoints
 * @param memorisationSoftmax softmax at the true answer at the memorisation checkpoint
 * @param keyDecoded          decoded weights at the key checkpoints
 */
record GrokkingRunAnalysis(
        StoredRun run,
        int[] epochs,
        Stages stages,
        double[] ipr,
        int[][] census,
        double[] meanAbsSinD,
        double[] trainAcc,
        double[] testAcc,
        TrainingSplit split,
        int memorisationEpoch,
        int[] commonToRareEpochs,
        int[] keyEpochs,
        int[] sliderEpochs,
        Map<Integer, double[][]> accuracyGrids,
        double[][] memorisationSoftmax,
        Map<Integer, DecodedWeights> keyDecoded) {

    static final int PHASE_CHECKPOINTS = 100;

    static GrokkingRunAnalysis of(StoredRun run) throws IOException {
        if (run.checkpointCount() == 0) {
            throw new IOException("run " + run.cell().id() + " has no numbered checkpoints");
        }
        TrainingSplit split = run.split();
        int[] epochs = run.checkpointEpochs();
        int n = epochs.length;
        Curves cv = run.curves();
        Stages stages = StageDetector.stages(cv.trainAcc(), cv.testAcc(), cv.trainLoss(), cv.testLoss(), n);
        int memorisationEpoch = CheckpointPicks.closest(epochs, stages.stage1End());
        int[] commonToRare = CheckpointPicks.commonToRare(epochs, stages.stage1End());
        int[] keyEpochs = CheckpointPicks.keyEpochs(epochs, stages.stage1End(), stages.stage2End());
        int[] sliderEpochs = java.util.Arrays.stream(CheckpointPicks.sliderIndices(n))
                .map(i -> epochs[i])
                .toArray();
        Set<Integer> gridEpochs = new HashSet<>();
        for (int e : commonToRare) {
            gridEpochs.add(e);
        }
        for (int e : sliderEpochs) {
            gridEpochs.add(e);
        }
        gridEpochs.add(memorisationEpoch);
        Set<Integer> keys = new HashSet<>();
        for (int e : keyEpochs) {
            keys.add(e);
        }
        Pass pass = new Pass(run, split, n, gridEpochs, keys, memorisationEpoch);
        int[] i = {0};
        run.forEachCheckpoint(e -> true, false, c -> pass.accept(i[0]++, c));
        if (split == null) {
            // the study's fallback: per-epoch accuracy curves sub-sampled every 200 epochs
            int step = n > 1 ? epochs[1] - epochs[0] : 200;
            double[] tr = Curves.sample(cv.trainAcc(), step, n);
            double[] te = Curves.sample(cv.testAcc(), step, n);
            System.arraycopy(tr, 0, pass.trainAcc, 0, tr.length);
            System.arraycopy(te, 0, pass.testAcc, 0, te.length);
        }
        return new GrokkingRunAnalysis(
                run,
                epochs,
                stages,
                pass.ipr,
                pass.census,
                pass.meanAbsSinD,
                pass.trainAcc,
                pass.testAcc,
                split,
                memorisationEpoch,
                commonToRare,
                keyEpochs,
                sliderEpochs,
                pass.accuracyGrids,
                pass.memorisationSoftmax,
                pass.keyDecoded);
    }

    /** The accuracy grids at the given checkpoints, in order. */
    List<double[][]> gridsAt(int[] atEpochs) {
        List<double[][]> out = new ArrayList<>();
        for (int e : atEpochs) {
            out.add(accuracyGrids.get(e));
        }
        return out;
    }

    /** The split, which the memorisation figures cannot do without. */
    TrainingSplit requireSplit() {
        if (split == null) {
            throw new IllegalStateException("run " + run.cell().id() + " has no split.json");
        }
        return split;
    }

    /** The per-checkpoint state of the one streaming pass over the weights. */
    private static final class Pass {
        private final StoredRun run;
        private final TrainingSplit split;
        private final Set<Integer> gridEpochs;
        private final Set<Integer> keys;
        private final int memorisationEpoch;
        final double[] ipr;
        final int[][] census;
        final double[] meanAbsSinD;
        final double[] trainAcc;
        final double[] testAcc;
        final Map<Integer, double[][]> accuracyGrids = new HashMap<>();
        final Map<Integer, DecodedWeights> keyDecoded = new HashMap<>();
        double[][] memorisationSoftmax;

        Pass(
                StoredRun run,
                TrainingSplit split,
                int n,
                Set<Integer> gridEpochs,
                Set<Integer> keys,
                int memorisationEpoch) {
            this.run = run;
            this.split = split;
            this.gridEpochs = gridEpochs;
            this.keys = keys;
            this.memorisationEpoch = memorisationEpoch;
            this.ipr = new double[n];
            this.census = new int[n][];
            this.meanAbsSinD = new double[Math.min(n, PHASE_CHECKPOINTS)];
            this.trainAcc = new double[n];
            this.testAcc = new double[n];
        }

        void accept(int i, Checkpoint c) {
            DecodedWeights d = DecodedWeights.of(c);
            ipr[i] = Ipr.average(d);
            census[i] = FrequencyCensus.count(d);
            if (i < meanAbsSinD.length) {
                meanAbsSinD[i] = NeuronPhases.of(d).meanAbsSinMisalignment();
            }
            TwoLayerNet net = new TwoLayerNet(c, run.config().act());
            if (split != null) {
                trainAcc[i] = net.accuracy(split.train());
                testAcc[i] = net.accuracy(split.test());
            }
            int p = c.wIn().cols();
            if (gridEpochs.contains(c.epoch())) {
                double[][] logits = net.allLogits();
                accuracyGrids.put(c.epoch(), TwoLayerNet.accuracyGrid(logits, p));
                if (c.epoch() == memorisationEpoch) {
                    memorisationSoftmax = TwoLayerNet.softmaxAtTruth(logits, p);
                }
            }
            if (keys.contains(c.epoch())) {
                keyDecoded.put(c.epoch(), d);
            }
        }
    }
}
