package org.modsweep.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;

/** One (p, configuration) pair of a sweep: the unit one Spark task trains. Stable id {@code p023-standard}. */
public record Cell(Modulus modulus, RunConfig config) {

    private static final Pattern ID = Pattern.compile("p(\\d+)-([a-z_]+)");

    public Cell {
        if (!StudyConfigs.appliesTo(config, modulus)) {
            throw new IllegalArgumentException("configuration " + config.key() + " needs p >= " + config.minP()
                    + " (got p=" + modulus.p() + ")");
        }
    }

    public static Cell of(int p, String configKey) {
        return new Cell(Modulus.of(p), StudyConfigs.byKey(configKey));
    }

    public int p() {
        return modulus.p();
    }

    public String id() {
        return "p" + modulus.padded() + "-" + config.key();
    }

    /** Parses an id made by {@link #id()}; the epoch count is the study's (a cap is not part of the id). */
    public static Cell parse(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a cell id: '" + id + "' (expected e.g. p023-standard)");
        }
        return of(Integer.parseInt(m.group(1)), m.group(2));
    }

    /** Work estimate for scheduling largest first: epochs × d_mlp × p² (one epoch's multiply-adds up to a constant). */
    public double cost() {
        double p2 = (double) modulus.p() * modulus.p();
        return (double) config.numEpochs() * modulus.dMlp() * p2;
    }

    @Override
    public String toString() {
        return id();
    }
}
