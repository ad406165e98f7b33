package org.modsweep.core.config;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A key of a configuration that a run may override, under the study's own name (grids.md §1), with its type and
 * valid values. Values are held canonically: seed Long; lr, weight_decay, frac_train, init_scale Double; d_mlp and
 * num_epochs Integer; act_type {@link Activation}, optimizer {@link OptimizerKind}, init_type {@link InitType}.
 * The declaration order is the order of the keys in run ids.
 */
public enum ConfigKey {
    SEED("seed"),
    LR("lr"),
    WEIGHT_DECAY("weight_decay"),
    FRAC_TRAIN("frac_train"),
    INIT_SCALE("init_scale"),
    D_MLP("d_mlp"),
    NUM_EPOCHS("num_epochs"),
    ACT_TYPE("act_type"),
    OPTIMIZER("optimizer"),
    INIT_TYPE("init_type");

    /** NumPy's legacy seeding accepts 0 ≤ seed < 2^32. */
    public static final long SEED_LIMIT = 1L << 32;

    private static final Pattern INTEGER = Pattern.compile("[+]?\\d{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final String key;

    ConfigKey(String key) {
        this.key = key;
    }

    /** The study's name, e.g. {@code weight_decay}. */
    public String key() {
        return key;
    }

    public boolean numeric() {
        return this != ACT_TYPE && this != OPTIMIZER && this != INIT_TYPE;
    }

    public boolean integer() {
        return this == SEED || this == D_MLP || this == NUM_EPOCHS;
    }

    /** The keys grids.md §4 draws on a log scale. */
    public boolean logScale() {
        return this == LR || this == WEIGHT_DECAY || this == INIT_SCALE;
    }

    /** The key of this name; throws naming the valid keys. */
    public static ConfigKey of(String name) {
        String n = name == null ? "" : name.trim();
        for (ConfigKey k : values()) {
            if (k.key.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key '" + n + "': valid keys are "
                + String.join(", ", Arrays.stream(values()).map(ConfigKey::key).toList()));
    }

    /** Parses and validates a value written by a user; throws one line naming key, value and rule. */
    public Object parse(String raw) {
        String v = raw == null ? "" : raw.trim();
        Object value =
                switch (this) {
                    case SEED -> integerValue(v);
                    case D_MLP, NUM_EPOCHS -> (int) integerValue(v);
                    case LR, WEIGHT_DECAY, FRAC_TRAIN, INIT_SCALE -> decimal(v);
                    case ACT_TYPE -> name(v, new Activation[] {Activation.ReLU, Activation.Quad}); // the trainer's two
                    case OPTIMIZER -> name(v, OptimizerKind.values());
                    case INIT_TYPE -> initType(v);
                };
        return validate(value);
    }

    /** Checks a canonical value against §1's rule (the p-dependent split rule is {@code Cell}'s). */
    public Object validate(Object value) {
        switch (this) {
            case SEED -> {
                long s = ((Number) value).longValue();
                require(
                        value,
                        s >= 0 && s < SEED_LIMIT,
                        "must be an integer with 0 <= seed < 2^32 (NumPy's legacy " + "seeding limit)");
            }
            case LR -> require(value, dbl(value) > 0, "must be > 0 (base learning rate)");
            case INIT_SCALE -> require(value, dbl(value) > 0, "must be > 0 (initialisation scale)");
            case WEIGHT_DECAY -> require(value, dbl(value) >= 0, "must be >= 0");
            case FRAC_TRAIN -> require(value, dbl(value) > 0 && dbl(value) <= 1, "must satisfy 0 < frac_train <= 1");
            case D_MLP -> require(value, ((Number) value).longValue() >= 1, "must be an integer >= 1 (hidden width)");
            case NUM_EPOCHS -> require(value, ((Number) value).longValue() >= 1, "must be an integer >= 1");
            default -> {}
        }
        return value;
    }

    private void require(Object value, boolean ok, String rule) {
        if (!ok) {
            throw invalid(format(value), rule);
        }
    }

    private static double dbl(Object v) {
        return ((Number) v).doubleValue();
    }

    private long integerValue(String v) {
        if (!INTEGER.matcher(v).matches()) {
            throw invalid(v, "must be an integer");
        }
        try {
            long n = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            if (this != SEED && n > Integer.MAX_VALUE) {
                throw invalid(v, "must be an integer <= " + Integer.MAX_VALUE);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(v, "must be an integer");
        }
    }

    private double decimal(String v) {
        if (!DECIMAL.matcher(v).matches()) {
            throw invalid(v, "must be a decimal number");
        }
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
            throw invalid(v, "must be a finite number");
        }
        return d == 0.0 ? 0.0 : d; // -0 and 0 are one value
    }

    private InitType initType(String v) {
        for (InitType t : InitType.values()) {
            if (t.label().equalsIgnoreCase(v)) {
                return t;
            }
        }
        throw invalid(v, "must be one of random, single-freq");
    }

    private <E extends Enum<E>> E name(String v, E[] values) {
        for (E e : values) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw invalid(
                v,
                "must be one of "
                        + String.join(
                                ", ", Arrays.stream(values).map(Enum::name).toList()));
    }

    /** The one-line error every surface prints: {@code weight_decay=-1: must be >= 0}. */
    public IllegalArgumentException invalid(String value, String rule) {
        return new IllegalArgumentException(key + "=" + value + ": " + rule);
    }

    /** The canonical text of a value: Python's repr for floats, as the study prints them; names as the study's. */
    public String format(Object value) {
        if (value instanceof Double d) {
            return PythonFloats.repr(d);
        }
        if (value instanceof InitType t) {
            return t.label();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return String.valueOf(value);
    }

    /** This key's value in a configuration (d_mlp: null when it follows p). */
    public Object get(RunConfig c) {
        return switch (this) {
            case SEED -> c.seed();
            case LR -> c.lr();
            case WEIGHT_DECAY -> c.weightDecay();
            case FRAC_TRAIN -> c.fracTrain();
            case INIT_SCALE -> c.initScale();
            case D_MLP -> c.dMlp();
            case NUM_EPOCHS -> c.numEpochs();
            case ACT_TYPE -> c.act();
            case OPTIMIZER -> c.optimizer();
            case INIT_TYPE -> c.initType();
        };
    }

    /** A configuration with the given keys replaced (values canonical and valid), everything else from {@code c}. */
    static RunConfig rebuild(RunConfig c, Map<ConfigKey, Object> v) {
        return new RunConfig(
                c.key(),
                (Activation) v.getOrDefault(ACT_TYPE, c.act()),
                (InitType) v.getOrDefault(INIT_TYPE, c.initType()),
                (Double) v.getOrDefault(INIT_SCALE, c.initScale()),
                (OptimizerKind) v.getOrDefault(OPTIMIZER, c.optimizer()),
                (Double) v.getOrDefault(LR, c.lr()),
                (Double) v.getOrDefault(WEIGHT_DECAY, c.weightDecay()),
                (Double) v.getOrDefault(FRAC_TRAIN, c.fracTrain()),
                (Integer) v.getOrDefault(NUM_EPOCHS, c.numEpochs()),
                c.plateauStop(),
                c.minP(),
                c.saveEvery(),
                (Long) v.getOrDefault(SEED, c.seed()),
                (Integer) v.getOrDefault(D_MLP, c.dMlp()));
    }

    @Override
    public String toString() {
        return key;
    }
}
