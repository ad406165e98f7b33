package org.modsweep.driver.grid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;

/**
 * A grid's manifest in the store: written before the grid trains, so that the same command run again resumes the
 * same grid (its refinement points included) and the grid's reduce knows its runs.
 */
public final class StoredGrid {

    private StoredGrid() {}

    /**
     * The manifest this sweep runs, checked against the store before anything is written: a grid new to the store is
     * the one requested; a grid of the same id there with the same axis keys, fixed overrides and epoch cap is resumed
     * (its runs, refinement's included, then any new ones the request adds, e.g. more seeds); one that differs is
     * refused in one line (another {@code --grid-name} keeps both).
     */
    public static GridManifest resume(ResultsStore store, GridManifest wanted) throws IOException {
        if (!GridManifest.list(store).contains(wanted.id())) {
            return wanted;
        }
        GridManifest stored = GridManifest.read(store, wanted.id());
        String differs = difference(stored, wanted);
        if (differs != null) {
            throw new IllegalArgumentException("grid '" + wanted.id() + "' in the store has " + differs
                    + "; resume it with the same options or choose another --grid-name");
        }
        List<org.modsweep.core.Cell> more = new ArrayList<>(wanted.runs());
        more.removeAll(stored.runs());
        return more.isEmpty() ? stored : stored.plus(more);
    }

    /** Writes the manifest (results/grids/<id>/grid.json) unless the store holds exactly this one already. */
    public static void write(ResultsStore store, GridManifest manifest) throws IOException {
        if (GridManifest.list(store).contains(manifest.id())
                && GridManifest.read(store, manifest.id()).toJson().equals(manifest.toJson())) {
            return;
        }
        manifest.write(store);
    }

    private static String difference(GridManifest stored, GridManifest wanted) {
        if (!List.copyOf(stored.axes().keySet())
                .equals(List.copyOf(wanted.axes().keySet()))) {
            return "the axes " + stored.axes().keySet() + ", not "
                    + wanted.axes().keySet();
        }
        if (!stored.fixed().equals(wanted.fixed())) {
            return "--set " + (stored.fixed().isEmpty() ? "(none)" : stored.fixed()) + ", not "
                    + (wanted.fixed().isEmpty() ? "(none)" : wanted.fixed());
        }
        if (!Objects.equals(stored.epochs(), wanted.epochs())) {
            return "--epochs " + (stored.epochs() == null ? "(none)" : stored.epochs()) + ", not "
                    + (wanted.epochs() == null ? "(none)" : wanted.epochs());
        }
        return null;
    }
}
