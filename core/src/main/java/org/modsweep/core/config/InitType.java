package org.modsweep.core.config;

/** Weight initialisation scheme (science.md §2.3). */
public enum InitType {
    RANDOM("random"),
    SINGLE_FREQ("single-freq");

    private final String label;

    InitType(String label) {
        this.label = label;
    }

    /** The reference's spelling, used in JSON and logs. */
    public String label() {
        return label;
    }

    public static InitType fromLabel(String s) {
        for (InitType t : values()) {
            if (t.label.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown init_type '" + s + "'");
    }
}
