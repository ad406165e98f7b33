package org.modsweep.worker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.modsweep.core.Json;

/**
 * The reference's numbers (spec/crosscheck.json in the project's shared folder, which CI checks out beside the
 * clone: {@code ../shared} from the Maven root). Found by walking up from the module directory, or named with
 * {@code -Dmodsweep.shared=DIR}; tests that need it are skipped, saying why, when it is absent.
 */
final class Crosscheck {

    private static JsonNode cached;

    private Crosscheck() {
    }

    static Path locate() {
        String override = System.getProperty("modsweep.shared");
        if (override != null) {
            return Path.of(override, "spec", "crosscheck.json");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("spec").resolve("crosscheck.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("..", "..", "shared", "spec", "crosscheck.json");
    }

    /** The p=23 block of crosscheck.json; skips the calling test (with the reason) when the file is absent. */
    static synchronized JsonNode p23() throws IOException {
        if (cached == null) {
            Path f = locate();
            assumeTrue(Files.isRegularFile(f), "crosscheck.json not found (looked for shared/spec/crosscheck.json "
                    + "beside the repository and its parents; set -Dmodsweep.shared=DIR): fidelity not checked");
            cached = Json.MAPPER.readTree(f.toFile()).get("p23");
        }
        return cached;
    }

    /** Relative tolerance for a metric at epoch e: the smallest bracket "<=E" with E >= e. */
    static double tolerance(JsonNode config, String metric, int epoch) {
        JsonNode brackets = config.get("tolerance").get(metric);
        double best = Double.NaN;
        int bestEnd = Integer.MAX_VALUE;
        for (var it = brackets.fields(); it.hasNext(); ) {
            var e = it.next();
            int end = Integer.parseInt(e.getKey().substring(2));
            if (end >= epoch && end < bestEnd) {
                bestEnd = end;
                best = e.getValue().asDouble();
            }
        }
        if (Double.isNaN(best)) {
            throw new IllegalStateException("no tolerance bracket for " + metric + " at epoch " + epoch);
        }
        return best;
    }

    static double relDiff(double java, double ref) {
        double scale = Math.max(Math.abs(java), Math.abs(ref));
        return scale == 0 ? 0 : Math.abs(java - ref) / scale;
    }
}
