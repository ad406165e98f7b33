package org.modsweep.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.modsweep.core.Json;

/**
 * The reference implementation's numbers that the fidelity tests compare against, shipped in core's test jar:
 * {@code crosscheck/crosscheck.json} (the five p = 23 runs, the analytical ODE) and
 * {@code crosscheck/crosscheck-grid.json} (the moduli grid). docs/crosscheck.md says how they were produced.
 */
public final class ReferenceNumbers {

    private static JsonNode crosscheck;
    private static JsonNode grid;

    private ReferenceNumbers() {}

    /** crosscheck.json. */
    public static synchronized JsonNode crosscheck() {
        if (crosscheck == null) {
            crosscheck = read("crosscheck/crosscheck.json");
        }
        return crosscheck;
    }

    /** crosscheck-grid.json. */
    public static synchronized JsonNode grid() {
        if (grid == null) {
            grid = read("crosscheck/crosscheck-grid.json");
        }
        return grid;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ReferenceNumbers.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (core's test resources)");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
