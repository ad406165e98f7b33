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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that pick a store and its moduli, shared by {@code analyze} and {@code verify} (a picocli mixin). */
final class StoreSelection {

    @Option(
            names = "--store",
            required = true,
            paramLabel = "URI",
            description = "Results store: a directory or a Hadoop URI such as s3a://bucket/prefix.")
    String store;

    @Option(
            names = "--p",
            paramLabel = "MODULI",
            description = "Moduli: 23, 3..31 or 15,23 (default: every p the store holds).")
    String moduli;

    @Mixin
    StoreConfOptions storeConf = new StoreConfOptions();

    /** Opens the existing store with the command's settings; unreachable or missing: one line, exit 2. */
    ResultsStore open() throws IOException {
        return storeConf.open(store, true);
    }

    /** Whether the user named moduli with --p. */
    boolean modulusGiven() {
        return moduli != null && !moduli.isBlank();
    }

    /** The moduli named by --p, or (when absent) every modulus with a committed run in the store. */
    List<Modulus> moduli(ResultsStore s) throws IOException {
        if (modulusGiven()) {
            return ModulusList.parse(moduli);
        }
        TreeSet<Modulus> set = new TreeSet<>();
        for (Cell c : s.committedCells()) {
            if (c.isStudyRun()) { // a per-p report is built from the study's runs
                set.add(c.modulus());
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("store " + s.uri() + " has no committed runs (train with "
                    + "'modsweep sweep' or 'modsweep train' first)");
        }
        return new ArrayList<>(set);
    }
}
