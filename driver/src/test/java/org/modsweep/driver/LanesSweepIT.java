package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.run.LaneBatch;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.plan.LanePacking;
import org.modsweep.driver.testing.SparkTests;
import org.modsweep.driver.testing.StoreSnapshot;

/**
 * {@code sweep --lanes} on Spark local mode: same-shape runs (standard and grokking share p, d_mlp, ReLU, AdamW and
 * random initialisation; they differ in frac_train and weight decay) train as lanes of one task, each committed as
 * its own run equal to the one a plain sweep commits, run.json naming its batch; a failed batch retries its lanes;
 * resume skips committed lanes.
 */
class LanesSweepIT {

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

    /** Two moduli × two configurations of one shape per modulus: two batches of two lanes under --lanes 4. */
    static SweepRequest request(Path store, Map<String, String> conf) {
        return new SweepRequest(
                ModulusList.parse("19,21"),
                StudyConfigs.parse("standard,grokking"),
                store.toString(),
                null,
                40,
                conf,
                false);
    }

    static Sweep lanes(int k) {
        return new Sweep().lanes(LanePacking.parse(Integer.toString(k)));
    }

    @Test
    void lanesCommitEachRunAsAPlainSweepDoesAndRecordTheirBatch() throws Exception {
        SweepResult plain = new Sweep().run(request(tmp.resolve("plain"), Map.of()), SweepListener.NONE);
        assertTrue(plain.ok(), plain.toString());
        LocalSweepIT.Recorder rec = new LocalSweepIT.Recorder();
        SweepResult r = lanes(4).run(request(tmp.resolve("lanes"), Map.of()), rec);
        assertTrue(r.ok(), r.toString());
        assertEquals(4, r.trained().size());
        assertTrue(rec.lines.contains("lanes: 4 runs in 2 tasks (--lanes 4)"), rec.lines.toString());
        assertEquals(4, rec.done.size(), "every lane reports on its own");

        ResultsStore a = ResultsStore.open(tmp.resolve("plain").toString());
        ResultsStore b = ResultsStore.open(tmp.resolve("lanes").toString());
        assertEquals(StoreSnapshot.of(a), StoreSnapshot.of(b), "same metrics, weights, splits and logs");
        assertEquals(LocalSweepIT.dataFiles(a), LocalSweepIT.dataFiles(b), "same files, no leftovers");
        for (Cell c : b.committedCells()) {
            LaneBatch batch = b.readRun(c).lanes();
            assertEquals(2, batch.count(), c.id());
            assertEquals(
                    Set.of(
                            Cell.of(c.p(), "standard").id(),
                            Cell.of(c.p(), "grokking").id()),
                    new TreeSet<>(batch.batch()),
                    c.id() + ": trained with the other run of its modulus");
            assertNull(a.readRun(c).lanes(), c.id() + ": a plain sweep's run has no lanes");
        }

        // resume: nothing to train; then a lane made uncommitted trains alone
        SweepResult again = lanes(4).run(request(tmp.resolve("lanes"), Map.of()), SweepListener.NONE);
        assertEquals(0, again.trained().size());
        assertEquals(4, again.committedBefore().size());
        Cell grokking = Cell.of(21, "grokking");
        Files.delete(Path.of(b.layout().doneMarker(grokking).toUri().getPath()));
        SweepResult resumed = lanes(4).run(request(tmp.resolve("lanes"), Map.of()), SweepListener.NONE);
        assertTrue(resumed.ok(), resumed.toString());
        assertEquals(
                List.of(grokking.id()),
                resumed.trained().stream().map(CellResult::cellId).toList());
        RunRecord alone = b.readRun(grokking);
        assertEquals(new LaneBatch(1, List.of(grokking.id())), alone.lanes());
        assertEquals(StoreSnapshot.of(a), StoreSnapshot.of(b));
    }

    @Test
    void aFailedBatchRetriesItsLanesAndAFailingOneFailsOnlyItsBatch() throws Exception {
        SweepResult clean = lanes(4).run(request(tmp.resolve("clean"), Map.of()), SweepListener.NONE);
        assertTrue(clean.ok());
        LocalSweepIT.Recorder rec = new LocalSweepIT.Recorder();
        SweepResult faulty =
                lanes(4).run(request(tmp.resolve("faulty"), Map.of("modsweep.test.failOnce", "p019-grokking")), rec);
        assertTrue(faulty.ok(), faulty.toString());
        for (CellResult r : faulty.results()) {
            assertEquals(r.cellId().startsWith("p019") ? 2 : 1, r.attempts(), r.toString());
        }
        assertTrue(
                rec.lines.stream()
                        .anyMatch(l -> l.startsWith("attempt 1 of p019-standard+p019-grokking failed")
                                || l.startsWith("attempt 1 of p019-grokking+p019-standard failed")),
                rec.lines.toString());
        assertEquals(
                StoreSnapshot.of(ResultsStore.open(tmp.resolve("clean").toString())),
                StoreSnapshot.of(ResultsStore.open(tmp.resolve("faulty").toString())));

        SweepResult broken = lanes(4).run(
                        request(tmp.resolve("broken"), Map.of("modsweep.test.failAlways", "p021-standard")),
                        SweepListener.NONE);
        assertFalse(broken.ok());
        assertEquals(
                Set.of("p021-standard", "p021-grokking"),
                new TreeSet<>(broken.failed().stream().map(CellResult::cellId).toList()),
                "the failing run's batch fails");
        assertTrue(broken.failed().stream()
                .allMatch(f -> f.attempts() == 3 && f.error().contains("injected fault")));
        ResultsStore store = ResultsStore.open(tmp.resolve("broken").toString());
        assertEquals(
                Set.of("p019-standard", "p019-grokking"),
                new TreeSet<>(store.committedCells().stream().map(Cell::id).toList()));
    }
}
