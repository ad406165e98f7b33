package org.modsweep.core.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.StudyConfigs;

class GridSpecTest {

    @TempDir
    Path tmp;

    private static List<String> ids(List<Cell> cells) {
        return cells.stream().map(Cell::id).toList();
    }

    private static String error(String grid) {
        String msg = assertThrows(IllegalArgumentException.class, () -> GridSpec.parse(grid))
                .getMessage();
        assertFalse(msg.contains("\n"), msg);
        return msg;
    }

    @Test
    void expandsListsIntegerArithmeticAndLogRanges() {
        GridSpec g = GridSpec.parse("seed=1..3;weight_decay=0,0.25,0.5,1,2;frac_train=0.3..0.9:0.1");
        assertEquals(
                "seed=1,2,3;weight_decay=0.0,0.25,0.5,1.0,2.0;frac_train=0.3,0.4,0.5,0.6,0.7,0.8,0.9", g.toString());
        assertEquals(105, g.size());
        assertEquals(List.of(1L, 2L, 3L), g.axes().get(ConfigKey.SEED));
        assertEquals(List.of(0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), g.axes().get(ConfigKey.FRAC_TRAIN));
        assertEquals("lr=0.001,0.01,0.1,1.0", GridSpec.parse("lr=1e-3..1:log4").toString());
        assertEquals(
                "lr=0.0001,0.000316227766017,0.001",
                GridSpec.parse("lr=1e-4..1e-3:log3").toString());
        assertEquals(
                "d_mlp=16,32,64,128,256", GridSpec.parse("d_mlp=16..256:log5").toString());
        assertEquals(
                "init_scale=0.1,0.15,0.2",
                GridSpec.parse("init_scale=0.1..0.2:0.05").toString());
        assertEquals(
                "num_epochs=100,350,600",
                GridSpec.parse("num_epochs=100..700:250").toString());
        assertEquals(
                "seed=1,2,7,10,11", GridSpec.parse(" seed = 1..2, 7, 10..11 ; ").toString());
        assertEquals(
                "act_type=ReLU,Quad;optimizer=SGD",
                GridSpec.parse("act_type=relu,Quad,ReLU;optimizer=SGD").toString(),
                "names canonical, repeats once");
        assertEquals(
                "init_type=random,single-freq",
                GridSpec.parse("init_type=random,single-freq").toString());
    }

    @Test
    void runsAreTheProductOfModuliConfigsAndAxesInOrder() {
        GridSpec g = GridSpec.parse("seed=1,2;weight_decay=0.5,2");
        List<Cell> runs = g.runs(
                List.of(Modulus.of(5), Modulus.of(23)),
                List.of(StudyConfigs.STANDARD, StudyConfigs.GROKKING),
                GridSpec.DEFAULT_LIMIT,
                false);
        assertEquals(
                List.of(
                        "p005-standard-seed1-weight_decay0.5", "p005-standard-seed1-weight_decay2.0",
                        "p005-standard-seed2-weight_decay0.5", "p005-standard-seed2-weight_decay2.0",
                        "p023-standard-seed1-weight_decay0.5", "p023-standard-seed1-weight_decay2.0",
                        "p023-standard-seed2-weight_decay0.5", "p023-standard-seed2-weight_decay2.0",
                        "p023-grokking-seed1-weight_decay0.5", "p023-grokking-seed1",
                        "p023-grokking-seed2-weight_decay0.5", "p023-grokking-seed2"),
                ids(runs),
                "grokking only from p=19; its own weight decay 2.0 is no override");
        List<Cell> study = GridSpec.parse("seed=42").runs(List.of(Modulus.of(23)), StudyConfigs.ALL, 100, false);
        assertEquals(
                List.of(
                        "p023-standard",
                        "p023-grokking",
                        "p023-quad_random",
                        "p023-quad_single_freq",
                        "p023-relu_single_freq"),
                ids(study),
                "the study's own seed gives the study's runs");
    }

    @Test
    void identicalRunsAreOneRun() {
        List<Cell> runs = GridSpec.parse("lr=5e-5,0.00005,1e-4")
                .runs(List.of(Modulus.of(23)), List.of(StudyConfigs.STANDARD), 100, false);
        assertEquals(List.of("p023-standard", "p023-standard-lr0.0001"), ids(runs));
    }

    @Test
    void badGridsGetOneLine() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("", "the grid is empty"),
                Map.entry(" ; ", "the grid is empty"),
                Map.entry("colour=1,2", "unknown key 'colour'"),
                Map.entry("seed", "grid axis 'seed': expected KEY=VALUES"),
                Map.entry("seed=", "grid axis seed has no values"),
                Map.entry("seed=1,,2", "grid axis seed=1,,2: an empty value in the list"),
                Map.entry("seed=1;seed=2", "grid axis seed is given twice"),
                Map.entry("weight_decay=-1,0", "weight_decay=-1.0: must be >= 0"),
                Map.entry("frac_train=0..1:0.5", "frac_train=0.0: must satisfy 0 < frac_train <= 1"),
                Map.entry("seed=5..1", "grid axis seed=5..1: the range runs backwards"),
                Map.entry("lr=0.1..1", "grid axis lr=0.1..1: a range of a decimal key needs a step"),
                Map.entry("seed=1..5:0", "grid axis seed=1..5:0: the step must be > 0"),
                Map.entry("seed=1..2:0.5", "grid axis seed=1..2:0.5: 1.5 is not an integer"),
                Map.entry("lr=0..1:log3", "grid axis lr=0..1:log3: a log-spaced range needs values > 0"),
                Map.entry("lr=1e-3..1:log1", "grid axis lr=1e-3..1:log1: logN needs 2 <= N <= 100000"),
                Map.entry("lr=a..1:0.1", "grid axis lr=a..1:0.1: 'a' is not a number"),
                Map.entry("act_type=ReLU..Quad", "grid axis act_type=ReLU..Quad: ranges need a numeric key"),
                Map.entry("act_type=GeLU", "act_type=GeLU: must be one of ReLU, Quad"),
                Map.entry("seed=0..1000000", "grid axis seed=0..1000000: more than 100000 values in one range"));
        cases.forEach((grid, expected) -> {
            String msg = error(grid);
            assertTrue(msg.startsWith(expected), grid + " -> " + msg);
        });
    }

    @Test
    void gridsLargerThanTheLimitNeedYes() {
        GridSpec g = GridSpec.parse("seed=1..101;weight_decay=0..99:1");
        String msg = assertThrows(
                        IllegalArgumentException.class,
                        () -> g.runs(
                                List.of(Modulus.of(23)), List.of(StudyConfigs.STANDARD), GridSpec.DEFAULT_LIMIT, false))
                .getMessage();
        assertEquals("the grid has 10100 runs, more than the limit of 10000; add --yes to run them all", msg);
        assertEquals(
                10100,
                g.runs(List.of(Modulus.of(23)), List.of(StudyConfigs.STANDARD), GridSpec.DEFAULT_LIMIT, true)
                        .size());
        // the grokking base does not apply at p=5: 2 configs × 4 points bound, 4 real runs
        assertEquals(
                4,
                GridSpec.parse("seed=1..4")
                        .runs(List.of(Modulus.of(5)), List.of(StudyConfigs.STANDARD, StudyConfigs.GROKKING), 4, false)
                        .size());
    }

    @Test
    void aPointInvalidAtSomeModulusNamesIt() {
        String msg = assertThrows(IllegalArgumentException.class, () -> GridSpec.parse("frac_train=0.05,0.5")
                        .runs(List.of(Modulus.of(3)), List.of(StudyConfigs.STANDARD), 100, false))
                .getMessage();
        assertEquals(
                "grid point frac_train=0.05 at p=3, standard: frac_train=0.05: leaves no training pair at p=3 "
                        + "(floor(0.05*9) = 0)",
                msg);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridSpec.parse("seed=1")
                        .runs(List.of(Modulus.of(5)), List.of(StudyConfigs.GROKKING), 100, false))
                .getMessage()
                .startsWith("the grid has no runs"));
    }

    @Test
    void gridFilesInYamlAndJson() throws Exception {
        Path yaml = Files.writeString(
                tmp.resolve("grid.yaml"),
                """
                # the benchmark grid
                seed: 1..3
                weight_decay: [0, 0.25, 0.5, 1, 2]
                frac_train: "0.3..0.9:0.2"
                act_type: ReLU
                """);
        assertEquals(
                "seed=1,2,3;weight_decay=0.0,0.25,0.5,1.0,2.0;frac_train=0.3,0.5,0.7,0.9;act_type=ReLU",
                GridSpec.read(yaml).toString());
        Path json = Files.writeString(tmp.resolve("grid.json"), "{\"lr\": \"1e-4..1e-2:log3\", \"seed\": [7, 8]}");
        assertEquals("lr=0.0001,0.001,0.01;seed=7,8", GridSpec.read(json).toString());
        assertEquals(
                GridSpec.parse("seed=1..3;weight_decay=0,0.25,0.5,1,2;frac_train=0.3..0.9:0.2;act_type=ReLU"),
                GridSpec.read(yaml));

        Map<String, String> bad = Map.of(
                "empty.yaml", "",
                "list.yaml", "- seed\n- lr\n",
                "nested.yaml", "seed:\n  from: 1\n",
                "unknown.json", "{\"colour\": [1]}",
                "broken.json", "{\"seed\": [1,",
                "value.yaml", "seed: [1, -2]\n");
        String[] expect = {
            "is empty",
            "expected a mapping of key to values",
            "seed must be a value",
            "unknown key 'colour'",
            "grid file",
            "seed=-2: must be an integer"
        };
        String[] names = {"empty.yaml", "list.yaml", "nested.yaml", "unknown.json", "broken.json", "value.yaml"};
        for (int i = 0; i < names.length; i++) {
            Path f = Files.writeString(tmp.resolve(names[i]), bad.get(names[i]));
            String msg = assertThrows(IllegalArgumentException.class, () -> GridSpec.read(f))
                    .getMessage();
            assertTrue(msg.contains(expect[i]), names[i] + " -> " + msg);
            assertFalse(msg.contains("\n"), msg);
        }
        Path missing = tmp.resolve("missing.yaml");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridSpec.read(missing))
                .getMessage()
                .startsWith("grid file " + missing));
    }
}
