package org.modsweep.driver.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.testing.PlantedRuns;

/** cells.parquet carries every run with its axes and outcome; cells.json stays the study's, in its old format. */
class SummaryWriterTest {

    @TempDir
    java.nio.file.Path tmp;

    /** A run whose train accuracy reaches 1 at {@code train} and test accuracy 0.96 at {@code test} (−1: never). */
    private static CellSummary row(Cell cell, int epochs, int train, int test) {
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            rows.add(new EpochMetrics(
                    e, 1, 2, train >= 0 && e >= train ? 1.0 : 0.2, test >= 0 && e >= test ? 0.96 : 0.1, 1, 3, 1e-3));
        }
        RunRecord rec = PlantedRuns.recordOf(cell, epochs, "x")
                .dMlp(cell.dMlp())
                .timing(2.5, 1.25)
                .device("cpu")
                .times("", "2026-01-01T00:00:00Z")
                .build();
        return CellSummary.of(cell, rec, rows);
    }

    @Test
    void everyRunInParquetStudyRunsInJson() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("s").toString());
        Cell study = Cell.of(23, "grokking");
        Cell grid = Cell.of(23, "grokking", Overrides.parse(List.of("seed=7", "weight_decay=0.5", "act_type=quad")));
        Cell full = Cell.of(5, "standard");
        SummaryWriter.write(
                store, List.of(row(grid, 3000, 100, 1500), row(study, 3000, 100, 400), row(full, 50, 20, 20)));

        Map<String, Group> byRun = new HashMap<>();
        List<String> order = new ArrayList<>();
        try (ParquetReader<Group> r = ParquetReader.builder(
                        new GroupReadSupport(),
                        new Path(tmp.resolve("s/results/summary/cells.parquet").toUri()))
                .withConf(store.conf())
                .build()) {
            for (Group g = r.read(); g != null; g = r.read()) {
                byRun.put(g.getString("run", 0), g);
                order.add(g.getString("run", 0));
            }
        }
        assertEquals(List.of(full.id(), study.id(), grid.id()), order, "by p, config, run id");
        Group g = byRun.get(grid.id());
        assertEquals(grid.id(), g.getString("cell", 0));
        assertEquals(7L, g.getLong("seed", 0));
        assertEquals(0.5, g.getDouble("weight_decay", 0));
        assertEquals(0.75, g.getDouble("frac_train", 0));
        assertEquals("Quad", g.getString("act_type", 0));
        assertEquals("AdamW", g.getString("optimizer", 0));
        assertEquals("random", g.getString("init_type", 0));
        assertEquals(100, g.getInteger("t_train", 0));
        assertEquals(1500, g.getInteger("t_test", 0));
        assertEquals(1400, g.getInteger("delay", 0));
        assertEquals("grokking", g.getString("phase", 0));
        assertEquals(3000, g.getInteger("epochs_run", 0));
        assertEquals(0.96, g.getDouble("test_acc", 0));
        Group s = byRun.get(study.id());
        assertEquals(42L, s.getLong("seed", 0));
        assertEquals("comprehension", s.getString("phase", 0));
        Group f = byRun.get(full.id());
        assertEquals(0, f.getFieldRepetitionCount("t_test"), "a full-data run has no t_test");
        assertEquals("comprehension", f.getString("phase", 0));
        var schema = g.getType();
        assertEquals(
                PrimitiveType.PrimitiveTypeName.INT64,
                schema.getType("seed").asPrimitiveType().getPrimitiveTypeName());
        assertEquals(
                PrimitiveType.PrimitiveTypeName.INT32,
                schema.getType("d_mlp").asPrimitiveType().getPrimitiveTypeName());

        JsonNode cells = Json.MAPPER
                .readTree(Files.readString(tmp.resolve("s/results/summary/cells.json")))
                .path("cells");
        assertEquals(2, cells.size(), "the study's runs only");
        assertEquals(full.id(), cells.get(0).path("cell").asText());
        assertEquals(study.id(), cells.get(1).path("cell").asText());
        List<String> keys = new ArrayList<>();
        cells.get(1).fieldNames().forEachRemaining(keys::add);
        assertEquals(
                List.of(
                        "cell",
                        "p",
                        "config",
                        "d_mlp",
                        "num_epochs",
                        "epoch_cap",
                        "epochs_run",
                        "stopped_early",
                        "train_loss",
                        "test_loss",
                        "train_acc",
                        "test_acc",
                        "param_norm",
                        "epoch_train_acc_100",
                        "epoch_test_acc_99",
                        "grokking_gap",
                        "wall_seconds",
                        "ms_per_epoch",
                        "device",
                        "threads",
                        "finished"),
                keys);
        assertFalse(cells.get(1).has("columns") || cells.get(1).has("seed"));
        assertTrue(cells.get(1).path("epoch_cap").isNull());
        assertNull(GridColumns.of(study, List.of()).phase(), "no recorded epochs: no phase");
    }
}
