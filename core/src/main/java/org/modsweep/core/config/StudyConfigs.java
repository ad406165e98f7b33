package org.modsweep.core.config;

import static org.modsweep.core.Modulus.MIN_P;
import static org.modsweep.core.Modulus.MIN_P_GROKKING;
import static org.modsweep.core.config.Activation.Quad;
import static org.modsweep.core.config.Activation.ReLU;
import static org.modsweep.core.config.InitType.RANDOM;
import static org.modsweep.core.config.InitType.SINGLE_FREQ;
import static org.modsweep.core.config.OptimizerKind.AdamW;
import static org.modsweep.core.config.OptimizerKind.SGD;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsweep.core.Modulus;

/** The five training configurations of the study, in the reference's order (science.md §4.1). */
public final class StudyConfigs {

    private static final int SAVE_EVERY = 200;
    private static final long SEED = 42;

    public static final RunConfig STANDARD =
            preset("standard", ReLU, RANDOM, 0.1, AdamW, 5e-5, 0, 1.0, 5000, false, MIN_P);
    public static final RunConfig GROKKING =
            preset("grokking", ReLU, RANDOM, 0.1, AdamW, 1e-4, 2.0, 0.75, 50000, true, MIN_P_GROKKING);
    public static final RunConfig QUAD_RANDOM =
            preset("quad_random", Quad, RANDOM, 0.1, AdamW, 5e-5, 0, 1.0, 5000, false, MIN_P);
    public static final RunConfig QUAD_SINGLE_FREQ =
            preset("quad_single_freq", Quad, SINGLE_FREQ, 0.02, SGD, 0.1, 0, 1.0, 10000, false, MIN_P);
    public static final RunConfig RELU_SINGLE_FREQ =
            preset("relu_single_freq", ReLU, SINGLE_FREQ, 0.002, SGD, 0.01, 0, 1.0, 10000, false, MIN_P);

    /** One of the study's presets: checkpoints every 200 epochs, seed 42, hidden width from p. */
    private static RunConfig preset(
            String key,
            Activation act,
            InitType init,
            double initScale,
            OptimizerKind optimizer,
            double lr,
            double weightDecay,
            double fracTrain,
            int epochs,
            boolean plateauStop,
            int minP) {
        return new RunConfig(
                key,
                act,
                init,
                initScale,
                optimizer,
                lr,
                weightDecay,
                fracTrain,
                epochs,
                plateauStop,
                minP,
                SAVE_EVERY,
                SEED,
                null);
    }

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
