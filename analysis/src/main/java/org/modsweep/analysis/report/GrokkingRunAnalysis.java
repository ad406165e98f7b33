package org.modsweep.analysis.report;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
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
 * Everything the grokking tab needs (science.md §5.8), in one streaming pass: per checkpoint Avg. IPR, mean
 * |sin D|, train/test accuracy on the stored split; full-grid logits only at the few checkpoints the figures show.
 */
final class GrokkingRunAnalysis {

    static final int PHASE_CHECKPOINTS = 100;

    final StoredRun run;
    final int[] epochs;
    final Stages stages;
    final double[] ipr;
    final int[][] census;
    final double[] meanAbsSinD;
    final double[] trainAcc;
    final double[] testAcc;
    /** Whether the accuracies came from the split (true) or the sub-sampled curves (false). */
    boolean accuracyFromSplit;
    final TrainingSplit split;
    final int memorisationEpoch;
    final int[] commonToRareEpochs;
    final int[] keyEpochs;
    final int[] sliderEpochs;
    final Map<Integer, double[][]> accuracyGrids = new HashMap<>();
    double[][] memorisationSoftmax;
    final Map<Integer, DecodedWeights> keyDecoded = new HashMap<>();

    private GrokkingRunAnalysis(StoredRun run, TrainingSplit split) {
        this.run = run;
        this.split = split;
        this.epochs = run.checkpointEpochs();
        Curves c = run.curves();
        this.stages = StageDetector.stages(c.trainAcc(), c.testAcc(), c.trainLoss(), c.testLoss(), epochs.length);
        int n = epochs.length;
        this.ipr = new double[n];
        this.census = new int[n][];
        this.meanAbsSinD = new double[Math.min(n, PHASE_CHECKPOINTS)];
        this.trainAcc = new double[n];
        this.testAcc = new double[n];
        this.memorisationEpoch = CheckpointPicks.closest(epochs, stages.stage1End());
        this.commonToRareEpochs = CheckpointPicks.commonToRare(epochs, stages.stage1End());
        this.keyEpochs = CheckpointPicks.keyEpochs(epochs, stages.stage1End(), stages.stage2End());
        int[] idx = CheckpointPicks.sliderIndices(n);
        this.sliderEpochs = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            sliderEpochs[i] = epochs[idx[i]];
        }
    }

    static GrokkingRunAnalysis of(StoredRun run) throws IOException {
        if (run.checkpointCount() == 0) {
            throw new IOException("run " + run.cell().id() + " has no numbered checkpoints");
        }
        TrainingSplit split = run.split();
        GrokkingRunAnalysis a = new GrokkingRunAnalysis(run, split);
        a.accuracyFromSplit = split != null;
        Set<Integer> gridEpochs = new HashSet<>();
        for (int e : a.commonToRareEpochs) {
            gridEpochs.add(e);
        }
        for (int e : a.sliderEpochs) {
            gridEpochs.add(e);
        }
        gridEpochs.add(a.memorisationEpoch);
        Set<Integer> keys = new HashSet<>();
        for (int e : a.keyEpochs) {
            keys.add(e);
        }
        int[] i = {0};
        run.forEachCheckpoint(e -> true, false, c -> a.accept(i[0]++, c, gridEpochs, keys));
        if (!a.accuracyFromSplit) {
            // the study's fallback: per-epoch accuracy curves sub-sampled every 200 epochs
            Curves cv = run.curves();
            int step = a.epochs.length > 1 ? a.epochs[1] - a.epochs[0] : 200;
            double[] tr = Curves.sample(cv.trainAcc(), step, a.epochs.length);
            double[] te = Curves.sample(cv.testAcc(), step, a.epochs.length);
            System.arraycopy(tr, 0, a.trainAcc, 0, tr.length);
            System.arraycopy(te, 0, a.testAcc, 0, te.length);
        }
        return a;
    }

    private void accept(int i, Checkpoint c, Set<Integer> gridEpochs, Set<Integer> keys) {
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
