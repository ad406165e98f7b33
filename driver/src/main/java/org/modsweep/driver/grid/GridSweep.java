package org.modsweep.driver.grid;

import java.util.Objects;
import org.modsweep.analysis.grids.PhaseThresholds;
import org.modsweep.core.grid.GridManifest;

/**
 * A sweep's grid (issue 11): its manifest (id, axes, fixed overrides, epoch cap, runs), how many grid points
 * refinement may add after the first pass (grids.md §6), and the phase thresholds that refinement and the grid's
 * reduce classify runs with.
 *
 * @param manifest   the grid as requested (a grid of this id already in the store is resumed, see {@link StoredGrid})
 * @param refine     grid points refinement may add in all; 0: no refinement
 * @param thresholds the accuracy and grokking-delay thresholds of grids.md §2
 */
public record GridSweep(GridManifest manifest, int refine, PhaseThresholds thresholds) {

    /** Most grid points one sweep's refinement may add. */
    public static final int MAX_REFINE = 10_000;

    public GridSweep {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(thresholds, "thresholds");
        if (refine < 0 || refine > MAX_REFINE) {
            throw new IllegalArgumentException("--refine must be between 0 and " + MAX_REFINE + ", got " + refine);
        }
    }

    public GridSweep withManifest(GridManifest m) {
        return new GridSweep(m, refine, thresholds);
    }
}
