package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.store.ResultsStore;

/** A batch of lanes commits each lane as its own run, with the files a solo training of that cell commits. */
class LaneTrainerTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void eachLaneIsCommittedAsItsSoloRun() throws Exception {
        RunConfig s = StudyConfigs.STANDARD;
        List<Cell> cells = List.of(
                Cell.of(7, "standard"),
                new Cell(
                        Modulus.of(7),
                        new RunConfig(
                                "standard",
                                s.act(),
                                s.initType(),
                                s.initScale(),
                                s.optimizer(),
                                s.lr() / 2,
                                s.weightDecay(),
                                s.fracTrain(),
                                150,
                                false,
                                s.minP(),
                                50,
                                7,
                                null)),
                new Cell(
                        Modulus.of(7),
                        new RunConfig(
                                "standard",
                                s.act(),
                                s.initType(),
                                0.2,
                                s.optimizer(),
                                s.lr(),
                                s.weightDecay(),
                                s.fracTrain(),
                                s.numEpochs(),
                                false,
                                s.minP(),
                                s.saveEvery(),
                                7,
                                null)));
        TrainOptions opts = new TrainOptions(230, 1, "cpu", false);
        ResultsStore lanes = ResultsStore.open(tmp.resolve("lanes").toString());
        List<TrainOutcome> outcomes = LaneTrainer.train(lanes, cells, opts, TrainingListener.NONE);
        assertEquals(3, outcomes.size());
        ResultsStore solo = ResultsStore.open(tmp.resolve("solo").toString());
        for (Cell c : cells) {
            CellTrainer.train(solo, c, opts, TrainingListener.NONE);
            // every run, with overrides or not, lives in the one store, in its own place
            ResultsStore soloRun = solo;
            ResultsStore laneRun = lanes;
            assertTrue(laneRun.isCommitted(c), c.id());
            assertEquals(
                    MetricsParquet.read(soloRun.conf(), soloRun.metricsFile(c)),
                    MetricsParquet.read(laneRun.conf(), laneRun.metricsFile(c)),
                    c.id() + " metrics");
            Checkpoint a = WeightsParquet.readFinal(soloRun.conf(), soloRun.weightsFile(c));
            Checkpoint b = WeightsParquet.readFinal(laneRun.conf(), laneRun.weightsFile(c));
            assertEquals(a.epoch(), b.epoch(), c.id() + " final epoch");
            assertArrayEquals(a.wIn().values(), b.wIn().values(), c.id() + " final W_in");
            assertArrayEquals(a.wOut().values(), b.wOut().values(), c.id() + " final W_out");
            assertEquals(soloRun.readRun(c).checkpoints(), laneRun.readRun(c).checkpoints(), c.id() + " checkpoints");
            // run.json names the batch the run trained in; a solo run's has no lanes
            assertEquals(3, laneRun.readRun(c).lanes().count(), c.id() + " lane count");
            assertEquals(
                    cells.stream().map(Cell::id).toList(),
                    laneRun.readRun(c).lanes().batch(),
                    c.id() + " batch");
            assertEquals(null, soloRun.readRun(c).lanes(), c.id() + " solo run: no lanes");
            assertFalse(soloRun.readString(soloRun.layout().runJson(c)).contains("\"lanes\""), "solo run.json");
        }
        assertEquals(3, cells.stream().map(Cell::id).distinct().count(), "three distinct runs");
        assertEquals(150, lanes.readRun(cells.get(1)).epochsRun(), "a lane ends at its own epoch count");
        // a second call finds them committed and trains nothing
        assertTrue(LaneTrainer.train(lanes, cells, opts, TrainingListener.NONE).stream()
                .allMatch(TrainOutcome::skipped));
    }

    @Test
    void lanesOfDifferentShapesAreRefusedAndNothingIsLeftBehind() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("mixed").toString());
        List<Cell> cells = List.of(Cell.of(7, "standard"), Cell.of(7, "quad_random"));
        assertThrows(
                IllegalArgumentException.class,
                () -> LaneTrainer.train(store, cells, new TrainOptions(20, 1, "cpu", false), TrainingListener.NONE));
        for (Cell c : cells) {
            assertFalse(store.isCommitted(c), c.id());
        }
    }
}
