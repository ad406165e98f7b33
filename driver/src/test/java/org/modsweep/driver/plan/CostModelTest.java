package org.modsweep.driver.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;

/** The --plan cost model: fits on planted timings, its fallbacks, and the wall time over task slots. */
class CostModelTest {

    @TempDir
    Path tmp;

    private static double[] run(int p, int dMlp, double ms) {
        return new double[] {p, dMlp, ms};
    }

    @Test
    void leastSquaresRecoversAPlantedLine() {
        // ms = 2e-6·d_mlp·p² + 0.5 exactly
        List<double[]> runs = List.of(
                run(5, 512, 2e-6 * 512 * 25 + 0.5),
                run(23, 512, 2e-6 * 512 * 529 + 0.5),
                run(41, 1627, 2e-6 * 1627 * 1681 + 0.5));
        CostModel m = CostModel.fit(runs);
        assertEquals(2e-6, m.a(), 1e-15);
        assertEquals(0.5, m.b(), 1e-9);
        assertEquals(3, m.samples());
        assertEquals(2e-6 * 600 * 31 * 31 + 0.5, m.msPerEpoch(31, 600), 1e-9);
    }

    @Test
    void aNegativeInterceptIsHeldAtZeroAndOneSizeScalesTheDefaults() {
        // sizes 2 and 4 at 1 and 4 ms: the free fit gives a = 1.5, b = -2; held at b = 0: a = Σxy/Σx² = 18/20
        CostModel m = CostModel.fit(List.of(run(1, 2, 1.0), run(1, 4, 4.0)));
        assertEquals(0.0, m.b());
        assertEquals(0.9, m.a(), 1e-12);

        double defaultMs = CostModel.DEFAULT.msPerEpoch(23, 512);
        CostModel one = CostModel.fit(List.of(run(23, 512, 2 * defaultMs), run(23, 512, 2 * defaultMs)));
        assertEquals(2 * CostModel.DEFAULT.a(), one.a(), 1e-15);
        assertEquals(2 * CostModel.DEFAULT.b(), one.b(), 1e-12);
        assertEquals(2 * defaultMs, one.msPerEpoch(23, 512), 1e-9);

        assertEquals(CostModel.DEFAULT, CostModel.fit(List.of()));
        assertEquals(CostModel.DEFAULT, CostModel.fit(List.of(run(23, 512, 0.0))), "unmeasured runs are left out");
    }

    @Test
    void timeFallingWithSizeGivesAFlatModel() {
        CostModel m = CostModel.fit(List.of(run(5, 512, 3.0), run(23, 512, 1.0)));
        assertEquals(0.0, m.a());
        assertEquals(2.0, m.b(), 1e-12);
    }

    @Test
    void wallTimeIsThePendingRunsOverTheSlots() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        SweepPlan plan = SweepPlan.make(store, ModulusList.parse("5"), StudyConfigs.parse("standard,quad_random"), 100);
        CostModel m = new CostModel(1e-5, 1.0, 0);
        double perRun = 100 * (1e-5 * 512 * 25 + 1.0) / 1000; // 100 epochs, d_mlp 512, p = 5
        assertEquals(2 * perRun, PlanReport.seconds(plan, m, 1), 1e-12);
        assertEquals(perRun, PlanReport.seconds(plan, m, 2), 1e-12);
        assertEquals(perRun, m.seconds(new Cell(Modulus.of(5), StudyConfigs.STANDARD), 100), 1e-12);
        assertEquals(CostModel.DEFAULT, CostModel.of(store), "an empty store: the defaults");
    }

    @Test
    void slotsOfAMasterWithoutStartingSpark() {
        assertEquals(3, PlanReport.slots("local[3]", Map.of()));
        assertEquals(3, PlanReport.slots("local[3,4]", Map.of()));
        assertEquals(1, PlanReport.slots("local", Map.of()));
        assertEquals(Runtime.getRuntime().availableProcessors(), PlanReport.slots("local[*]", Map.of()));
        assertEquals(2, PlanReport.slots("local[4]", Map.of("spark.task.cpus", "2")));
        assertEquals(
                12,
                PlanReport.slots(
                        "k8s://https://kube:6443",
                        Map.of("spark.executor.instances", "3", "spark.executor.cores", "4")));
        assertEquals(8, PlanReport.slots("spark://m:7077", Map.of("spark.cores.max", "8")));
        assertEquals(1, PlanReport.slots("spark://m:7077", Map.of()));
    }
}
