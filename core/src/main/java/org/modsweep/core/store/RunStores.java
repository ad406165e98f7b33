package org.modsweep.core.store;

import java.io.IOException;
import org.modsweep.core.Cell;

/**
 * Which store holds a run. The study's runs live in the store itself, as always. A run with overrides (grids.md §1)
 * shares its p and configuration partition with the study's run, so until the store layout gains a run partition it
 * lives in a store of its own under {@code overrides/<run id>/} (the same layout inside: metrics, weights, runs,
 * attempts), where it can never replace or be mistaken for a study run, and the study's readers (committed cells,
 * reports, verify, {@code spark.read.parquet("metrics")}) do not see it.
 */
public final class RunStores {

    public static final String OVERRIDES = "overrides";

    private RunStores() {}

    /** The store that holds {@code cell}'s files: {@code store} itself for a study run. */
    public static ResultsStore forRun(ResultsStore store, Cell cell) throws IOException {
        if (cell.isStudyRun()) {
            return store;
        }
        return ResultsStore.open(store.root() + "/" + OVERRIDES + "/" + cell.id(), store.conf());
    }
}
