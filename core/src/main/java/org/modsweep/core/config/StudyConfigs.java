package org.modsweep.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsweep.core.Modulus;

/** The five training configurations of the study, in the reference's order (science.md §4.1). */
public final class StudyConfigs {

    private static final int SAVE_EVERY = 200;
    private static final long SEED = 42;

    public static final RunConfig STANDARD = new RunConfig(
            "standard",
            Activation.ReLU,
            InitType.RANDOM,
            0.1,
            OptimizerKind.AdamW,
            5e-5,
            0,
            1.0,
            5000,
            false,
            Modulus.MIN_P,
            SAVE_EVERY,
            SEED);
    public static final RunConfig GROKKING = new RunConfig(
            "grokking",
            Activation.ReLU,
            InitType.RANDOM,
            0.1,
            OptimizerKind.AdamW,
            1e-4,
            2.0,
            0.75,
            50000,
            true,
            Modulus.MIN_P_GROKKING,
            SAVE_EVERY,
            SEED);
    public static final RunConfig QUAD_RANDOM = new RunConfig(
            "quad_random",
            Activation.Quad,
            InitType.RANDOM,
            0.1,
            OptimizerKind.AdamW,
            5e-5,
            0,
            1.0,
            5000,
            false,
            Modulus.MIN_P,
            SAVE_EVERY,
            SEED);
    public static final RunConfig QUAD_SINGLE_FREQ = new RunConfig(
            "quad_single_freq",
            Activation.Quad,
            InitType.SINGLE_FREQ,
            0.02,
            OptimizerKind.SGD,
            0.1,
            0,
            1.0,
            10000,
            false,
            Modulus.MIN_P,
            SAVE_EVERY,
            SEED);
    public static final RunConfig RELU_SINGLE_FREQ = new RunConfig(
            "relu_single_freq",
            Activation.ReLU,
            InitType.SINGLE_FREQ,
            0.002,
            OptimizerKind.SGD,
            0.01,
            0,
            1.0,
            10000,
            false,
            Modulus.MIN_P,
            SAVE_EVERY,
            SEED);

    /** All five, in config order: standard, grokking, quad_random, quad_single_freq, relu_single_freq. */
    public static final List<RunConfig> ALL =
            List.of(STANDARD, GROKKING, QUAD_RANDOM, QUAD_SINGLE_FREQ, RELU_SINGLE_FREQ);

    private static final Map<String, RunConfig> BY_KEY = new LinkedHashMap<>();

    static {
        for (RunConfig c : ALL) {
            BY_KEY.put(c.key(), c);
        }
    }

    private StudyConfigs() {}

    public static List<String> keys() {
        return List.copyOf(BY_KEY.keySet());
    }

    public static RunConfig byKey(String key) {
        RunConfig c = BY_KEY.get(key == null ? "" : key.trim());
        if (c == null) {
            throw new IllegalArgumentException("unknown configuration '" + key + "': choose one of " + keys());
        }
        return c;
    }

    /** Parses {@code all} or a comma list of keys, keeping config order. */
    public static List<RunConfig> parse(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equals("all")) {
            return ALL;
        }
        List<String> wanted = new ArrayList<>();
        for (String s : spec.split(",")) {
            wanted.add(byKey(s).key());
        }
        List<RunConfig> out = new ArrayList<>();
        for (RunConfig c : ALL) {
            if (wanted.contains(c.key())) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether the study trains this configuration at this modulus (grokking only from p = 19). */
    public static boolean appliesTo(RunConfig c, Modulus p) {
        return p.p() >= c.minP();
    }

    public static List<RunConfig> forModulus(Modulus p) {
        return ALL.stream().filter(c -> appliesTo(c, p)).toList();
    }
}
