package org.modsweep.analysis;

import java.util.List;
import org.modsweep.analysis.report.Artifact;
import org.modsweep.analysis.report.Artifacts;
import org.modsweep.core.Modulus;

/**
 * The file set of outputs.md §1 per modulus as the {@link Artifacts} registry states it, in generation order: 34
 * files for p ≥ 19, 24 below (the ten grokking outputs are skipped).
 */
public final class ExpectedFiles {

    private ExpectedFiles() {}

    /** File names (without prefix) for p, in generation order. */
    public static List<String> names(Modulus p) {
        return Artifacts.names(p);
    }

    /** Full file names with the {@code p023_} prefix, in generation order. */
    public static List<String> fileNames(Modulus p) {
        return Artifacts.forModulus(p).stream().map(a -> a.fileName(p)).toList();
    }

    public static String prefix(Modulus p) {
        return Artifact.prefix(p);
    }

    /** Keys a JSON file must have for p (empty for PNGs). */
    public static List<String> requiredKeys(Modulus p, String name) {
        return Artifacts.named(name).requiredKeys(p);
    }
}
