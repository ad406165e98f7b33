package org.modsweep.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.testing.OldStores;
import org.modsweep.core.testing.PlantedRuns;

/**
 * Study runs and runs with overrides in one store (GRID-FORMATS "Store layout"): they share their (p, config)
 * partition, commits and cleanup never touch another run's files, the audit accepts them and still finds strays,
 * and every row carries the run's id and axes.
 */
class SharedPartitionTest {

    @TempDir
    java.nio.file.Path tmp;

    private final Cell study = Cell.of(5, "standard");
    private final Cell seeded = Cell.of(5, "standard", Overrides.parse(List.of("seed=7")));
    private final Cell decayed = Cell.of(5, "standard", Overrides.parse(List.of("seed=7", "weight_decay=0.5")));

    private ResultsStore store() throws Exception {
        return ResultsStore.open(tmp.resolve("store").toString());
    }

    @Test
    void runsWithOverridesLiveBesideTheStudyRunAndNoCommitRemovesAnotherRunsFiles() throws Exception {
        ResultsStore store = store();
        PlantedRuns.commit(store, seeded, 5);
        PlantedRuns.commit(store, study, 6);
        PlantedRuns.commit(store, decayed, 4);
        PlantedRuns.commit(store, study, 8); // a longer training replaces the study run only
        PlantedRuns.commit(store, seeded, 3); // and a run with overrides replaces only itself

        assertEquals(List.of(study, seeded, decayed), store.committedCells());
        java.nio.file.Path metrics = tmp.resolve("store/metrics/p=5/config=standard");
        assertEquals(
                List.of(
                        "part-p005-standard-seed7-weight_decay0.5.parquet",
                        "part-p005-standard-seed7.parquet",
                        "part-p005-standard.parquet"),
                parquetNames(metrics));
        assertEquals(
                3,
                parquetNames(tmp.resolve("store/weights/p=5/config=standard")).size());
        assertTrue(Files.exists(tmp.resolve("store/runs/p=5/config=standard/_DONE")));
        assertTrue(Files.exists(tmp.resolve("store/runs/p=5/config=standard/p005-standard-seed7/_DONE")));
        assertTrue(Files.exists(tmp.resolve("store/runs/p=5/config=standard/p005-standard-seed7/run.json")));
        assertEquals(8, rows(store, study));
        assertEquals(3, rows(store, seeded));
        assertEquals(4, rows(store, decayed));
        assertEquals(PlantedRuns.rows(seeded, 3), MetricsParquet.read(store.conf(), store.metricsFile(seeded)));
        assertEquals(List.of(), StoreAudit.problems(store));

        store.uncommit(study); // --force on the study run: the partition's other runs stay
        assertEquals(List.of(seeded, decayed), store.committedCells());
        assertEquals(List.of(), StoreAudit.problems(store));
        assertEquals(
                List.of("part-p005-standard-seed7-weight_decay0.5.parquet", "part-p005-standard-seed7.parquet"),
                parquetNames(metrics));
    }

    @Test
    void theAuditAcceptsTheOtherRunsOfAPartitionAndStillFindsStrays() throws Exception {
        ResultsStore store = store();
        PlantedRuns.commit(store, study, 6);
        PlantedRuns.commit(store, seeded, 5);
        Cell elsewhere = Cell.of(7, "standard", Overrides.parse(List.of("seed=3"))); // no study run at p=7
        PlantedRuns.commit(store, elsewhere, 2);
        assertEquals(List.of(), StoreAudit.problems(store));
        assertEquals(List.of(), store.audit(study));
        assertEquals(List.of(), store.audit(seeded));

        java.nio.file.Path metrics = tmp.resolve("store/metrics/p=5/config=standard");
        Files.copy(metrics.resolve("part-p005-standard.parquet"), metrics.resolve("part-00000-zombie.parquet"));
        Files.copy(metrics.resolve("part-p005-standard.parquet"), metrics.resolve("part-p005-standard-seed9.parquet"));
        Files.createDirectories(tmp.resolve("store/runs/p=5/config=standard/junk"));
        Files.writeString(tmp.resolve("store/runs/p=5/config=standard/p005-standard-seed7/notes.txt"), "x");
        Files.writeString(tmp.resolve("store/weights/p=7/config=standard/stray.parquet"), "x");
        List<String> problems = StoreAudit.problems(store);
        assertEquals(
                List.of(
                        "p005-standard-seed7: runs/p=5/config=standard/p005-standard-seed7/notes.txt is not part of "
                                + "the committed run",
                        "p005-standard: metrics/p=5/config=standard/part-00000-zombie.parquet is not part of the "
                                + "committed run",
                        "p005-standard: runs/p=5/config=standard/junk is not part of the committed run",
                        "metrics/p=5/config=standard/part-p005-standard-seed9.parquet: belongs to no committed run",
                        "weights/p=7/config=standard/stray.parquet: belongs to no committed run"),
                problems.stream().sorted(SharedPartitionTest::byKind).toList());

        // the study run's next commit removes its own strays, never the partition's other runs
        PlantedRuns.commit(store, study, 7);
        assertFalse(Files.exists(metrics.resolve("part-00000-zombie.parquet")));
        assertFalse(Files.exists(tmp.resolve("store/runs/p=5/config=standard/junk")));
        assertTrue(Files.exists(metrics.resolve("part-p005-standard-seed7.parquet")));
        assertTrue(Files.exists(tmp.resolve("store/runs/p=5/config=standard/p005-standard-seed7/_DONE")));
        assertEquals(5, rows(store, seeded));
    }

    /** Runs' own findings first, then the dataset-level ones, each group in order. */
    private static int byKind(String a, String b) {
        boolean ra = a.startsWith("p0");
        boolean rb = b.startsWith("p0");
        return ra != rb ? (ra ? -1 : 1) : a.compareTo(b);
    }

    @Test
    void aStudyRunOfTheFirstProtocolReadsItsOwnPartsOnly() throws Exception {
        ResultsStore store = store();
        OldStores.legacyRun(store, study, 6);
        PlantedRuns.commit(store, seeded, 4);
        assertTrue(store.committedManifest(study).legacy());
        assertEquals(PlantedRuns.rows(study, 6), MetricsParquet.read(store.conf(), store.metricsFile(study)));
        assertEquals(
                PlantedRuns.checkpoints(study, 6).get(1).wIn().values().length,
                WeightsParquet.readFinal(store.conf(), store.weightsFile(study))
                        .wIn()
                        .values()
                        .length);
        assertEquals(
                1,
                WeightsParquet.readCheckpoints(store.conf(), store.weightsFile(study))
                        .size());
        assertEquals(List.of(), StoreAudit.problems(store));
    }

    @Test
    void filesOfTheEarlierSchemaReadTheSame() throws Exception {
        ResultsStore store = store();
        OldStores.studyRun(store, study, 6);
        assertEquals(List.of(study), store.committedCells());
        assertEquals(List.of(), StoreAudit.problems(store));
        assertEquals(PlantedRuns.rows(study, 6), MetricsParquet.read(store.conf(), store.metricsFile(study)));
        assertEquals(
                List.of(0),
                WeightsParquet.readCheckpoints(store.conf(), store.weightsFile(study)).stream()
                        .map(c -> c.epoch())
                        .toList());
        assertEquals(
                5,
                WeightsParquet.readFinal(store.conf(), store.weightsFile(study)).epoch());
        assertTrue(MetricsParquet.hasOldSchema(store.conf(), store.metricsFile(study)));
        assertTrue(WeightsParquet.hasOldSchema(store.conf(), store.weightsFile(study)));
    }

    @Test
    void everyRowCarriesTheRunAndItsEffectiveAxes() throws Exception {
        ResultsStore store = store();
        PlantedRuns.commit(store, study, 3);
        Cell wide = Cell.of(5, "standard", Overrides.of(Map.of(ConfigKey.D_MLP, 16, ConfigKey.LR, 0.01)));
        PlantedRuns.commit(store, wide, 2);
        assertFalse(MetricsParquet.hasOldSchema(store.conf(), store.metricsFile(study)));

        Group s = firstRow(store.metricsFile(study));
        assertEquals("p005-standard", s.getString("run", 0));
        assertEquals(42L, s.getLong("seed", 0));
        assertEquals(study.config().lr(), s.getDouble("lr", 0));
        assertEquals(study.config().weightDecay(), s.getDouble("weight_decay", 0));
        assertEquals(1.0 * study.config().fracTrain(), s.getDouble("frac_train", 0));
        assertEquals(study.config().initScale(), s.getDouble("init_scale", 0));
        assertEquals(study.modulus().dMlp(), s.getInteger("d_mlp", 0));
        assertEquals(study.config().numEpochs(), s.getInteger("num_epochs", 0));
        assertEquals(study.config().act().name(), s.getString("act_type", 0));
        assertEquals(study.config().optimizer().name(), s.getString("optimizer", 0));
        assertEquals("random", s.getString("init_type", 0));
        assertEquals(PlantedRuns.row(study, 0).lr(), s.getDouble("epoch_lr", 0));

        Group w = firstRow(store.weightsFile(wide));
        assertEquals(wide.id(), w.getString("run", 0));
        assertEquals(16, w.getInteger("d_mlp", 0));
        assertEquals(0.01, w.getDouble("lr", 0));
        assertEquals(42L, w.getLong("seed", 0));
    }

    @Test
    void aRunWhoseIdIsHashedIsFoundByItsRunJson() throws Exception {
        ResultsStore store = store();
        Cell hashed = Cell.of(
                5,
                "standard",
                Overrides.of(Map.of(
                        ConfigKey.LR,
                        0.000123456789012,
                        ConfigKey.WEIGHT_DECAY,
                        0.123456789012345,
                        ConfigKey.FRAC_TRAIN,
                        0.512345678901234,
                        ConfigKey.INIT_SCALE,
                        0.712345678901234,
                        ConfigKey.SEED,
                        1234567,
                        ConfigKey.D_MLP,
                        77,
                        ConfigKey.NUM_EPOCHS,
                        1234,
                        ConfigKey.ACT_TYPE,
                        "Quad",
                        ConfigKey.OPTIMIZER,
                        "SGD")));
        assertTrue(hashed.id().matches("p005-standard-h[0-9a-f]{12}"), hashed.id());
        PlantedRuns.commit(store, hashed, 3);
        assertEquals(List.of(hashed), store.committedCells());
        assertEquals(List.of(), StoreAudit.problems(store));
    }

    private static int rows(ResultsStore store, Cell cell) throws Exception {
        return MetricsParquet.read(store.conf(), store.metricsFile(cell)).size();
    }

    private Group firstRow(Path file) throws Exception {
        try (ParquetReader<Group> r =
                ParquetReader.builder(new GroupReadSupport(), file).build()) {
            return r.read();
        }
    }

    private static List<String> parquetNames(java.nio.file.Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".parquet"))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }
}
