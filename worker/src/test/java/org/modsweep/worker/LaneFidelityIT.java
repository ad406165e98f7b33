package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modsweep.core.Cell;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.worker.init.InitialWeights;
import org.modsweep.worker.init.Initializer;
import org.modsweep.worker.init.SeedLock;
import org.modsweep.worker.lanes.LaneLoop;
import org.modsweep.worker.train.DataSplit;
import org.modsweep.worker.train.TrainingLoop;

/**
 * Every lane of a batch equals its solo run within the crosscheck tolerances (p = 23), for all five configurations:
 * four lanes per batch with different seeds, learning rates, weight decays, training fractions, initialisation
 * scales and epoch counts, so lanes end (freeze) at different epochs while the others go on. Every metric of every epoch, the checkpoint epochs and the
 * final weights are compared.
 */
class LaneFidelityIT {

    private static final Logger LOG = LogManager.getLogger(LaneFidelityIT.class);
    private static final int P = 23;
    private static final int EPOCHS = 230;

    @ParameterizedTest
    @ValueSource(strings = {"standard", "grokking", "quad_random", "quad_single_freq", "relu_single_freq"})
    void everyLaneEqualsItsSoloRun(String key) throws Exception {
        JsonNode ref = Crosscheck.p23();
        JsonNode tolerances = ref.get(key).has("tolerance") ? ref.get(key) : ref.get("standard");
        Cell base = Cell.of(P, key);
        List<LaneLoop.Lane> lanes = new ArrayList<>();
        List<List<Checkpoint>> laneCheckpoints = new ArrayList<>();
        long[] seeds = {7, 42, 1234, 99};
        double[] lrScale = {1, 0.5, 1.5, 1};
        double[] initScale = {1, 1, 0.8, 1.25};
        double[] weightDecay = {0, 0.5, 0, 1.0}; // added to the configuration's
        double[] fracTrain = {-1, 0.6, 0.6, 0.9}; // -1: the configuration's
        int[] epochs = {EPOCHS, EPOCHS - 29, 201, EPOCHS - 107};
        for (int k = 0; k < seeds.length; k++) {
            RunConfig c =
                    vary(base.config(), seeds[k], lrScale[k], initScale[k], weightDecay[k], fracTrain[k], epochs[k]);
            InitialWeights init;
            DataSplit split;
            SeedLock.LOCK.lock();
            try {
                init = Initializer.draw(c, P, base.modulus().dMlp());
                split = DataSplit.of(c, P, init.torchDraws());
            } finally {
                SeedLock.LOCK.unlock();
            }
            List<Checkpoint> sink = new ArrayList<>();
            laneCheckpoints.add(sink);
            lanes.add(new LaneLoop.Lane(new Cell(base.modulus(), c), c, init, split, sink::add));
        }
        List<TrainingLoop.Result> batch;
        try (NDManager m = Engines.newManager(ai.djl.Device.cpu())) {
            batch = new LaneLoop(lanes, TrainingListener.NONE).run(m);
        }
        for (int k = 0; k < lanes.size(); k++) {
            LaneLoop.Lane lane = lanes.get(k);
            List<Checkpoint> soloCheckpoints = new ArrayList<>();
            TrainingLoop.Result solo;
            try (NDManager m = Engines.newManager(ai.djl.Device.cpu())) {
                solo = new TrainingLoop(lane.cell(), lane.config(), TrainingListener.NONE)
                        .run(m, lane.init(), lane.split(), soloCheckpoints::add);
            }
            String what = key + " lane " + k + " (seed " + lane.config().seed() + ")";
            assertEquals(solo.epochsRun(), batch.get(k).epochsRun(), what + ": epochs run");
            assertEquals(epochs[k], batch.get(k).epochsRun(), what + ": the lane ends at its own epoch");
            assertEquals(solo.checkpoints(), batch.get(k).checkpoints(), what + ": checkpoints");
            compareMetrics(
                    what,
                    tolerances,
                    solo.history().rows(),
                    batch.get(k).history().rows());
            compareCheckpoints(what, soloCheckpoints, laneCheckpoints.get(k));
        }
    }

    private static RunConfig vary(
            RunConfig c, long seed, double lrScale, double initScale, double wdAdd, double frac, int epochs) {
        return new RunConfig(
                c.key(),
                c.act(),
                c.initType(),
                c.initScale() * initScale,
                c.optimizer(),
                c.lr() * lrScale,
                c.weightDecay() + wdAdd,
                frac < 0 ? c.fracTrain() : frac,
                epochs,
                c.plateauStop(),
                c.minP(),
                c.saveEvery(),
                seed,
                null);
    }

    private static void compareMetrics(
            String what, JsonNode tolerances, List<EpochMetrics> solo, List<EpochMetrics> lane) {
        String[] names = {"train_loss", "test_loss", "train_acc", "test_acc", "grad_norm", "param_norm"};
        double worst = 0;
        for (int e = 0; e < solo.size(); e++) {
            EpochMetrics a = solo.get(e);
            EpochMetrics b = lane.get(e);
            assertEquals(e, b.epoch());
            assertEquals(a.lr(), b.lr(), what + ": lr at epoch " + e);
            double[] x = {a.trainLoss(), a.testLoss(), a.trainAcc(), a.testAcc(), a.gradNorm(), a.paramNorm()};
            double[] y = {b.trainLoss(), b.testLoss(), b.trainAcc(), b.testAcc(), b.gradNorm(), b.paramNorm()};
            for (int i = 0; i < names.length; i++) {
                double d = Crosscheck.relDiff(y[i], x[i]);
                double tol = Crosscheck.tolerance(tolerances, names[i], e);
                worst = Math.max(worst, d);
                assertTrue(
                        d <= tol,
                        String.format(
                                "%s: epoch %d %s: lane %.10g solo %.10g (rel %.2e > %.2e)",
                                what, e, names[i], y[i], x[i], d, tol));
            }
        }
        LOG.info("{}: largest relative difference from the solo run over all metrics and epochs: {}", what, worst);
    }

    private static void compareCheckpoints(String what, List<Checkpoint> solo, List<Checkpoint> lane) {
        assertEquals(solo.size(), lane.size(), what + ": checkpoint count");
        for (int i = 0; i < solo.size(); i++) {
            assertEquals(solo.get(i).epoch(), lane.get(i).epoch(), what + ": checkpoint epoch");
            assertEquals(solo.get(i).isFinal(), lane.get(i).isFinal(), what + ": final flag");
        }
        float[][] a = {
            solo.get(solo.size() - 1).wIn().values(),
            solo.get(solo.size() - 1).wOut().values()
        };
        float[][] b = {
            lane.get(lane.size() - 1).wIn().values(),
            lane.get(lane.size() - 1).wOut().values()
        };
        for (int t = 0; t < 2; t++) {
            double scale = 0;
            double diff = 0;
            for (int j = 0; j < a[t].length; j++) {
                scale = Math.max(scale, Math.abs(a[t][j]));
                diff = Math.max(diff, Math.abs(a[t][j] - b[t][j]));
            }
            assertTrue(diff <= 1e-5 * scale, what + ": final weights differ by " + diff + " (max |w| " + scale + ")");
        }
    }
}
