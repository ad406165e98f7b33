package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.store.ResultsStore;

/** Two different cells trained at once in one JVM give exactly the numbers each gives alone. */
class ConcurrencyTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void concurrentTrainingsEqualTheirSoloRuns() throws Exception {
        Cell a = Cell.of(9, "quad_single_freq");
        Cell b = Cell.of(7, "standard");
        TrainOptions opts = new TrainOptions(401, 1, "cpu", false);
        ResultsStore solo = ResultsStore.open(tmp.resolve("solo").toString());
        CellTrainer.train(solo, a, opts, TrainingListener.NONE);
        CellTrainer.train(solo, b, opts, TrainingListener.NONE);

        ResultsStore together = ResultsStore.open(tmp.resolve("together").toString());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<TrainOutcome>> runs = pool.invokeAll(List.of(
                    () -> CellTrainer.train(together, a, opts, TrainingListener.NONE),
                    () -> CellTrainer.train(together, b, opts, TrainingListener.NONE)));
            for (Future<TrainOutcome> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (Cell c : List.of(a, b)) {
            List<EpochMetrics> m1 =
                    MetricsParquet.read(solo.conf(), solo.layout().metricsDir(c));
            List<EpochMetrics> m2 =
                    MetricsParquet.read(together.conf(), together.layout().metricsDir(c));
            assertEquals(m1, m2, c.id() + " metrics");
            Checkpoint f1 = WeightsParquet.readFinal(solo.conf(), solo.layout().weightsDir(c));
            Checkpoint f2 =
                    WeightsParquet.readFinal(together.conf(), together.layout().weightsDir(c));
            assertArrayEquals(f1.wIn().values(), f2.wIn().values(), c.id() + " final W_in");
            assertArrayEquals(f1.wOut().values(), f2.wOut().values(), c.id() + " final W_out");
        }
    }
}
