package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.cli.AnalyzeCommand;
import org.modsweep.analysis.cli.VerifyCommand;
import org.modsweep.analysis.grids.PlantedGrid;
import org.modsweep.core.Json;
import org.modsweep.core.store.ResultsStore;

/** {@code analyze --grid} and {@code verify} on a planted grid: verify passes, then catches each kind of damage. */
class GridCommandsTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void analyzeGridThenVerifyCatchesDamage() throws Exception {
        String store = tmp.resolve("s").toString();
        PlantedGrid.commit(ResultsStore.open(store));
        java.nio.file.Path dir = tmp.resolve("s/results/grids/" + PlantedGrid.ID);

        CommandsTest.Result before = CommandsTest.run(new VerifyCommand(), "--store", store);
        assertEquals(1, before.code(), before.out());
        assertTrue(before.out().contains("FAIL grid planted-wd-ft: 4 problem(s)"), before.out());
        assertTrue(before.out().contains("phases.json: missing (run 'modsweep analyze --grid')"), before.out());

        CommandsTest.Result a = CommandsTest.run(
                new AnalyzeCommand(),
                "--store",
                store,
                "--grid",
                PlantedGrid.ID,
                "--threads",
                "2",
                "--grokking-delay",
                "1350");
        assertEquals(0, a.code(), a.out() + a.err());
        assertTrue(a.out().contains("grid planted-wd-ft: 18 files written"), a.out());
        assertTrue(a.out().contains("(11 of 12 runs committed; the others are listed under \"missing\""), a.out());
        // a delay of 1300 is no longer grokking at the stricter threshold
        ObjectNode phases = (ObjectNode) Json.MAPPER.readTree(Files.readString(dir.resolve("phases.json")));
        assertEquals(1350, phases.path("thresholds").path("grokking_delay").asInt());
        assertEquals("comprehension", phases.path("runs").get(0).path("phase").asText());

        CommandsTest.Result ok = CommandsTest.run(new VerifyCommand(), "--store", store);
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("OK   grid planted-wd-ft: every file OK"), ok.out());
        assertTrue(ok.out().contains("all 1 grid(s) OK"), ok.out());

        String good = Files.readString(dir.resolve("phases.json"));
        ((ArrayNode) phases.path("runs")).remove(0);
        Files.writeString(dir.resolve("phases.json"), Json.pretty(phases));
        Files.delete(dir.resolve("seeds.json"));
        Files.writeString(dir.resolve("critical.json"), "{\"grid\": \"planted-wd-ft\"}");
        Files.writeString(dir.resolve("progress.json"), "{not json");
        Files.write(dir.resolve("delay_frac_train.png"), new byte[] {1, 2, 3});
        Files.delete(dir.resolve("phase_weight_decay_frac_train.png"));
        CommandsTest.Result bad = CommandsTest.run(new VerifyCommand(), "--store", store);
        assertEquals(1, bad.code(), bad.out());
        String out = bad.out();
        assertTrue(out.contains("FAIL grid planted-wd-ft: 5 problem(s)"), out);
        assertTrue(out.contains("seeds.json: missing"), out);
        assertTrue(out.contains("critical.json: missing key(s) [thresholds, critical]"), out);
        assertTrue(out.contains("progress.json: not valid JSON"), out);
        assertTrue(
                out.contains("phases.json: committed run "
                        + PlantedGrid.run(1, 0.5, 0.5).id() + " is not in it"),
                out);
        assertTrue(out.contains("delay_frac_train.png: not a PNG image"), out);
        assertTrue(bad.err().contains("modsweep verify: error:"), bad.err());

        Files.writeString(dir.resolve("phases.json"), good);
        Files.writeString(dir.resolve("progress.json"), Files.readString(dir.resolve("phases.json")));
        CommandsTest.Result noFigure = CommandsTest.run(new VerifyCommand(), "--store", store);
        assertTrue(noFigure.out().contains("progress.json: missing key(s) [key_share]"), noFigure.out());
    }

    @Test
    void badGridOptionsAreOneLine() throws Exception {
        String store = tmp.resolve("s").toString();
        PlantedGrid.commit(ResultsStore.open(store));
        CommandsTest.Result none = CommandsTest.run(new AnalyzeCommand(), "--store", store, "--grid", "nope");
        assertNotEquals(0, none.code());
        assertTrue(none.err().contains("no grid 'nope'"), none.err());
        CommandsTest.Result acc =
                CommandsTest.run(new AnalyzeCommand(), "--store", store, "--grid", PlantedGrid.ID, "--accuracy", "1.5");
        assertNotEquals(0, acc.code());
        assertTrue(acc.err().contains("the accuracy threshold must be in (0, 1], got 1.5"), acc.err());
        CommandsTest.Result share =
                CommandsTest.run(new AnalyzeCommand(), "--store", store, "--grid", PlantedGrid.ID, "--key-share", "0");
        assertTrue(share.err().contains("--key-share must be in (0, 1], got 0.0"), share.err());
        assertTrue(Files.notExists(tmp.resolve("s/results/grids/" + PlantedGrid.ID + "/phases.json")));
        CommandsTest.Result help = CommandsTest.run(new AnalyzeCommand(), "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--grokking-delay=EPOCHS"), help.out());
    }
}
