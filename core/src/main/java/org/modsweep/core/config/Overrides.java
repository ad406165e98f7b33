package org.modsweep.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Overrides of a base configuration's keys (grids.md §1): {@code --set seed=7 --set weight_decay=0.5}. Values are
 * canonical and valid; iteration is in {@link ConfigKey} order, so two spellings of the same overrides are equal and
 * give the same run id whatever order the user wrote them in.
 */
public final class Overrides {

    public static final Overrides NONE = new Overrides(new EnumMap<>(ConfigKey.class));

    private final Map<ConfigKey, Object> values;

    private Overrides(EnumMap<ConfigKey, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Parses {@code KEY=VALUE} items; a malformed item, an unknown key, a bad value or a repeated key throws. */
    public static Overrides parse(List<String> items) {
        EnumMap<ConfigKey, Object> m = new EnumMap<>(ConfigKey.class);
        for (String item : items == null ? List.<String>of() : items) {
            int eq = item.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--set " + item + ": expected KEY=VALUE, e.g. --set seed=7");
            }
            ConfigKey k = ConfigKey.of(item.substring(0, eq));
            Object v = k.parse(item.substring(eq + 1));
            Object before = m.put(k, v);
            if (before != null && !before.equals(v)) {
                throw new IllegalArgumentException(
                        "--set " + k + " is given twice (" + k.format(before) + " and " + k.format(v) + ")");
            }
        }
        return new Overrides(m);
    }

    /** Overrides from values of any fitting type (7 or 7L for a seed), made canonical and validated. */
    public static Overrides of(Map<ConfigKey, ?> values) {
        EnumMap<ConfigKey, Object> m = new EnumMap<>(ConfigKey.class);
        values.forEach((k, v) -> m.put(k, k.parse(k.format(Objects.requireNonNull(v, k.key())))));
        return new Overrides(m);
    }

    /** The keys in which {@code run} differs from {@code base}. */
    static Overrides between(RunConfig base, RunConfig run) {
        EnumMap<ConfigKey, Object> m = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            Object v = k.get(run);
            if (!Objects.equals(k.get(base), v)) {
                m.put(k, v);
            }
        }
        return new Overrides(m);
    }

    RunConfig applyTo(RunConfig base) {
        return values.isEmpty() ? base : ConfigKey.rebuild(base, values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Map<ConfigKey, Object> values() {
        return values;
    }

    /** These overrides and then {@code later}'s (later wins on a shared key). */
    public Overrides plus(Overrides later) {
        EnumMap<ConfigKey, Object> m = new EnumMap<>(ConfigKey.class);
        m.putAll(values);
        m.putAll(later.values);
        return new Overrides(m);
    }

    /** {@code seed7-weight_decay0.5}: each key then its canonical value, joined by '-', in key order. */
    public String idSuffix() {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k.key() + k.format(v)));
        return String.join("-", parts);
    }

    /** {@code seed=7, weight_decay=0.5}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k.key() + "=" + k.format(v)));
        return String.join(", ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Overrides other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
