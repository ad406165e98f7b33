package org.modsweep.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modsweep.core.Cell;

class OverridesTest {

    private static Cell run(int p, String config, String... set) {
        return Cell.of(p, config, Overrides.parse(List.of(set)));
    }

    private static String error(int p, String config, String... set) {
        return assertThrows(IllegalArgumentException.class, () -> run(p, config, set))
                .getMessage();
    }

    @Test
    void studyRunsKeepTheirIds() {
        assertEquals("p023-standard", run(23, "standard").id());
        assertEquals("p023-standard", Cell.of(23, "standard").id());
        assertTrue(run(23, "standard").isStudyRun());
        // a value equal to the preset's (or d_mlp equal to p's sizing) is no override: the same run
        assertEquals(
                "p023-grokking",
                run(23, "grokking", "seed=42", "lr=0.0001", "weight_decay=2", "d_mlp=512")
                        .id());
        assertEquals(Cell.of(23, "grokking"), run(23, "grokking", "frac_train=0.75"));
    }

    @Test
    void overriddenRunsHaveReadableOrderIndependentIds() {
        Cell a = run(23, "grokking", "weight_decay=0.5", "seed=7");
        Cell b = run(23, "grokking", "seed=+7", " weight_decay = .50 ");
        assertEquals("p023-grokking-seed7-weight_decay0.5", a.id());
        assertEquals(a, b);
        assertEquals(a.id(), b.id());
        assertFalse(a.isStudyRun());
        assertEquals("p023-standard-lr0.0001", run(23, "standard", "lr=1e-4").id());
        assertEquals("p023-standard-lr1e-05", run(23, "standard", "lr=0.00001").id());
        assertEquals(
                "p031-quad_single_freq-seed5-d_mlp64-num_epochs300-act_typeReLU-init_typerandom",
                run(31, "quad_single_freq", "init_type=RANDOM", "act_type=relu", "num_epochs=300", "d_mlp=64", "seed=5")
                        .id());
        assertEquals(
                "p023-grokking-frac_train0.6-optimizerSGD-init_typesingle-freq",
                run(23, "grokking", "frac_train=0.6", "optimizer=sgd", "init_type=single-freq")
                        .id());
    }

    @Test
    void overridesReachTheConfiguration() {
        Cell c = run(
                23,
                "grokking",
                "seed=3",
                "frac_train=0.6",
                "weight_decay=1.0",
                "d_mlp=100",
                "lr=0.001",
                "init_scale=0.05",
                "num_epochs=2000",
                "act_type=Quad",
                "optimizer=SGD",
                "init_type=single-freq");
        RunConfig r = c.config();
        assertEquals(3L, r.seed());
        assertEquals(0.6, r.fracTrain());
        assertEquals(1.0, r.weightDecay());
        assertEquals(100, c.dMlp());
        assertEquals(0.001, r.lr());
        assertEquals(0.05, r.initScale());
        assertEquals(2000, r.numEpochs());
        assertEquals(Activation.Quad, r.act());
        assertEquals(OptimizerKind.SGD, r.optimizer());
        assertEquals(InitType.SINGLE_FREQ, r.initType());
        assertTrue(r.plateauStop(), "the base's plateau stop still applies");
        assertEquals("grokking", r.key());
        assertEquals(512, Cell.of(23, "grokking").dMlp());
        assertNull(StudyConfigs.GROKKING.dMlp());
    }

    @Test
    void idsParseBackToTheSameRun() {
        for (Cell c : List.of(
                Cell.of(23, "standard"),
                run(23, "grokking", "seed=7", "weight_decay=0.5"),
                run(23, "standard", "lr=1e-5", "init_type=single-freq"),
                run(41, "relu_single_freq", "seed=4294967295", "d_mlp=3", "optimizer=AdamW", "act_type=Quad"),
                run(23, "grokking", "frac_train=0.3", "weight_decay=0", "init_scale=2.5e-07", "num_epochs=12"))) {
            assertEquals(c, Cell.parse(c.id()), c.id());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cell.parse("p023-grokking-seed07"))
                .getMessage()
                .contains("not a canonical run id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cell.parse("p023-grokking-colour7"))
                .getMessage()
                .contains("'colour7' is not a key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cell.parse("p023-grokking-seed42"))
                .getMessage()
                .contains("the same run is 'p023-grokking'"));
    }

    @Test
    void longOverrideSetsAreHashedDeterministically() {
        Cell c = run(
                23,
                "standard",
                "lr=0.00012345678901234567",
                "weight_decay=0.12345678901234568",
                "init_scale=0.11111111111111112",
                "frac_train=0.12345678901234568",
                "seed=4000000000",
                "d_mlp=123456",
                "num_epochs=1234567",
                "act_type=Quad",
                "optimizer=SGD");
        assertTrue(c.id().matches("p023-standard-h[0-9a-f]{12}"), c.id());
        assertEquals(
                c.id(),
                run(
                                23,
                                "standard",
                                "optimizer=SGD",
                                "act_type=Quad",
                                "num_epochs=1234567",
                                "d_mlp=123456",
                                "seed=4000000000",
                                "frac_train=0.12345678901234568",
                                "init_scale=0.11111111111111112",
                                "weight_decay=0.12345678901234568",
                                "lr=0.00012345678901234567")
                        .id());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cell.parse(c.id()))
                .getMessage()
                .contains("cannot be read back"));
    }

    @Test
    void invalidValuesAreOneLineNamingKeyValueAndRule() {
        Map<String[], String> cases = Map.ofEntries(
                Map.entry(new String[] {"seed=-1"}, "seed=-1: must be an integer"),
                Map.entry(
                        new String[] {"seed=4294967296"}, "seed=4294967296: must be an integer with 0 <= seed < 2^32"),
                Map.entry(new String[] {"seed=1.5"}, "seed=1.5: must be an integer"),
                Map.entry(new String[] {"lr=0"}, "lr=0.0: must be > 0"),
                Map.entry(new String[] {"lr=abc"}, "lr=abc: must be a decimal number"),
                Map.entry(new String[] {"lr=NaN"}, "lr=NaN: must be a decimal number"),
                Map.entry(new String[] {"lr=1e999"}, "lr=1e999: must be a finite number"),
                Map.entry(new String[] {"weight_decay=-0.5"}, "weight_decay=-0.5: must be >= 0"),
                Map.entry(new String[] {"frac_train=0"}, "frac_train=0.0: must satisfy 0 < frac_train <= 1"),
                Map.entry(new String[] {"frac_train=1.5"}, "frac_train=1.5: must satisfy 0 < frac_train <= 1"),
                Map.entry(new String[] {"frac_train=0.001"}, "frac_train=0.001: leaves no training pair at p=23"),
                Map.entry(new String[] {"init_scale=-1"}, "init_scale=-1.0: must be > 0"),
                Map.entry(new String[] {"d_mlp=0"}, "d_mlp=0: must be an integer >= 1"),
                Map.entry(new String[] {"num_epochs=0"}, "num_epochs=0: must be an integer >= 1"),
                Map.entry(new String[] {"num_epochs=99999999999"}, "num_epochs=99999999999: must be an integer <="),
                Map.entry(new String[] {"act_type=GeLU"}, "act_type=GeLU: must be one of ReLU, Quad"),
                Map.entry(new String[] {"optimizer=Adam"}, "optimizer=Adam: must be one of AdamW, SGD"),
                Map.entry(new String[] {"init_type=zeros"}, "init_type=zeros: must be one of random, single-freq"),
                Map.entry(new String[] {"colour=red"}, "unknown key 'colour': valid keys are seed, lr, weight_decay,"),
                Map.entry(new String[] {"seed"}, "--set seed: expected KEY=VALUE"),
                Map.entry(new String[] {"seed=1", "seed=2"}, "--set seed is given twice (1 and 2)"));
        cases.forEach((set, expected) -> {
            String msg;
            try {
                msg = error(23, "grokking", set);
            } catch (AssertionError e) {
                throw new AssertionError(String.join(" ", set) + " was accepted", e);
            }
            assertTrue(msg.startsWith(expected), String.join(" ", set) + " -> " + msg);
            assertFalse(msg.contains("\n"), msg);
        });
    }

    @Test
    void valuesOfAnyFittingTypeBecomeCanonical() {
        Overrides o =
                Overrides.of(Map.of(ConfigKey.SEED, 7, ConfigKey.LR, 0.0001, ConfigKey.ACT_TYPE, Activation.Quad));
        assertEquals(Overrides.parse(List.of("seed=7", "lr=0.0001", "act_type=Quad")), o);
        assertEquals(7L, o.values().get(ConfigKey.SEED));
        assertThrows(IllegalArgumentException.class, () -> Overrides.of(Map.of(ConfigKey.LR, -1.0)));
    }

    @Test
    void runJsonCarriesADMlpOverrideOnly() {
        assertFalse(ConfigJson.toMap(StudyConfigs.STANDARD).containsKey("d_mlp"));
        RunConfig c = run(23, "standard", "d_mlp=64", "seed=9").config();
        assertEquals(64, ConfigJson.toMap(c).get("d_mlp"));
        assertEquals(c, ConfigJson.fromMap(ConfigJson.toMap(c)));
    }
}
