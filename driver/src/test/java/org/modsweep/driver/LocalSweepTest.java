package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.monitor.SweepProgress;
import org.modsweep.driver.testing.SparkTests;
import org.modsweep.driver.testing.StoreSnapshot;

/** Real sweeps on Spark local mode (two slots, three attempts per task), sharing one SparkContext. */
class LocalSweepTest {

    static SparkContext sc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        sc = SparkTests.start("local[2,3]");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    static SweepRequest request(Path store, Map<String, String> conf) {
        return new SweepRequest(ModulusList.parse("3,5"), StudyConfigs.parse("standard,quad_random"),
                store.toString(), null, 40, conf);
    }

    static final class Recorder implements SweepListener {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final List<SweepProgress> progress = Collections.synchronizedList(new ArrayList<>());
        final List<CellResult> done = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onLine(String line) {
            lines.add(line);
        }

        @Override
        public void onProgress(SweepProgress p) {
            progress.add(p);
        }

        @Override
        public void onCellDone(CellResult r) {
            done.add(r);
        }
    }

    @Test
    void sweepTrainsEveryCellOnceThenResumeSkipsThem() throws Exception {
        Recorder rec = new Recorder();
        SweepResult r = new Sweep().run(request(tmp.resolve("store"), Map.of()), rec);
        assertTrue(r.ok(), r.toString());
        assertEquals(List.of("p003-standard", "p003-quad_random", "p005-standard", "p005-quad_random"), r.cells());
        assertEquals(4, r.trained().size());
        assertEquals(4, rec.done.size());
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        assertEquals(4, store.committedCells().size());
        assertTrue(Files.exists(tmp.resolve("store/results/summary/cells.parquet")));
        assertTrue(Files.exists(tmp.resolve("store/results/summary/cells.json")));
        assertEquals(4, r.summaryCells());
        System.out.println(String.join("\n", rec.lines));

        Recorder again = new Recorder();
        SweepResult r2 = new Sweep().run(request(tmp.resolve("store"), Map.of()), again);
        assertTrue(r2.ok());
        assertEquals(4, r2.committedBefore().size());
        assertTrue(r2.results().isEmpty());
    }
}
