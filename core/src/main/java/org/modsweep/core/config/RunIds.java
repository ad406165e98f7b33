package org.modsweep.core.config;

import java.util.EnumMap;
import java.util.regex.Pattern;

/** Reads back the override part of a run id ({@code seed7-weight_decay0.5}); {@code Cell.id()} writes it. */
public final class RunIds {

    /** A '-' that starts a key: values never contain "-key" (floats have "e-05", init types "single-freq"). */
    private static final Pattern KEY_START;

    static {
        StringBuilder alt = new StringBuilder();
        for (ConfigKey k : ConfigKey.values()) {
            alt.append(alt.length() == 0 ? "" : "|").append(k.key());
        }
        KEY_START = Pattern.compile("-(?=(?:" + alt + "))");
    }

    private RunIds() {}

    /** The overrides named by a suffix; throws naming the id when a part is not KEY followed by a valid value. */
    public static Overrides parseSuffix(String suffix, String id) {
        if (suffix.matches("h[0-9a-f]{12}")) {
            throw new IllegalArgumentException("run id '" + id + "' carries a hash of its overrides and cannot be "
                    + "read back; name the run by its overrides instead");
        }
        EnumMap<ConfigKey, Object> m = new EnumMap<>(ConfigKey.class);
        for (String part : KEY_START.split(suffix)) {
            ConfigKey key = null;
            for (ConfigKey k : ConfigKey.values()) {
                if (part.startsWith(k.key())
                        && (key == null || k.key().length() > key.key().length())) {
                    key = k;
                }
            }
            if (key == null || part.length() == key.key().length() || m.containsKey(key)) {
                throw new IllegalArgumentException(
                        "not a run id: '" + id + "' ('" + part + "' is not a key " + "followed by its value)");
            }
            m.put(key, key.parse(part.substring(key.key().length())));
        }
        return Overrides.of(m);
    }
}
