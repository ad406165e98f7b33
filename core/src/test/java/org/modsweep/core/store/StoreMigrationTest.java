package org.modsweep.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.cli.MigrateCommand;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.testing.OldStores;
import org.modsweep.core.testing.PlantedRuns;
import picocli.CommandLine;

/**
 * {@code modsweep migrate} on stores as earlier versions wrote them (built file by file by {@link OldStores}): the
 * result is the store the current version would have written, verify passes, a rerun has nothing to do, and a
 * migration killed midway is finished by the next.
 */
class StoreMigrationTest {

    @TempDir
    java.nio.file.Path tmp;

    private final Cell study5 = Cell.of(5, "standard");
    private final Cell legacy7 = Cell.of(7, "standard");
    private final Cell seeded5 = Cell.of(5, "standard", Overrides.parse(List.of("seed=7")));
    private final Cell decayed7 = Cell.of(7, "standard", Overrides.parse(List.of("weight_decay=0.5", "seed=3")));
    private final List<Cell> runs = List.of(study5, seeded5, legacy7, decayed7);

    private static final int EPOCHS = 6;

    private ResultsStore oldStore(String name) throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve(name).toString());
        OldStores.studyRun(store, study5, EPOCHS);
        OldStores.legacyRun(store, legacy7, EPOCHS);
        OldStores.provisionalRun(store, seeded5, EPOCHS);
        OldStores.provisionalRun(store, decayed7, EPOCHS);
        return store;
    }

    /** The same runs as the current version commits them. */
    private ResultsStore currentStore() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("current").toString());
        for (Cell c : runs) {
            PlantedRuns.commit(store, c, EPOCHS);
        }
        return store;
    }

    private record Run(int code, String out, String err) {}

    private static Run migrate(ResultsStore store) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MigrateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--store", store.uri());
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anOldStoreBecomesTheStoreTheCurrentVersionWritesAndARerunHasNothingToDo() throws Exception {
        ResultsStore store = oldStore("old");
        assertEquals(List.of(study5, legacy7), store.committedCells(), "before: the provisional runs are apart");
        List<RunRecord> before = new ArrayList<>();
        for (Cell c : List.of(study5, legacy7)) {
            before.add(store.readRun(c));
        }

        Run first = migrate(store);
        assertEquals(0, first.code(), first.err());
        assertEquals(
                List.of(
                        "p005-standard-seed7: moved from overrides/p005-standard-seed7/",
                        "p007-standard-seed3-weight_decay0.5: moved from overrides/p007-standard-seed3-weight_decay0.5/",
                        "p005-standard: rewritten with the run and axis columns",
                        "p007-standard: rewritten with the run and axis columns",
                        "migrate: 4 runs migrated in " + store.uri()),
                first.out().lines().toList());

        assertEquals(List.of(study5, seeded5, legacy7, decayed7), store.committedCells());
        assertEquals(List.of(), StoreAudit.problems(store), "verify passes");
        assertFalse(Files.exists(tmp.resolve("old/overrides")));
        assertFalse(Files.exists(tmp.resolve("old/_migrate")));
        assertEquals(before.get(0), store.readRun(study5), "run.json unchanged");
        assertEquals(before.get(1), store.readRun(legacy7));
        assertFalse(
                Files.list(tmp.resolve("old/metrics/p=7/config=standard"))
                        .anyMatch(f -> f.getFileName().toString().startsWith("part-00000-")),
                "the first protocol's parts are gone");
        sameAsCurrent(store, currentStore());

        Run second = migrate(store);
        assertEquals(0, second.code(), second.err());
        assertEquals(
                "migrate: nothing to do (every run is in the current layout and schema)",
                second.out().trim());
    }

    /** Every run's data equal to the current version's commit of it, files byte for byte. */
    private static void sameAsCurrent(ResultsStore store, ResultsStore current) throws Exception {
        for (Cell c : current.committedCells()) {
            assertEquals(
                    MetricsParquet.read(current.conf(), current.metricsFile(c)),
                    MetricsParquet.read(store.conf(), store.metricsFile(c)),
                    c.id());
            List<Checkpoint> a = new ArrayList<>();
            List<Checkpoint> b = new ArrayList<>();
            WeightsParquet.forEach(current.conf(), current.weightsFile(c), e -> true, true, a::add);
            WeightsParquet.forEach(store.conf(), store.weightsFile(c), e -> true, true, b::add);
            assertEquals(a.size(), b.size(), c.id());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).epoch(), b.get(i).epoch());
                assertEquals(a.get(i).isFinal(), b.get(i).isFinal());
                assertArrayEquals(a.get(i).wIn().values(), b.get(i).wIn().values());
                assertArrayEquals(a.get(i).wOut().values(), b.get(i).wOut().values());
            }
            assertEquals(dataFiles(current, c), dataFiles(store, c), c.id() + ": the same bytes as a commit writes");
        }
    }

    private static List<CommitManifest.StoredFile> dataFiles(ResultsStore s, Cell c) throws Exception {
        return s.committedManifest(c).files().stream()
                .filter(f -> f.path().endsWith(".parquet"))
                .toList();
    }

    @Test
    void aMigrationKilledMidwayIsFinishedByTheNext() throws Exception {
        ResultsStore store = oldStore("killed");
        // killed while staging the study run: a staging folder without _STAGED
        java.nio.file.Path half = Files.createDirectories(tmp.resolve("killed/_migrate/p005-standard"));
        Files.writeString(half.resolve("metrics.parquet"), "partial");
        // killed in the legacy run's commit step 4: _DONE gone, its metrics published, the rest still staged
        stageAndPublishMetrics(store, legacy7);
        assertFalse(store.isCommitted(legacy7));
        // killed after a provisional run's commit, before its old copy went
        PlantedRuns.commit(store, seeded5, EPOCHS);

        Run first = migrate(store);
        assertEquals(0, first.code(), first.err());
        assertEquals(
                List.of(
                        "p007-standard: finished (an interrupted migration)",
                        "p005-standard-seed7: moved from overrides/p005-standard-seed7/",
                        "p007-standard-seed3-weight_decay0.5: moved from overrides/p007-standard-seed3-weight_decay0.5/",
                        "p005-standard: rewritten with the run and axis columns",
                        "migrate: 4 runs migrated in " + store.uri()),
                first.out().lines().toList());
        assertEquals(List.of(), StoreAudit.problems(store));
        assertEquals(runs.stream().sorted(StoreMigrationTest::byPThenId).toList(), store.committedCells());
        sameAsCurrent(store, currentStore());
        assertFalse(Files.exists(tmp.resolve("killed/_migrate")));
        assertEquals(
                "migrate: nothing to do (every run is in the current layout and schema)",
                migrate(store).out().trim());
    }

    private static int byPThenId(Cell a, Cell b) {
        return a.p() != b.p() ? Integer.compare(a.p(), b.p()) : a.id().compareTo(b.id());
    }

    /**
     * The state a migrate killed in the middle of {@code cell}'s commit leaves: the run staged complete in
     * {@code _migrate/}, {@code _DONE} removed, the metrics moved to their published place.
     */
    private void stageAndPublishMetrics(ResultsStore store, Cell cell) throws Exception {
        Path dir = new Path(store.root(), StoreMigration.STAGING + "/" + cell.id());
        RunRecord record = store.readRun(cell);
        RunColumns run = RunColumns.of(cell);
        MetricsParquet.write(
                store.conf(), new Path(dir, ResultsStore.ATTEMPT_METRICS), run, PlantedRuns.rows(cell, EPOCHS));
        try (WeightsParquet.Writer w =
                new WeightsParquet.Writer(store.conf(), new Path(dir, ResultsStore.ATTEMPT_WEIGHTS), run)) {
            for (Checkpoint c : PlantedRuns.checkpoints(cell, EPOCHS)) {
                w.append(c);
            }
        }
        for (String f : List.of(StoreLayout.SPLIT_JSON, StoreLayout.TRAINING_LOG)) {
            store.writeBytes(
                    new Path(dir, f), store.readBytes(new Path(store.layout().runDir(cell), f)));
        }
        store.writeString(new Path(dir, StoreLayout.RUN_JSON), Json.pretty(record));
        store.writeString(new Path(dir, "_STAGED"), "metrics.parquet\nweights.parquet\nsplit.json\ntraining_log.txt\n");
        store.fs().delete(store.layout().doneMarker(cell), false);
        store.fs()
                .rename(
                        new Path(dir, ResultsStore.ATTEMPT_METRICS),
                        store.layout().metricsFile(cell));
    }
}
