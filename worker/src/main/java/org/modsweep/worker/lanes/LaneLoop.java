package org.modsweep.worker.lanes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.modsweep.core.Cell;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.worker.TrainingEvent;
import org.modsweep.worker.TrainingListener;
import org.modsweep.worker.init.InitialWeights;
import org.modsweep.worker.model.EmbedMlp;
import org.modsweep.worker.model.HostArgmax;
import org.modsweep.worker.optim.LaneOptimizer;
import org.modsweep.worker.optim.Warmup;
import org.modsweep.worker.train.DataSplit;
import org.modsweep.worker.train.MetricsHistory;
import org.modsweep.worker.train.TrainingLoop;

/**
 * {@link TrainingLoop} for K runs of one shape at once (same p, d_mlp, activation and optimiser kind): per lane its
 * own learning rate, weight decay, initial weights and split, warm-up, metrics, plateau stop and checkpoints. A lane
 * whose run has ended (its epoch count, or its plateau) is frozen: its parameters no longer change and it records
 * nothing more, so its run ends at its own epoch exactly as it would alone. The batch ends with its last lane.
 */
public final class LaneLoop {

    /** One lane's run and where its checkpoints go. */
    public record Lane(
            Cell cell, RunConfig config, InitialWeights init, DataSplit split, TrainingLoop.CheckpointSink sink) {}

    /**
     * Largest activation tensor [K, p², d_mlp] a batch should make on the CPU: the passes over the activations are
     * memory-bound once the tensors leave the caches, so more lanes stop paying (bench lanes, one thread, 2026-12-05,
     * after the top-pad fix of {@code NativeRuntime}: p = 11 best at 16 lanes, 4 MB, 1.4× solo by CPU; p = 23 at 4
     * and 16 lanes 0.9× solo). Beyond glibc's 32 MB mmap threshold every epoch also page-faults its activations in
     * again (p = 23, 64 lanes: 0.11×).
     */
    public static final long MAX_TENSOR_BYTES = 4L << 20;

    private final List<Lane> lanes;
    private final TrainingListener listener;

    /** The most lanes of modulus p whose [K, p², d_mlp] float32 activations stay within {@link #MAX_TENSOR_BYTES}. */
    public static int maxLanes(org.modsweep.core.Modulus p) {
        long perLane = 4L * p.p() * p.p() * p.dMlp();
        return (int) Math.max(1, MAX_TENSOR_BYTES / perLane);
    }

    public LaneLoop(List<Lane> lanes, TrainingListener listener) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("no lanes");
        }
        LaneShape shape = LaneShape.of(lanes.get(0).cell());
        for (Lane l : lanes) {
            if (!LaneShape.of(l.cell()).equals(shape)
                    || l.init().p() != shape.p()
                    || l.init().dMlp() != shape.dMlp()
                    || l.config().act() != shape.act()
                    || l.config().optimizer() != shape.optimizer()) {
                throw new IllegalArgumentException("lanes of one batch must share " + shape + "; "
                        + l.cell().id() + " differs from " + lanes.get(0).cell().id());
            }
        }
        this.lanes = List.copyOf(lanes);
        this.listener = listener;
    }

    /** Trains every lane to its end; one result per lane, in order (loopNanos: the whole batch's loop). */
    public List<TrainingLoop.Result> run(NDManager manager) throws IOException {
        int k = lanes.size();
        int p = lanes.get(0).init().p();
        MetricsHistory[] history = new MetricsHistory[k];
        boolean[] active = new boolean[k];
        boolean[] stopped = new boolean[k];
        int[] checkpoints = new int[k];
        double[] lr = new double[k];
        double[] weightDecay = new double[k];
        for (int i = 0; i < k; i++) {
            history[i] = new MetricsHistory();
            active[i] = true;
            weightDecay[i] = lanes.get(i).config().weightDecay();
            listener.on(new TrainingEvent.Started(
                    lanes.get(i).cell(),
                    lanes.get(i).init().dMlp(),
                    lanes.get(i).config().numEpochs()));
        }
        long start = System.nanoTime();
        HostArgmax argmax = new HostArgmax(p * p);
        List<InitialWeights> inits = lanes.stream().map(Lane::init).toList();
        try (LaneMlp model = new LaneMlp(manager, lanes.get(0).config().act(), inits);
                LaneData data =
                        new LaneData(manager, p, lanes.stream().map(Lane::split).toList());
                LaneOptimizer optimizer =
                        LaneOptimizer.of(lanes.get(0).config().optimizer(), manager, model.params(), weightDecay)) {
            for (int e = 0; anyActive(active); e++) {
                EpochMetrics[] m = new EpochMetrics[k];
                try (NDScope scope = new NDScope()) {
                    EmbedMlp.Forward f = model.forward();
                    NDArray negLosses = model.negLosses(f, data);
                    float[] logits = argmax.read(f.logitsT());
                    NDArray[] paramNorms = model.paramNorms();
                    EmbedMlp.Gradient grad = model.gradient(f, data);
                    float[] v = model.scalars(negLosses, grad, paramNorms);
                    for (int i = 0; i < k; i++) {
                        lr[i] = Warmup.lr(lanes.get(i).config().lr(), e);
                        if (active[i]) {
                            int[] hits = argmax.correct(
                                    logits,
                                    i * p * p * p,
                                    p,
                                    data.labels,
                                    data.train[i],
                                    data.test[i],
                                    data.sameSet[i]);
                            int loss = 2 * data.lossRow(i);
                            int o = 2 * k + 4 * i;
                            m[i] = new EpochMetrics(
                                    e,
                                    -v[loss],
                                    -v[loss + 1],
                                    (double) hits[0] / data.train[i].length,
                                    (double) hits[1] / data.test[i].length,
                                    hypot(v[o], v[o + 1]),
                                    hypot(v[o + 2], v[o + 3]),
                                    lr[i]);
                        }
                    }
                    optimizer.step(grad.flat(), lr, active);
                }
                float[] host = null;
                for (int i = 0; i < k; i++) {
                    if (!active[i]) {
                        continue;
                    }
                    Lane lane = lanes.get(i);
                    history[i].add(m[i]);
                    listener.on(new TrainingEvent.EpochDone(
                            lane.cell(), m[i], lane.config().numEpochs()));
                    boolean plateau = lane.config().plateauStop() && history[i].plateaued(e);
                    if (plateau) {
                        listener.on(new TrainingEvent.PlateauStop(lane.cell(), e));
                        stopped[i] = true;
                    } else if (e % lane.config().saveEvery() == 0) {
                        host = host != null ? host : model.hostParams();
                        lane.sink().accept(model.checkpoint(host, i, e, false));
                        checkpoints[i]++;
                        listener.on(new TrainingEvent.CheckpointWritten(lane.cell(), e, false));
                    }
                    if (plateau || e == lane.config().numEpochs() - 1) {
                        host = host != null ? host : model.hostParams();
                        lane.sink().accept(model.checkpoint(host, i, e, true));
                        active[i] = false;
                        listener.on(new TrainingEvent.CheckpointWritten(lane.cell(), e, true));
                        listener.on(new TrainingEvent.Finished(lane.cell(), m[i], history[i].size(), stopped[i]));
                    }
                }
            }
        }
        long loopNanos = System.nanoTime() - start;
        List<TrainingLoop.Result> results = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            results.add(new TrainingLoop.Result(history[i], stopped[i], checkpoints[i], loopNanos));
        }
        return results;
    }

    private static boolean anyActive(boolean[] active) {
        for (boolean a : active) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    private static double hypot(float a, float b) {
        return Math.sqrt((double) a * a + (double) b * b);
    }
}
