package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreAudit;
import org.modsweep.core.store.StoreMigration;
import org.modsweep.core.testing.OldStores;
import org.modsweep.core.testing.PlantedRuns;
import org.modsweep.driver.testing.SparkTests;

/**
 * "Every axis is a column" (issue 11): plain Spark SQL over a store of study runs and runs with overrides returns
 * p, config, run and every key of grids.md §1 as columns with each run's values, and counts each run's rows once.
 */
class StoreColumnsIT {

    static SparkContext sc;
    static SparkSession spark;

    @TempDir
    Path tmp;

    private static final List<String> AXES = List.of(
            "seed",
            "lr",
            "weight_decay",
            "frac_train",
            "init_scale",
            "d_mlp",
            "num_epochs",
            "act_type",
            "optimizer",
            "init_type");

    private final Cell standard = Cell.of(5, "standard");
    private final Cell quad = Cell.of(5, "quad_random");
    private final Cell seeded = Cell.of(5, "standard", Overrides.parse(List.of("seed=7", "weight_decay=0.5")));
    private final Cell wide = Cell.of(7, "standard", Overrides.parse(List.of("d_mlp=16", "lr=0.01", "act_type=Quad")));
    /** Epochs each planted run has: every run a different count, so a doubled or lost run shows. */
    private final Map<Cell, Integer> epochs = Map.of(standard, 6, quad, 4, seeded, 5, wide, 3);

    @BeforeAll
    static void startSpark() {
        sc = SparkTests.start("local[1]");
        spark = SparkSession.builder().sparkContext(sc).getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    @Test
    void sparkSqlReadsEveryAxisOfStudyRunsAndRunsWithOverrides() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        for (Map.Entry<Cell, Integer> e : epochs.entrySet()) {
            PlantedRuns.commit(store, e.getKey(), e.getValue());
        }
        checkColumns(tmp.resolve("store"));

        assertEquals(List.of(), StoreAudit.problems(store), "verify's audit passes");
        Files.writeString(tmp.resolve("store/metrics/p=5/config=standard/notes.parquet"), "x");
        assertEquals(
                List.of("p005-standard: metrics/p=5/config=standard/notes.parquet is not part of the committed run"),
                StoreAudit.problems(store),
                "a foreign file is still reported");
    }

    @Test
    void aMigratedStoreReadsTheSame() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("old").toString());
        for (Map.Entry<Cell, Integer> e : epochs.entrySet()) {
            if (e.getKey().isStudyRun()) {
                OldStores.studyRun(store, e.getKey(), e.getValue());
            } else {
                OldStores.provisionalRun(store, e.getKey(), e.getValue());
            }
        }
        StoreMigration.Result r = StoreMigration.run(store, line -> {});
        assertEquals(4, r.migrated(), r.failures().toString());
        assertEquals(List.of(), StoreAudit.problems(store));
        checkColumns(tmp.resolve("old"));
    }

    private void checkColumns(Path root) {
        Dataset<Row> metrics = spark.read().parquet(root.resolve("metrics").toString());
        List<String> columns = List.of(metrics.columns());
        assertTrue(columns.containsAll(List.of("p", "config", "run", "epoch", "epoch_lr")), columns.toString());
        assertTrue(columns.containsAll(AXES), columns.toString());
        StructType schema = metrics.schema();
        assertEquals(DataTypes.LongType, schema.apply("seed").dataType());
        assertEquals(DataTypes.IntegerType, schema.apply("d_mlp").dataType());
        assertEquals(DataTypes.IntegerType, schema.apply("num_epochs").dataType());
        assertEquals(DataTypes.DoubleType, schema.apply("weight_decay").dataType());
        assertEquals(DataTypes.StringType, schema.apply("act_type").dataType());
        assertEquals(DataTypes.IntegerType, schema.apply("p").dataType());

        assertEquals(18, metrics.count(), "each run's rows once");
        for (Map.Entry<Cell, Integer> e : epochs.entrySet()) {
            Cell c = e.getKey();
            Dataset<Row> rows = metrics.where("run = '" + c.id() + "'");
            assertEquals(e.getValue().longValue(), rows.count(), c.id());
            assertEquals(
                    1,
                    rows.select("p", "config", "seed", "lr", "weight_decay", "d_mlp")
                            .distinct()
                            .count());
            checkRow(rows.first(), c);
        }
        Row study = metrics.where("p = 5 AND config = 'standard' AND run = 'p005-standard'")
                .first();
        assertEquals(42L, study.<Long>getAs("seed"), "a study run shows its own seed");
        assertEquals(Integer.valueOf(standard.modulus().dMlp()), study.<Integer>getAs("d_mlp"));
        assertEquals(
                2,
                metrics.where("seed = 7 OR d_mlp = 16").select("run").distinct().count());

        Dataset<Row> weights = spark.read().parquet(root.resolve("weights").toString());
        assertTrue(List.of(weights.columns()).containsAll(AXES));
        assertEquals(4 * 4, weights.count(), "two checkpoints of two tensors per run");
        for (Cell c : epochs.keySet()) {
            Dataset<Row> rows = weights.where("run = '" + c.id() + "'");
            assertEquals(4, rows.count(), c.id());
            checkRow(rows.first(), c);
        }
    }

    /** A row's partition and axis columns against the run's effective configuration. */
    private static void checkRow(Row row, Cell c) {
        assertEquals(Integer.valueOf(c.p()), row.<Integer>getAs("p"), c.id());
        assertEquals(c.config().key(), row.<String>getAs("config"), c.id());
        assertEquals(c.id(), row.<String>getAs("run"));
        assertEquals(Long.valueOf(c.config().seed()), row.<Long>getAs("seed"), c.id());
        assertEquals(Double.valueOf(c.config().lr()), row.<Double>getAs("lr"), c.id());
        assertEquals(Double.valueOf(c.config().weightDecay()), row.<Double>getAs("weight_decay"), c.id());
        assertEquals(Double.valueOf(c.config().fracTrain()), row.<Double>getAs("frac_train"), c.id());
        assertEquals(Double.valueOf(c.config().initScale()), row.<Double>getAs("init_scale"), c.id());
        assertEquals(Integer.valueOf(c.dMlp()), row.<Integer>getAs("d_mlp"), c.id());
        assertEquals(Integer.valueOf(c.config().numEpochs()), row.<Integer>getAs("num_epochs"), c.id());
        assertEquals(c.config().act().name(), row.<String>getAs("act_type"), c.id());
        assertEquals(c.config().optimizer().name(), row.<String>getAs("optimizer"), c.id());
        assertEquals(c.config().initType().label(), row.<String>getAs("init_type"), c.id());
    }
}
