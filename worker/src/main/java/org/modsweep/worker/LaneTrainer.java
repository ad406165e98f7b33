package org.modsweep.worker;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.LaneBatch;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.worker.lanes.LaneLoop;
import org.modsweep.worker.train.TrainingLoop;

/**
 * Trains several cells of one shape (same p, activation and optimiser; see {@link LaneLoop}) as one batched
 * computation, each into the store exactly as {@link CellTrainer} would: its own attempt directory, weights streamed
 * as its checkpoints arrive, and its own commit. If training fails, every lane's attempt is discarded and nothing is
 * committed, so a retry trains the whole batch again; the commits come last, one per lane, each complete on its own.
 * On the CPU the lanes' optimiser state lives on the host; on a GPU on the device (LaneOptimizer.of).
 */
public final class LaneTrainer {

    private static final Logger LOG = LogManager.getLogger(LaneTrainer.class);

    private LaneTrainer() {}

    public static List<TrainOutcome> train(
            ResultsStore store, List<Cell> cells, TrainOptions opts, TrainingListener listener) throws IOException {
        Device device = Devices.parse(opts.device());
        List<TrainOutcome> outcomes = new ArrayList<>();
        List<Cell> todo = new ArrayList<>();
        for (Cell cell : cells) {
            if (!opts.force() && store.isCommitted(cell)) {
                LOG.info("{} is already committed in {}; skipping", cell.id(), store.uri());
                outcomes.add(new TrainOutcome(cell, true, store.readRun(cell)));
            } else {
                todo.add(cell);
            }
        }
        if (todo.isEmpty()) {
            return outcomes;
        }
        MemoryEstimate.check(todo.get(0).modulus());
        store.checkWritable();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Engines.setThreads(opts.threads());
        List<Path> attempts = new ArrayList<>();
        List<WeightsParquet.Writer> writers = new ArrayList<>();
        try (NDManager manager = Engines.newManager(device)) {
            List<LaneLoop.Lane> lanes = new ArrayList<>();
            List<CellTrainer.Start> starts = new ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                Cell cell = todo.get(i);
                RunConfig config = cell.config().withEpochCap(opts.epochCap());
                Path attempt = store.newAttempt(cell);
                attempts.add(attempt);
                CellTrainer.Start start = CellTrainer.start(
                        store, config, cell.p(), cell.modulus().dMlp(), attempt);
                starts.add(start);
                WeightsParquet.Writer weights = new WeightsParquet.Writer(
                        store.conf(), new Path(attempt, ResultsStore.ATTEMPT_WEIGHTS), RunColumns.of(cell, config));
                writers.add(weights);
                lanes.add(new LaneLoop.Lane(cell, config, start.init(), start.split(), weights::append));
            }
            List<TrainingLoop.Result> results = new LaneLoop(lanes, listener).run(manager);
            closeAll(writers);
            int batchEpochs = results.stream()
                    .mapToInt(TrainingLoop.Result::epochsRun)
                    .max()
                    .orElse(1);
            // each lane's share of the batch: the loop's time per batch epoch over the lanes that ran
            double msPerRunEpoch = results.get(0).loopNanos() / 1e6 / batchEpochs / todo.size();
            double wall = (System.nanoTime() - t0) / 1e9;
            List<RunRecord> records = new ArrayList<>();
            LaneBatch batch =
                    new LaneBatch(todo.size(), todo.stream().map(Cell::id).toList());
            for (int i = 0; i < todo.size(); i++) {
                records.add(CellTrainer.finish(
                        store,
                        todo.get(i),
                        lanes.get(i).config(),
                        opts,
                        device,
                        attempts.get(i),
                        starts.get(i).split(),
                        results.get(i),
                        started,
                        wall,
                        msPerRunEpoch,
                        batch));
            }
            for (int i = 0; i < todo.size(); i++) {
                store.commit(todo.get(i), attempts.get(i), records.get(i));
                outcomes.add(new TrainOutcome(todo.get(i), false, records.get(i)));
            }
            return outcomes;
        } catch (IOException | RuntimeException | Error e) {
            try {
                closeAll(writers);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            for (int i = 0; i < attempts.size(); i++) {
                store.discardAttempt(attempts.get(i));
            }
            throw e;
        }
    }

    private static void closeAll(List<WeightsParquet.Writer> writers) throws IOException {
        IOException first = null;
        for (WeightsParquet.Writer w : writers) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        writers.clear();
        if (first != null) {
            throw first;
        }
    }
}
