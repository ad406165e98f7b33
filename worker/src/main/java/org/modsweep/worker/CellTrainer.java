package org.modsweep.worker;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.config.ConfigJson;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.LaneBatch;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreLayout;
import org.modsweep.worker.init.InitialWeights;
import org.modsweep.worker.init.Initializer;
import org.modsweep.worker.init.SeedLock;
import org.modsweep.worker.train.DataSplit;
import org.modsweep.worker.train.TrainingLogText;
import org.modsweep.worker.train.TrainingLoop;

/**
 * Trains one cell into a results store: everything is written under a private attempt directory (metrics.parquet,
 * weights.parquet streamed as checkpoints arrive, split.json, training_log.txt) and then committed with run.json and
 * {@code _DONE} last, so a run killed at any moment never looks committed. Safe to call from several threads at
 * once: only the seeding, initialisation and split are serialised (they use the engine's process-global generator).
 */
public final class CellTrainer {

    private static final Logger LOG = LogManager.getLogger(CellTrainer.class);

    private CellTrainer() {}

    /**
     * Trains the cell unless it is already committed (and not forced). Input is checked before anything is written,
     * in this order: the modulus fits in this machine's memory, the device exists, then the store can be written;
     * each refusal is an IllegalArgumentException whose message names the problem. A run with overrides shares its
     * study run's partition ({@link org.modsweep.core.store.StoreLayout}).
     */
    public static TrainOutcome train(ResultsStore store, Cell cell, TrainOptions opts, TrainingListener listener)
            throws IOException {
        RunConfig config = cell.config().withEpochCap(opts.epochCap());
        MemoryEstimate.check(cell.p(), cell.dMlp());
        Device device = Devices.parse(opts.device());
        if (!opts.force() && store.isCommitted(cell)) {
            LOG.info("{} is already committed in {}; skipping", cell.id(), store.uri());
            return new TrainOutcome(cell, true, store.readRun(cell));
        }
        try {
            store.checkWritable();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // the store is input too: a usage error
        }
        Path attempt = store.newAttempt(cell);
        try {
            RunRecord record = trainInto(store, cell, config, opts, device, attempt, listener);
            store.commit(cell, attempt, record);
            return new TrainOutcome(cell, false, record);
        } catch (IOException | RuntimeException | Error e) {
            store.discardAttempt(attempt);
            throw e;
        }
    }

    private static RunRecord trainInto(
            ResultsStore store,
            Cell cell,
            RunConfig config,
            TrainOptions opts,
            Device device,
            Path attempt,
            TrainingListener listener)
            throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        int p = cell.p();
        int dMlp = cell.dMlp();
        Engines.setThreads(opts.threads());
        try (NDManager manager = Engines.newManager(device)) {
            Start start = start(store, config, p, dMlp, attempt);
            TrainingLoop.Result result;
            try (WeightsParquet.Writer weights = new WeightsParquet.Writer(
                    store.conf(), new Path(attempt, ResultsStore.ATTEMPT_WEIGHTS), RunColumns.of(cell, config))) {
                result = new TrainingLoop(cell, config, listener)
                        .run(manager, start.init(), start.split(), weights::append);
            }
            return finish(
                    store,
                    cell,
                    config,
                    opts,
                    device,
                    attempt,
                    start.split(),
                    result,
                    started,
                    (System.nanoTime() - t0) / 1e9,
                    result.loopNanos() / 1e6 / result.epochsRun(),
                    null);
        }
    }

    /** A run's initial weights and split (drawn under {@link SeedLock}), its split.json written into the attempt. */
    record Start(InitialWeights init, DataSplit split) {}

    static Start start(ResultsStore store, RunConfig config, int p, int dMlp, Path attempt) throws IOException {
        InitialWeights init;
        DataSplit split;
        SeedLock.LOCK.lock();
        try {
            init = Initializer.draw(config, p, dMlp);
            split = DataSplit.of(config, p, init.torchDraws());
        } finally {
            SeedLock.LOCK.unlock();
        }
        store.writeString(new Path(attempt, StoreLayout.SPLIT_JSON), Json.compact(split.toJson()));
        return new Start(init, split);
    }

    /**
     * Writes a trained run's metrics and training log into its attempt and returns its run.json record ({@code lanes}:
     * the batch it trained in, or null when it trained alone).
     */
    static RunRecord finish(
            ResultsStore store,
            Cell cell,
            RunConfig config,
            TrainOptions opts,
            Device device,
            Path attempt,
            DataSplit split,
            TrainingLoop.Result result,
            Instant started,
            double wall,
            double msPerEpoch,
            LaneBatch lanes)
            throws IOException {
        int p = cell.p();
        int dMlp = cell.modulus().dMlp();
        MetricsParquet.write(
                store.conf(),
                new Path(attempt, ResultsStore.ATTEMPT_METRICS),
                RunColumns.of(cell, config),
                result.history().rows());
        store.writeString(
                new Path(attempt, StoreLayout.TRAINING_LOG),
                TrainingLogText.render(p, dMlp, config, result.history().rows()));
        EpochMetrics last = result.history().last();
        return new RunRecord(
                cell.id(),
                p,
                ConfigJson.toMap(config),
                dMlp,
                opts.epochCap() != null && opts.epochCap() < cell.config().numEpochs() ? opts.epochCap() : null,
                result.epochsRun(),
                result.stoppedEarly(),
                result.checkpoints(),
                wall,
                msPerEpoch,
                device.toString(),
                opts.threads(),
                Engines.versions(),
                Platforms.current(),
                started.toString(),
                Instant.now().toString(),
                attempt.getName(),
                finalMetrics(last),
                split.train().length,
                split.test().length,
                lanes);
    }

    private static Map<String, Double> finalMetrics(EpochMetrics m) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("train_loss", m.trainLoss());
        f.put("test_loss", m.testLoss());
        f.put("train_acc", m.trainAcc());
        f.put("test_acc", m.testAcc());
        f.put("grad_norm", m.gradNorm());
        f.put("param_norm", m.paramNorm());
        return f;
    }
}
