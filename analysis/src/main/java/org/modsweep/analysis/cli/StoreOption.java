package org.modsweep.analysis.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.cli.StoreConfOptions;
import org.modsweep.core.store.ResultsStore;

/** Shared resolution of --store and --p for the analysis commands. */
final class StoreOption {

    private StoreOption() {
    }

    /** Opens an existing store with the command's settings; unreachable or missing: one line, exit 2. */
    static ResultsStore open(String uri, StoreConfOptions options) throws IOException {
        return options.open(uri, true);
    }

    /** The moduli named by --p, or (when absent) every modulus with a committed run in the store. */
    static List<Modulus> moduli(ResultsStore store, String spec) throws IOException {
        if (spec != null && !spec.isBlank()) {
            return ModulusList.parse(spec);
        }
        TreeSet<Modulus> set = new TreeSet<>();
        for (Cell c : store.committedCells()) {
            set.add(c.modulus());
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("store " + store.uri() + " has no committed runs (train with "
                    + "'modsweep sweep' or 'modsweep train' first)");
        }
        return new ArrayList<>(set);
    }
}
