package org.modsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.StudyConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The sweep's run options as a command line gives them. */
class GridOptionsTest {

    @TempDir
    Path tmp;

    @Command(name = "t")
    static final class Holder {
        @Mixin
        GridOptions options;
    }

    private static List<String> runs(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h
                .options
                .runs(List.of(Modulus.of(5), Modulus.of(23)), List.of(StudyConfigs.STANDARD, StudyConfigs.GROKKING))
                .stream()
                .map(Cell::id)
                .toList();
    }

    private static String error(String... args) {
        String msg =
                assertThrows(IllegalArgumentException.class, () -> runs(args)).getMessage();
        assertFalse(msg.contains("\n"), msg);
        return msg;
    }

    @Test
    void withoutOptionsTheStudysRuns() {
        Holder h = new Holder();
        new CommandLine(h).parseArgs();
        assertFalse(h.options.given());
        assertEquals(List.of("p005-standard", "p023-standard", "p023-grokking"), runs());
    }

    @Test
    void setAppliesToEveryRunAndTheGridOnTop() {
        assertEquals(
                List.of("p005-standard-seed7", "p023-standard-seed7", "p023-grokking-seed7"), runs("--set", "seed=7"));
        assertEquals(
                List.of(
                        "p005-standard-seed7-weight_decay1.0",
                        "p005-standard-seed7-weight_decay2.0",
                        "p023-standard-seed7-weight_decay1.0",
                        "p023-standard-seed7-weight_decay2.0",
                        "p023-grokking-seed7-weight_decay1.0",
                        "p023-grokking-seed7"),
                runs("--set", "seed=7", "--grid", "weight_decay=1,2"));
    }

    @Test
    void gridFiles() throws Exception {
        Path f = Files.writeString(tmp.resolve("g.yaml"), "seed: [1, 2]\n");
        assertEquals(
                List.of(
                        "p005-standard-seed1",
                        "p005-standard-seed2",
                        "p023-standard-seed1",
                        "p023-standard-seed2",
                        "p023-grokking-seed1",
                        "p023-grokking-seed2"),
                runs("--grid-file", f.toString()));
    }

    @Test
    void badRunOptionsGetOneLine() throws Exception {
        Path f = Files.writeString(tmp.resolve("g.yaml"), "seed: [1, 2]\n");
        assertEquals("give --grid or --grid-file, not both", error("--grid", "seed=1", "--grid-file", f.toString()));
        assertEquals("seed is both set (--set) and a grid axis", error("--set", "seed=3", "--grid", "seed=1,2"));
        assertTrue(error("--grid", "").startsWith("the grid is empty"));
        assertTrue(error("--set", "lr=0").startsWith("lr=0.0: must be > 0"));
        assertTrue(error("--grid", "seed=1..5001;lr=1e-4,2e-4")
                .startsWith("the grid has 30006 runs, more than the " + "limit of 10000; add --yes"));
        assertEquals(30006, runs("--grid", "seed=1..5001;lr=1e-4,2e-4", "--yes").size());
    }
}
