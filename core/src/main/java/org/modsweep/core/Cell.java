package org.modsweep.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.RunIds;
import org.modsweep.core.config.StudyConfigs;

/**
 * One run of a sweep: a modulus p and a configuration (one of the study's five, possibly with overrides of its keys,
 * grids.md §1); the unit one Spark task trains. Its id is stable and readable: {@code p023-standard} for the study's
 * runs, {@code p023-grokking-seed7-weight_decay0.5} with overrides (keys in a fixed order, values canonical), or, when
 * the overrides would make the id longer than {@link #MAX_SUFFIX} characters, a hash of them ({@code -h} and 12 hex).
 */
public record Cell(Modulus modulus, RunConfig config) {

    /** The longest readable override suffix; longer ones are hashed so ids stay well inside file-name limits. */
    public static final int MAX_SUFFIX = 150;

    private static final Pattern ID = Pattern.compile("p(\\d+)-([a-z_]+)(?:-(.+))?");

    public Cell {
        if (!StudyConfigs.appliesTo(config, modulus)) {
            throw new IllegalArgumentException(
                    "configuration " + config.key() + " needs p >= " + config.minP() + " (got p=" + modulus.p() + ")");
        }
        if (config.dMlp() != null && config.dMlp() == modulus.dMlp()) {
            config = new RunConfig(
                    config.key(),
                    config.act(),
                    config.initType(),
                    config.initScale(),
                    config.optimizer(),
                    config.lr(),
                    config.weightDecay(),
                    config.fracTrain(),
                    config.numEpochs(),
                    config.plateauStop(),
                    config.minP(),
                    config.saveEvery(),
                    config.seed(),
                    null);
        }
        checkSplit(modulus, config.fracTrain());
    }

    public static Cell of(int p, String configKey) {
        return new Cell(Modulus.of(p), StudyConfigs.byKey(configKey));
    }

    /** The study's configuration {@code configKey} at p with the given overrides. */
    public static Cell of(int p, String configKey, Overrides overrides) {
        return new Cell(Modulus.of(p), StudyConfigs.byKey(configKey).with(overrides));
    }

    public int p() {
        return modulus.p();
    }

    /** The hidden width this run trains with. */
    public int dMlp() {
        return config.dMlpAt(modulus);
    }

    /** Whether this is one of the study's own runs (no key differs from its preset). */
    public boolean isStudyRun() {
        return config.overrides().isEmpty();
    }

    public String id() {
        String base = "p" + modulus.padded() + "-" + config.key();
        Overrides o = config.overrides();
        if (o.isEmpty()) {
            return base;
        }
        String suffix = o.idSuffix();
        return base + "-" + (suffix.length() <= MAX_SUFFIX ? suffix : "h" + hash(suffix));
    }

    /**
     * Parses an id made by {@link #id()}; the epoch count is the configuration's (a cap is not part of the id).
     * Hashed ids cannot be parsed back: such a run is named by its overrides.
     */
    public static Cell parse(String id) {
        Matcher m = ID.matcher(id == null ? "" : id);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a run id: '" + id + "' (expected e.g. p023-standard or "
                    + "p023-grokking-seed7-weight_decay0.5)");
        }
        Overrides o = m.group(3) == null ? Overrides.NONE : RunIds.parseSuffix(m.group(3), id);
        Cell cell = of(Integer.parseInt(m.group(1)), m.group(2), o);
        if (!cell.id().equals(id)) {
            throw new IllegalArgumentException(
                    "not a canonical run id: '" + id + "' (the same run is '" + cell.id() + "')");
        }
        return cell;
    }

    /** Work estimate for scheduling largest first: epochs × d_mlp × p² (one epoch's multiply-adds up to a constant). */
    public double cost() {
        double p2 = (double) modulus.p() * modulus.p();
        return (double) config.numEpochs() * dMlp() * p2;
    }

    /** frac_train < 1 must leave at least one pair on each side of the split at this p (grids.md §1). */
    private static void checkSplit(Modulus modulus, double frac) {
        if (frac == 1.0) {
            return;
        }
        int n = modulus.p() * modulus.p();
        long nTrain = (long) Math.floor(frac * n);
        if (nTrain < 1) {
            throw new IllegalArgumentException("frac_train=" + frac + ": leaves no training pair at p=" + modulus.p()
                    + " (floor(" + frac + "*" + n + ") = 0)");
        }
        if (nTrain >= n) {
            throw new IllegalArgumentException("frac_train=" + frac + ": leaves no test pair at p=" + modulus.p()
                    + " (floor(" + frac + "*" + n + ") = " + n + "); use 1 for full-data training");
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
