package org.modsweep.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import org.modsweep.core.Cell;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.worker.TrainingEvent;
import org.modsweep.worker.TrainingListener;
import org.modsweep.worker.init.InitialWeights;
import org.modsweep.worker.model.EmbedMlp;
import org.modsweep.worker.model.HostRead;
import org.modsweep.worker.model.PairData;
import org.modsweep.worker.optim.Optimizer;
import org.modsweep.worker.optim.Warmup;

/**
 * The reference's epoch loop (science.md §4.6): metrics of the current weights (loss, accuracy on train and test),
 * the analytic gradient of the train loss, its norm and the pre-update parameter norm, the optimiser step with the
 * warm-up rate, the grokking plateau stop, and a checkpoint every {@code save_every} epochs (after the update),
 * then the final weights.
 *
 * <p>One forward pass over all p² pairs serves both splits' loss and accuracy and the backward pass: the
 * reference's four forward passes (train and test, for loss and for accuracy) compute the same rows.
 */
public final class TrainingLoop {

    /** Receives the numbered checkpoints and then the final weights. */
    public interface CheckpointSink {
        void accept(Checkpoint checkpoint) throws IOException;
    }

    /** What a finished loop reports. */
    public record Result(MetricsHistory history, boolean stoppedEarly, int checkpoints, long loopNanos) {
        public int epochsRun() {
            return history.size();
        }
    }

    private final Cell cell;
    private final RunConfig config;
    private final TrainingListener listener;

    public TrainingLoop(Cell cell, RunConfig config, TrainingListener listener) {
        this.cell = cell;
        this.config = config;
        this.listener = listener;
    }

    public Result run(NDManager manager, InitialWeights init, DataSplit split, CheckpointSink sink) throws IOException {
        int p = init.p();
        int epochs = config.numEpochs();
        MetricsHistory history = new MetricsHistory();
        int checkpoints = 0;
        boolean stoppedEarly = false;
        listener.on(new TrainingEvent.Started(cell, init.dMlp(), epochs));
        long start = System.nanoTime();
        try (EmbedMlp model = new EmbedMlp(manager, config.act(), init);
                PairData data = new PairData(manager, p, split);
                Optimizer optimizer = Optimizer.of(config, manager, model.params())) {
            for (int e = 0; e < epochs; e++) {
                double lr = Warmup.lr(config.lr(), e);
                EpochMetrics m;
                try (NDScope scope = new NDScope()) {
                    EmbedMlp.Forward f = model.forward();
                    EmbedMlp.Evaluation ev = model.evaluate(f, data);
                    NDArray[] paramNorms = model.paramNorms();
                    EmbedMlp.Gradient grad = model.gradient(f, data);
                    // every float scalar of the epoch in one transfer
                    float[] v = HostRead.floats(NDArrays.stack(new NDList(
                            ev.negTrainLoss(),
                            ev.negTestLoss(),
                            grad.normIn(),
                            grad.normOut(),
                            paramNorms[0],
                            paramNorms[1])));
                    m = new EpochMetrics(
                            e,
                            -v[0],
                            -v[1],
                            (double) ev.trainCorrect() / data.trainSize(),
                            (double) ev.testCorrect() / data.testSize(),
                            hypot(v[2], v[3]),
                            hypot(v[4], v[5]),
                            lr);
                    optimizer.step(model.params(), grad.flat(), lr);
                }
                history.add(m);
                listener.on(new TrainingEvent.EpochDone(cell, m, epochs));
                if (config.plateauStop() && history.plateaued(e)) {
                    listener.on(new TrainingEvent.PlateauStop(cell, e));
                    stoppedEarly = true;
                    break;
                }
                if (e % config.saveEvery() == 0) {
                    sink.accept(model.checkpoint(e, false));
                    checkpoints++;
                    listener.on(new TrainingEvent.CheckpointWritten(cell, e, false));
                }
            }
            sink.accept(model.checkpoint(history.size() - 1, true));
            listener.on(new TrainingEvent.CheckpointWritten(cell, history.size() - 1, true));
        }
        long loopNanos = System.nanoTime() - start;
        listener.on(new TrainingEvent.Finished(cell, history.last(), history.size(), stoppedEarly));
        return new Result(history, stoppedEarly, checkpoints, loopNanos);
    }

    /** sqrt(a² + b²) of two float32 norms, accumulated in double as the reference does with .item() values. */
    private static double hypot(float a, float b) {
        return Math.sqrt((double) a * a + (double) b * b);
    }
}
