package org.modsweep.driver.reduce;

import java.io.IOException;
import java.util.List;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

/** The analysis module's per-modulus report and cross-modulus summary, as the reduce stage calls them. */
public final class ModulusReports {

    private ModulusReports() {
    }

    public static List<String> write(ResultsStore store, Modulus p) throws IOException {
        return List.of(); // TODO(driver): org.modsweep.analysis.ModulusReport.write(store, p) once analysis lands
    }

    public static void writeSummary(ResultsStore store) throws IOException {
        // TODO(driver): org.modsweep.analysis.CrossModulusSummary.write(store) once analysis lands
    }
}
