package org.modsweep.analysis.grids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.model.TwoLayerNet;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.config.Activation;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.store.ResultsStore;

/** The grid reduce on a store of planted committed runs: every file, with exact expected values. */
class GridReportTest {

    @TempDir
    static java.nio.file.Path tmp;

    private static ResultsStore store;
    private static GridManifest grid;
    private static List<Path> written;

    /** One planted store and one reduce for every test (committing the runs is the slow part). */
    @BeforeAll
    static void reduce() throws Exception {
        store = ResultsStore.open(tmp.resolve("store").toString());
        grid = PlantedGrid.commit(store);
        written = GridReport.write(store, grid, PhaseThresholds.DEFAULT, 2);
    }

    private JsonNode json(String name) throws Exception {
        return Json.MAPPER.readTree(Files.readString(tmp.resolve("store/results/grids/" + grid.id() + "/" + name)));
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no entry with " + field + " = " + value);
    }

    private static JsonNode point(JsonNode points, double wd, double ft) {
        for (JsonNode n : points) {
            if (n.path("weight_decay").asDouble() == wd && n.path("frac_train").asDouble() == ft) {
                return n;
            }
        }
        throw new AssertionError("no point at weight_decay " + wd + ", frac_train " + ft);
    }

    @Test
    void writesEveryFileInOrder() {
        List<String> names = new ArrayList<>();
        written.forEach(p -> names.add(p.getName()));
        List<String> expected = new ArrayList<>(List.of(
                "phases.json",
                "seeds.json",
                "critical.json",
                "progress.json",
                "phase_weight_decay_frac_train.png",
                "delay_weight_decay.png",
                "delay_frac_train.png"));
        for (Cell c : grid.runs()) { // the manifest's order, the missing run left out
            if (!c.equals(PlantedGrid.MISSING)) {
                expected.add("progress_" + c.id() + ".png");
            }
        }
        assertEquals(expected, names);
    }

    @Test
    void figuresDecode() throws Exception {
        for (Path p : written) {
            if (p.getName().endsWith(".png")) {
                BufferedImage img = ImageIO.read(tmp.resolve("store/results/grids/" + grid.id() + "/" + p.getName())
                        .toFile());
                assertNotNull(img, p.getName());
                assertTrue(img.getWidth() > 300 && img.getHeight() > 200, p.getName());
            }
        }
    }

    @Test
    void phasesOfRunsAndPoints() throws Exception {
        JsonNode ph = json("phases.json");
        assertEquals(grid.id(), ph.path("grid").asText());
        assertEquals("[1,2,3]", ph.path("axes").path("seed").toString());
        assertEquals("[0.5,1.0]", ph.path("axes").path("weight_decay").toString());
        assertEquals(0.95, ph.path("thresholds").path("accuracy").asDouble());
        assertEquals(1000, ph.path("thresholds").path("grokking_delay").asInt());
        assertEquals(11, ph.path("runs").size());
        JsonNode grok = find(ph.path("runs"), "id", PlantedGrid.run(2, 0.5, 0.5).id());
        assertEquals(7, grok.path("p").asInt());
        assertEquals("standard", grok.path("config").asText());
        assertEquals(2, grok.path("seed").asLong());
        assertEquals(0.5, grok.path("weight_decay").asDouble());
        assertEquals(0.5, grok.path("frac_train").asDouble());
        assertEquals(2000, grok.path("epochs_run").asInt());
        assertEquals(100, grok.path("t_train").asInt());
        assertEquals(1400, grok.path("t_test").asInt());
        assertEquals(1300, grok.path("delay").asInt());
        assertEquals("grokking", grok.path("phase").asText());
        assertEquals(1.0, grok.path("final_train_acc").asDouble());
        assertEquals(0.96, grok.path("final_test_acc").asDouble());
        JsonNode conf = find(ph.path("runs"), "id", PlantedGrid.run(1, 1.0, 0.7).id());
        assertTrue(conf.path("t_train").isNull()
                && conf.path("t_test").isNull()
                && conf.path("delay").isNull());
        assertEquals("confusion", conf.path("phase").asText());
        JsonNode mem = find(ph.path("runs"), "id", PlantedGrid.run(1, 1.0, 0.5).id());
        assertEquals("memorization", mem.path("phase").asText());
        assertEquals(200, mem.path("t_train").asInt());
        assertTrue(mem.path("t_test").isNull());

        JsonNode points = ph.path("points");
        assertEquals(4, points.size());
        assertPoint(point(points, 0.5, 0.5), "grokking", 0, 0, 3, 0, "[1,2,3]");
        assertPoint(point(points, 0.5, 0.7), "comprehension", 0, 0, 0, 3, "[1,2,3]");
        assertPoint(point(points, 1.0, 0.5), "memorization", 0, 2, 1, 0, "[1,2,3]");
        // one confusion, one comprehension: a tie goes to the phase with less progress
        assertPoint(point(points, 1.0, 0.7), "confusion", 1, 0, 0, 1, "[1,2]");
        assertFalse(point(points, 1.0, 0.7).has("seed"));
        assertEquals(
                "[\"" + PlantedGrid.MISSING.id() + "\"]", ph.path("missing").toString());
    }

    private static void assertPoint(JsonNode n, String phase, int conf, int mem, int grok, int comp, String seeds) {
        assertEquals(phase, n.path("phase").asText());
        assertEquals(conf, n.path("counts").path("confusion").asInt());
        assertEquals(mem, n.path("counts").path("memorization").asInt());
        assertEquals(grok, n.path("counts").path("grokking").asInt());
        assertEquals(comp, n.path("counts").path("comprehension").asInt());
        assertEquals(seeds, n.path("seeds").toString());
        assertEquals(n.path("seeds").size(), n.path("runs").size());
    }

    @Test
    void seedBandsAndOutcomeStatistics() throws Exception {
        JsonNode points = json("seeds.json").path("points");
        assertEquals(4, points.size());
        JsonNode g = point(points, 0.5, 0.5);
        JsonNode curves = g.path("curves");
        // 2000 epochs are written at every 2nd epoch and the last: 0, 2, ..., 1998, 1999
        assertEquals(1001, curves.path("epoch").size());
        assertEquals(1999, curves.path("epoch").get(1000).asInt());
        assertEquals(3, curves.path("count").get(0).asInt());
        assertEquals(0.1, curves.path("test_acc").path("mean").get(0).asDouble(), 1e-15);
        // epoch 1400 (index 700): seeds 1 and 2 at 0.96, seed 3 at 0.1
        JsonNode at1400 = curves.path("test_acc");
        assertEquals(1400, curves.path("epoch").get(700).asInt());
        assertEquals((0.96 * 2 + 0.1) / 3, at1400.path("mean").get(700).asDouble(), 1e-12);
        assertEquals(0.1, at1400.path("min").get(700).asDouble(), 1e-15);
        assertEquals(0.96, at1400.path("max").get(700).asDouble(), 1e-15);
        assertEquals(
                Math.sqrt(2 * Math.pow(0.86 / 3, 2) + Math.pow(2 * 0.86 / 3, 2)) / Math.sqrt(3),
                at1400.path("std").get(700).asDouble(),
                1e-12);
        JsonNode tTest = g.path("outcomes").path("t_test");
        assertEquals(1400, tTest.path("mean").asDouble(), 1e-12);
        assertEquals(Math.sqrt(20000.0 / 3), tTest.path("std").asDouble(), 1e-9);
        assertEquals(3, tTest.path("n").asInt());
        assertEquals(0, tTest.path("missing").asInt());
        OutcomeStatistics expected = OutcomeStatistics.of(List.of(1300, 1400, 1500));
        assertEquals(expected.low(), tTest.path("lo").asDouble());
        assertEquals(expected.high(), tTest.path("hi").asDouble());
        assertTrue(expected.low() >= 1300 && expected.low() < 1400 && expected.high() > 1400);
        JsonNode memDelay = point(points, 1.0, 0.5).path("outcomes").path("delay");
        assertEquals(1, memDelay.path("n").asInt());
        assertEquals(2, memDelay.path("missing").asInt());
        assertEquals(1400, memDelay.path("mean").asDouble(), 1e-12);
        JsonNode none = point(points, 1.0, 0.7).path("outcomes").path("delay");
        assertEquals(1, none.path("n").asInt());
        assertEquals(10, none.path("mean").asDouble(), 1e-12);
        assertEquals(
                0.96 / 2 + 0.1 / 2,
                point(points, 1.0, 0.7)
                        .path("outcomes")
                        .path("final_test_acc")
                        .path("mean")
                        .asDouble(),
                1e-12);
    }

    @Test
    void criticalValuesPerAxisAndSlice() throws Exception {
        JsonNode c = json("critical.json");
        assertEquals(0.95, c.path("thresholds").path("accuracy").asDouble());
        JsonNode crit = c.path("critical");
        // weight_decay at frac_train 0.5 and 0.7, frac_train at weight_decay 0.5 and 1
        assertEquals(4, crit.size());
        JsonNode wd05 = crit.get(0);
        assertEquals("weight_decay", wd05.path("axis").asText());
        assertEquals(0.5, wd05.path("frac_train").asDouble());
        assertFalse(wd05.has("weight_decay") || wd05.has("seed"));
        // generalised: all three seeds at 0.5, seed 3 at 1: four and two (the runs in the manifest's order, which
        // the bootstrap's draws depend on)
        CriticalValue expected = CriticalValue.fit(
                new double[] {0.5, 1, 0.5, 1, 0.5, 1}, new boolean[] {true, false, true, false, true, true}, true);
        // the runs at 0.5 all generalised: quasi-separated, the crossing in the gap's middle
        assertEquals("separated", expected.status());
        assertEquals("separated", wd05.path("status").asText());
        assertEquals(expected.value(), wd05.path("value").asDouble());
        assertEquals(expected.low(), wd05.path("lo").asDouble());
        assertTrue(wd05.path("log_axis").asBoolean());
        JsonNode wd07 = crit.get(1);
        assertEquals(0.7, wd07.path("frac_train").asDouble());
        assertEquals("insufficient", wd07.path("status").asText()); // one run that did not generalise
        assertTrue(wd07.path("value").isNull());
        JsonNode ft05 = crit.get(2);
        assertEquals("frac_train", ft05.path("axis").asText());
        assertEquals(0.5, ft05.path("weight_decay").asDouble());
        assertEquals("insufficient", ft05.path("status").asText());
        JsonNode ft1 = crit.get(3);
        assertEquals(1.0, ft1.path("weight_decay").asDouble());
        CriticalValue fitted = CriticalValue.fit(
                new double[] {0.5, 0.7, 0.5, 0.7, 0.5}, new boolean[] {false, false, false, true, true}, false);
        assertEquals("ok", fitted.status());
        assertEquals("fit", ft1.path("status").asText());
        assertEquals(fitted.value(), ft1.path("value").asDouble());
        assertEquals(fitted.high(), ft1.path("hi").asDouble());
        assertFalse(ft1.path("log_axis").asBoolean());
    }

    @Test
    void progressOfAPlantedRun() throws Exception {
        JsonNode pr = json("progress.json");
        assertEquals(0.9, pr.path("key_share").asDouble());
        assertEquals(11, pr.path("runs").size());
        Cell run = PlantedGrid.run(2, 0.5, 0.7);
        JsonNode r = find(pr.path("runs"), "id", run.id());
        assertEquals("[1,2]", r.path("key_frequencies").toString());
        assertEquals("[0,1000,1999]", r.path("epoch").toString());
        assertEquals(4.0 / 9, r.path("gini_in").get(0).asDouble(), 1e-6);
        assertEquals(2.0 / 3, r.path("gini_out").get(2).asDouble(), 1e-6);
        assertEquals(21 * 0.25, r.path("weight_norm").get(0).asDouble(), 1e-5);
        assertEquals(21, r.path("weight_norm").get(1).asDouble(), 1e-5);
        Checkpoint w = PlantedGrid.weights(1000, false, 1, run.dMlp());
        double[][] logits = new TwoLayerNet(w, Activation.ReLU).allLogits();
        List<Integer> keys = List.of(1, 2);
        assertEquals(
                ProgressMeasuresTest.expectedRestricted(logits, keys),
                r.path("restricted_loss").get(1).asDouble(),
                1e-12);
        assertEquals(
                ProgressMeasuresTest.expectedExcluded(logits, keys, PlantedGrid.train(run)),
                r.path("excluded_loss").get(1).asDouble(),
                1e-12);
    }

    @Test
    void rerunReplacesStaleFigures() throws Exception {
        java.nio.file.Path dir = tmp.resolve("store/results/grids/" + grid.id());
        Files.writeString(dir.resolve("delay_lr.png"), "stale");
        Files.writeString(dir.resolve("notes.txt"), "the user's");
        List<Path> again = GridReport.write(store, grid, PhaseThresholds.DEFAULT, 1);
        assertEquals(written, again);
        assertFalse(Files.exists(dir.resolve("delay_lr.png")));
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        assertEquals(Files.readString(dir.resolve("phases.json")), Files.readString(dir.resolve("phases.json")));
    }
}
