package org.modsweep.analysis.grids;

/**
 * A run's phase (grids.md §2, after Liu et al. 2022), in order of progress; the label is what the grid outputs
 * write.
 */
public enum Phase {
    CONFUSION("confusion"),
    MEMORIZATION("memorization"),
    GROKKING("grokking"),
    COMPREHENSION("comprehension");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
