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
import org.modsweep.analysis.synthetic.PlantedStudy;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.monitor.SweepProgress;
import org.modsweep.driver.testing.SparkTests;
import org.modsweep.driver.testing.StoreSnapshot;

/** Real sweeps on Spark local mode (two slots, three attempts per task), sharing one SparkContext. */
class LocalSweepIT {

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
        return new SweepRequest(
                ModulusList.parse("3,5"), StudyConfigs.parse("standard,quad_random"), store.toString(), null, 40, conf);
    }

    static class Recorder implements SweepListener {
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
        assertTrue(
                rec.lines.stream().anyMatch(l -> l.matches("\\[\\d/4] done p005-standard: 40 epochs.*")),
                rec.lines.toString());
        assertFalse(Files.exists(tmp.resolve("store/_attempts/p003-standard")), "attempts are cleaned up");
        SweepProgress last = rec.progress.get(rec.progress.size() - 1);
        assertEquals(4, last.cellsDone());
        assertEquals(160, last.epochsDone());
        assertEquals(0, last.etaSeconds());
        String json = Files.readString(tmp.resolve("store/results/summary/cells.json"));
        assertTrue(json.contains("\"cell\" : \"p005-quad_random\""), json);
        assertTrue(json.contains("\"epochs_run\" : 40"), json);

        // the README's way of reading a store: Spark SQL over the Hive-style partitions
        org.apache.spark.sql.SparkSession spark =
                org.apache.spark.sql.SparkSession.builder().sparkContext(sc).getOrCreate();
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> metrics =
                spark.read().parquet(tmp.resolve("store/metrics").toString());
        assertTrue(List.of(metrics.columns()).containsAll(List.of("epoch", "train_loss", "test_acc", "p", "config")));
        assertEquals(160, metrics.count());
        assertEquals(40, metrics.where("p = 5 AND config = 'quad_random'").count());
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> cells = spark.read()
                .parquet(tmp.resolve("store/results/summary/cells.parquet").toString());
        assertEquals(4, cells.count());
        assertEquals(40, cells.where("cell = 'p003-standard'").first().<Integer>getAs("epochs_run"));

        Recorder again = new Recorder();
        SweepResult r2 = new Sweep().run(request(tmp.resolve("store"), Map.of()), again);
        assertTrue(r2.ok());
        assertEquals(4, r2.committedBefore().size());
        assertTrue(r2.results().isEmpty());
        assertTrue(
                again.lines.contains("nothing to train: every cell is committed in the store"), again.lines.toString());
    }

    @Test
    void aModulusLeftOutOfTheCrossModulusSummaryFailsTheSweep() throws Exception {
        Path dir = tmp.resolve("store");
        ResultsStore store = ResultsStore.open(dir.toString());
        Cell cell = new PlantedStudy(store, 1).commit(new Cell(Modulus.of(3), StudyConfigs.STANDARD), 40);
        String json = store.readString(store.layout().runJson(cell));
        store.writeString(store.layout().runJson(cell), json.replace("\"act_type\"", "\"activation\""));

        Recorder rec = new Recorder();
        SweepResult r = new Sweep()
                .run(
                        new SweepRequest(
                                ModulusList.parse("3"),
                                StudyConfigs.parse("standard"),
                                dir.toString(),
                                null,
                                40,
                                Map.of()),
                        rec);
        assertTrue(r.results().isEmpty(), "the planted cell counts as committed");
        assertFalse(r.ok(), r.toString());
        String error = r.reduceErrors().get("summary");
        assertTrue(
                error != null
                        && error.startsWith("summary written without p=3 (run p003-standard: run.json has "
                                + "an unreadable config"),
                r.reduceErrors().toString());
        assertTrue(
                rec.lines.stream()
                        .anyMatch(l -> l.startsWith("cross-modulus summary failed: summary written " + "without p=3")),
                rec.lines.toString());
        assertTrue(Files.exists(dir.resolve("results/summary/moduli.json")), "the other files are still written");
        assertEquals(1, r.summaryCells());
    }

    @Test
    void injectedFaultIsRetriedAndTheStoreEqualsACleanRun() throws Exception {
        SweepResult clean = new Sweep().run(request(tmp.resolve("clean"), Map.of()), SweepListener.NONE);
        assertTrue(clean.ok());
        Recorder rec = new Recorder();
        SweepResult faulty = new Sweep()
                .run(
                        request(
                                tmp.resolve("faulty"),
                                Map.of("modsweep.test.failOnce", "p005-standard,p003-quad_random")),
                        rec);
        assertTrue(faulty.ok(), faulty.toString());
        for (CellResult r : faulty.results()) {
            boolean injected = r.cellId().equals("p005-standard") || r.cellId().equals("p003-quad_random");
            assertEquals(injected ? 2 : 1, r.attempts(), r.toString());
        }
        assertTrue(
                rec.lines.stream()
                        .anyMatch(
                                l -> l.startsWith("attempt 1 of p005-standard failed") && l.contains("injected fault")),
                rec.lines.toString());
        ResultsStore a = ResultsStore.open(tmp.resolve("clean").toString());
        ResultsStore b = ResultsStore.open(tmp.resolve("faulty").toString());
        assertEquals(StoreSnapshot.of(a), StoreSnapshot.of(b));
        assertEquals(dataFiles(a), dataFiles(b), "same files, no duplicate parts, no leftovers");
    }

    /** Store files with the attempt id taken out of part names; run.json/_DONE contents are compared elsewhere. */
    static List<String> dataFiles(ResultsStore s) throws Exception {
        return StoreSnapshot.files(s).stream()
                .map(f -> f.replaceAll("part-00000-[0-9a-f-]+", "part-00000-ATTEMPT"))
                .toList();
    }

    @Test
    void aCellFailingEveryAttemptIsReportedWhileTheOthersCommit() throws Exception {
        Recorder rec = new Recorder();
        SweepResult r = new Sweep()
                .run(request(tmp.resolve("store"), Map.of("modsweep.test.failAlways", "p003-standard")), rec);
        assertFalse(r.ok());
        assertEquals(1, r.failed().size());
        CellResult failed = r.failed().get(0);
        assertEquals("p003-standard", failed.cellId());
        assertEquals(3, failed.attempts(), "local[2,3]: three attempts");
        assertTrue(failed.error().contains("injected fault"), failed.error());
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        assertEquals(3, store.committedCells().size());
        assertFalse(store.isCommitted(Cell.of(3, "standard")));
        assertEquals(List.of(), r.reduced(), "reports need every configuration of a modulus");
        assertTrue(
                rec.lines.contains("reduce p=3: no report yet, the store lacks p003-standard, p003-quad_single_freq,"
                        + " p003-relu_single_freq"),
                rec.lines.toString());
        assertEquals(3, r.summaryCells());
        assertTrue(rec.lines.stream().anyMatch(l -> l.contains("] FAILED p003-standard after 3 attempts")));
        // the next run trains just the missing cell
        SweepResult again = new Sweep().run(request(tmp.resolve("store"), Map.of()), SweepListener.NONE);
        assertTrue(again.ok());
        assertEquals(
                List.of("p003-standard"),
                again.trained().stream().map(CellResult::cellId).toList());
    }

    @Test
    void aRunWithFewerEpochsThanRequestedIsRetrainedAndOneWithMoreIsKept() throws Exception {
        SweepRequest quick = new SweepRequest(
                ModulusList.parse("3"),
                StudyConfigs.parse("standard"),
                tmp.resolve("store").toString(),
                null,
                10,
                Map.of());
        assertEquals(1, new Sweep().run(quick, SweepListener.NONE).trained().size());
        SweepRequest longer = new SweepRequest(quick.moduli(), quick.configs(), quick.storeUri(), null, 30, Map.of());
        SweepResult r = new Sweep().run(longer, SweepListener.NONE);
        assertEquals(1, r.trained().size());
        assertEquals(30, r.trained().get(0).epochsRun());
        SweepResult shorter = new Sweep().run(quick, SweepListener.NONE);
        assertTrue(shorter.results().isEmpty());
        assertEquals(List.of("p003-standard"), shorter.committedBefore());
    }

    @Test
    void cancelStopsRunningTrainingsAndCommitsNothingHalfDone() throws Exception {
        Sweep sweep = new Sweep();
        Recorder rec = new Recorder() {
            @Override
            public void onProgress(SweepProgress p) {
                super.onProgress(p);
                if (p.epochsDone() > 0 || p.elapsedSeconds() >= 2) {
                    sweep.cancel(); // as soon as training is under way
                }
            }
        };
        // p = 23 at the study's 5000 epochs: several seconds per cell even on an idle machine, so the cancel lands
        // mid-run
        SweepRequest req = new SweepRequest(
                ModulusList.parse("23"),
                StudyConfigs.parse("standard,quad_random"),
                tmp.resolve("store").toString(),
                null,
                5000,
                Map.of());
        long t0 = System.nanoTime();
        SweepResult r = sweep.run(req, rec);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(r.cancelled());
        assertFalse(r.ok());
        assertTrue(seconds < 20, "cancelled within seconds, took " + seconds);
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        assertTrue(store.committedCells().isEmpty());
        assertEquals(0, r.summaryCells());
    }
}
