package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.core.run.LaneBatch;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.testing.PlantedRuns;
import org.modsweep.driver.plan.SweepPlan;
import org.modsweep.driver.spark.AttemptHook;
import org.modsweep.driver.testing.FaultInjection;

class SweepPlanTest {

    @TempDir
    Path tmp;

    @Test
    void gridHasStableIdsInConfigOrderAndGrokkingFromNineteen() {
        List<Cell> grid = SweepPlan.grid(ModulusList.parse("17..19"), StudyConfigs.ALL);
        assertEquals(
                List.of(
                        "p017-standard",
                        "p017-quad_random",
                        "p017-quad_single_freq",
                        "p017-relu_single_freq",
                        "p019-standard",
                        "p019-grokking",
                        "p019-quad_random",
                        "p019-quad_single_freq",
                        "p019-relu_single_freq"),
                grid.stream().map(Cell::id).toList());
        // the benchmark's study p = 3..23 is 47 cells
        assertEquals(
                47, SweepPlan.grid(ModulusList.parse("3..23"), StudyConfigs.ALL).size());
    }

    @Test
    void configurationsThatApplyToNoModulusAreAClearError() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SweepPlan.grid(ModulusList.parse("3..9"), StudyConfigs.parse("grokking")));
        assertTrue(e.getMessage().contains("grokking needs p >= 19"), e.getMessage());
    }

    @Test
    void pendingCellsRunLargestFirstAndCommittedOnesAreSkipped() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        commit(store, Cell.of(23, "standard"), 5000);
        commit(store, Cell.of(21, "standard"), 100); // a quick trial's run
        SweepPlan plan = SweepPlan.make(store, ModulusList.parse("21,23"), StudyConfigs.ALL, null);
        assertEquals(10, plan.grid().size());
        assertEquals(
                List.of("p023-standard"),
                plan.committed().stream().map(Cell::id).toList());
        assertEquals(Set.of("p021-standard"), plan.retrain());
        List<String> order = plan.pending().stream().map(Cell::id).toList();
        assertEquals("p023-grokking", order.get(0), "50000 epochs at the largest p go first: " + order);
        for (int i = 1; i < order.size(); i++) {
            assertTrue(
                    plan.cost(plan.pending().get(i - 1))
                            >= plan.cost(plan.pending().get(i)),
                    order.toString());
        }
        assertTrue(
                plan.describe()
                        .startsWith("10 cells (p = 21,23): 9 to train, 1 already committed (skipped), "
                                + "1 retrained for more epochs"),
                plan.describe());

        // under a cap of 100 epochs the quick trial counts as done, and the order follows the capped work
        SweepPlan capped = SweepPlan.make(store, ModulusList.parse("21,23"), StudyConfigs.ALL, 100);
        assertEquals(
                List.of("p021-standard", "p023-standard"),
                capped.committed().stream().map(Cell::id).toList());
        assertEquals(100, capped.plannedEpochs(Cell.of(23, "grokking")));
        assertTrue(capped.pending().get(0).p() == 23, capped.pending().toString());
    }

    @Test
    void aModulusIsCompleteForItsReportOnlyWithEveryConfigurationTheStudyTrainsForIt() {
        List<Cell> committed = List.of(
                Cell.of(17, "standard"),
                Cell.of(17, "quad_random"),
                Cell.of(17, "quad_single_freq"),
                Cell.of(17, "relu_single_freq"),
                Cell.of(19, "standard"));
        assertEquals(List.of(), SweepPlan.missingForReport(Modulus.of(17), committed)); // no grokking below 19
        assertEquals(
                List.of("p019-grokking", "p019-quad_random", "p019-quad_single_freq", "p019-relu_single_freq"),
                SweepPlan.missingForReport(Modulus.of(19), committed));
    }

    @Test
    void faultInjectionIsATestClasspathHookOnly() {
        // the shipped code registers no AttemptHook; this test classpath registers exactly the fault injector
        assertEquals(
                List.of(FaultInjection.class),
                AttemptHook.installed().stream().map(Object::getClass).toList());
    }

    /** Commits a minimal run the way the worker does (attempt dir, then commit), with numEpochs configured. */
    static void commit(ResultsStore store, Cell cell, int numEpochs) throws Exception {
        commit(store, cell, numEpochs, 1.0);
    }

    /** The same with a measured ms/epoch in its run.json. */
    static void commit(ResultsStore store, Cell cell, int numEpochs, double msPerEpoch) throws Exception {
        commit(store, cell, numEpochs, msPerEpoch, null);
    }

    /** The same, trained as a lane of {@code lanes} (null: alone). */
    static void commit(ResultsStore store, Cell cell, int numEpochs, double msPerEpoch, LaneBatch lanes)
            throws Exception {
        RunConfig capped = cell.config().withEpochCap(numEpochs);
        float[] w = {1, 2};
        org.apache.hadoop.fs.Path attempt = PlantedRuns.attempt(
                store,
                cell,
                RunColumns.of(cell, capped),
                List.of(new EpochMetrics(0, 3.1, 3.1, 0.1, 0.1, 0.01, 3.2, 0.0)),
                List.of(new Checkpoint(
                        0, true, new WeightTensor("W_in", 1, 2, w), new WeightTensor("W_out", 2, 1, w))));
        store.commit(
                cell,
                attempt,
                PlantedRuns.recordOf(cell, 1, attempt.getName())
                        .config(capped)
                        .epochCap(numEpochs < cell.config().numEpochs() ? numEpochs : null)
                        .checkpoints(0)
                        .timing(1.0, msPerEpoch)
                        .lanes(lanes)
                        .build());
    }
}
