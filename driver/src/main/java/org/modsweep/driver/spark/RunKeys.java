package org.modsweep.driver.spark;

import java.util.ArrayList;
import java.util.List;
import org.modsweep.core.Cell;
import org.modsweep.core.config.Overrides;

/**
 * How a run travels to its training task: its id, then its modulus, configuration and overrides, tab-separated.
 * The id alone is not enough: an id whose overrides would be too long carries a hash of them and cannot be parsed
 * back ({@link Cell#parse}).
 */
public final class RunKeys {

    private RunKeys() {}

    /** {@code p023-grokking-seed7\t23\tgrokking\tseed=7}. */
    public static String of(Cell run) {
        List<String> parts = new ArrayList<>(
                List.of(run.id(), Integer.toString(run.p()), run.config().key()));
        run.config().overrides().values().forEach((k, v) -> parts.add(k.key() + "=" + k.format(v)));
        return String.join("\t", parts);
    }

    /** The run's id. */
    public static String id(String key) {
        int tab = key.indexOf('\t');
        return tab < 0 ? key : key.substring(0, tab);
    }

    /** The run a key names; a bare id (no tab) is parsed as an id. */
    public static Cell parse(String key) {
        String[] parts = key.split("\t");
        if (parts.length == 1) {
            return Cell.parse(key);
        }
        List<String> set = List.of(parts).subList(3, parts.length);
        Cell run = Cell.of(Integer.parseInt(parts[1]), parts[2], Overrides.parse(set));
        if (!run.id().equals(parts[0])) {
            throw new IllegalArgumentException(
                    "run key " + parts[0] + " does not match its overrides (" + run.id() + ")");
        }
        return run;
    }
}
