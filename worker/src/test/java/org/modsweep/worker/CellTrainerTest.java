package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ProcessStarts;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.worker.train.ProgressText;

/** What one training leaves in the store, and what it never leaves. */
class CellTrainerTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void writesMetricsCheckpointsSplitLogAndRunRecord() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Cell cell = Cell.of(19, "grokking");
        List<String> lines = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        List<TrainingEvent> events = new ArrayList<>();
        ProgressText text = new ProgressText(lines::add);
        TrainingListener listener = event -> {
            events.add(event);
            text.on(event);
            if (event instanceof TrainingEvent.EpochDone d) {
                epochs.add(d.metrics().epoch());
                assertEquals(450, d.epochsPlanned());
            }
        };
        TrainOutcome out = CellTrainer.train(store, cell, new TrainOptions(450, 1, "cpu", false), listener);
        assertFalse(out.skipped());
        assertTrue(store.isCommitted(cell));
        RunRecord r = store.readRun(cell);
        assertEquals(450, r.epochsRun());
        assertEquals(450, r.epochCap());
        assertEquals(3, r.checkpoints());
        assertEquals(270, r.nTrain());
        assertEquals(91, r.nTest());
        assertEquals(512, r.dMlp());
        assertTrue(r.msPerEpoch() > 0 && r.wallSeconds() > 0);
        assertEquals("2.7.1", r.versions().get("pytorch"));

        List<EpochMetrics> m = MetricsParquet.read(store.conf(), store.layout().metricsDir(cell));
        assertEquals(450, m.size());
        assertEquals(0.0, m.get(0).lr());
        assertEquals(1e-4 * 0.5, m.get(5).lr(), 1e-20);
        assertEquals(m.get(0).trainLoss(), m.get(1).trainLoss(), 0.0, "epoch 0 updates with lr 0");
        assertEquals(epochs.size(), 450);

        int[] ckpt =
                WeightsParquet.checkpointEpochs(store.conf(), store.layout().weightsDir(cell));
        assertArrayEquals(new int[] {0, 200, 400}, ckpt);
        Checkpoint fin = WeightsParquet.readFinal(store.conf(), store.layout().weightsDir(cell));
        assertEquals(449, fin.epoch());
        assertEquals(512, fin.wIn().rows());
        assertEquals(19, fin.wIn().cols());

        JsonNode split = Json.MAPPER.readTree(store.readString(store.layout().splitJson(cell)));
        int[] all = new int[361];
        int k = 0;
        for (String part : new String[] {"train", "test"}) {
            for (JsonNode v : split.get(part)) {
                all[k++] = v.asInt();
            }
        }
        assertEquals(361, k);
        Arrays.sort(all);
        for (int i = 0; i < 361; i++) {
            assertEquals(i, all[i]);
        }

        String log = store.readString(store.layout().trainingLog(cell));
        assertTrue(log.startsWith("=".repeat(70) + "\nTraining Log: p=19, run=grokking\n"));
        assertTrue(log.contains("  weight_decay    = 2.0\n"));
        assertTrue(log.endsWith("Total epochs trained: 450\n"));
        assertEquals("[TRAIN] p=19, d_mlp=512, run=grokking, epochs=450", lines.get(0));
        assertTrue(lines.get(1).matches("Epoch 0, train loss \\d\\.\\d{4}, test loss \\d\\.\\d{4}"), lines.get(1));
        assertTrue(lines.get(2).startsWith("  [grokking] Epoch      0/450  (  0.2%)  train_loss="), lines.get(2));
        assertTrue(lines.get(lines.size() - 1).startsWith("[DONE] p=19, run=grokking, train_acc="));

        assertEquals(new TrainingEvent.Started(cell, 512, 450), events.get(0));
        List<TrainingEvent> checkpoints = events.stream()
                .filter(e -> e instanceof TrainingEvent.CheckpointWritten)
                .toList();
        assertEquals(
                List.of(
                        new TrainingEvent.CheckpointWritten(cell, 0, false),
                        new TrainingEvent.CheckpointWritten(cell, 200, false),
                        new TrainingEvent.CheckpointWritten(cell, 400, false),
                        new TrainingEvent.CheckpointWritten(cell, 449, true)),
                checkpoints);
        TrainingEvent.EpochDone lastEpoch = (TrainingEvent.EpochDone) events.stream()
                .filter(e -> e instanceof TrainingEvent.EpochDone)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertEquals(449, lastEpoch.metrics().epoch());
        assertEquals(new TrainingEvent.Finished(cell, lastEpoch.metrics(), 450, false), events.get(events.size() - 1));
    }

    @Test
    void trainingAndCommittingARunStartsNoProcess() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        CellTrainer.train(store, Cell.of(3, "standard"), new TrainOptions(20, 1, "cpu", false), e -> {});
        Cell cell = Cell.of(5, "standard"); // the engine is loaded by now: what remains is the run and its commit
        List<String> forks = ProcessStarts.during(
                () -> CellTrainer.train(store, cell, new TrainOptions(50, 1, "cpu", false), e -> {}));
        assertTrue(store.isCommitted(cell));
        assertEquals(List.of(), forks, "Hadoop's local file system forks chmod/ls; the store's must not");
    }

    @Test
    void committedCellIsSkippedUnlessForced() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Cell cell = Cell.of(3, "standard");
        TrainOutcome first =
                CellTrainer.train(store, cell, new TrainOptions(20, 1, "cpu", false), TrainingListener.NONE);
        TrainOutcome second =
                CellTrainer.train(store, cell, new TrainOptions(20, 1, "cpu", false), TrainingListener.NONE);
        assertTrue(second.skipped());
        assertEquals(first.record().attempt(), second.record().attempt());
        TrainOutcome forced =
                CellTrainer.train(store, cell, new TrainOptions(30, 1, "cpu", true), TrainingListener.NONE);
        assertFalse(forced.skipped());
        assertEquals(30, store.readRun(cell).epochsRun());
    }

    /** A run that dies mid-training leaves the committed run as it was and no attempt behind. */
    @Test
    void killedRunNeverLooksCommitted() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Cell cell = Cell.of(5, "quad_random");
        CellTrainer.train(store, cell, new TrainOptions(10, 1, "cpu", false), TrainingListener.NONE);
        String before = store.readString(store.layout().runJson(cell));
        TrainingListener dies = event -> {
            if (event instanceof TrainingEvent.EpochDone d && d.metrics().epoch() == 250) {
                throw new IllegalStateException("killed");
            }
        };
        assertThrows(
                IllegalStateException.class,
                () -> CellTrainer.train(store, cell, new TrainOptions(400, 1, "cpu", true), dies));
        assertEquals(before, store.readString(store.layout().runJson(cell)));
        assertEquals(
                10,
                MetricsParquet.read(store.conf(), store.layout().metricsDir(cell))
                        .size());
        assertFalse(store.fs().exists(new org.apache.hadoop.fs.Path(store.root(), "_attempts/" + cell.id()))
                && store.fs().listStatus(new org.apache.hadoop.fs.Path(store.root(), "_attempts/" + cell.id())).length
                        > 0);

        Cell fresh = Cell.of(5, "standard");
        assertThrows(
                IllegalStateException.class,
                () -> CellTrainer.train(store, fresh, new TrainOptions(400, 1, "cpu", false), dies));
        assertFalse(store.isCommitted(fresh));
        assertNull(store.committedCells().stream()
                .filter(c -> c.equals(fresh))
                .findAny()
                .orElse(null));
    }
}
