package org.modsweep.core.cli;

/**
 * Ranges of the numeric options every subcommand shares, checked before anything starts: a value outside is one
 * line naming the option, the value and the range (exit 2).
 */
public final class CliBounds {

    /** Far above the study's longest training (24001 epochs), far below what an int counter could not count. */
    public static final int MAX_EPOCHS = 1_000_000;

    public static final int MAX_PORT = 65_535;

    private CliBounds() {}

    /** An epoch cap: null (the study's epochs) or 1..{@link #MAX_EPOCHS}. */
    public static Integer epochs(Integer epochs) {
        return epochs == null ? null : range("--epochs", epochs, 1, MAX_EPOCHS);
    }

    /** Threads on this machine: 1..its cores, or null (the command's default). */
    public static Integer threads(Integer threads) {
        return threads == null ? null : range("--threads", threads, 1, cores());
    }

    /** A TCP port to listen on, 0 meaning any free one. */
    public static int port(int port) {
        return range("--port", port, 0, MAX_PORT);
    }

    /** Throws unless {@code min <= value <= max}. */
    public static int range(String option, int value, int min, int max) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
        }
        if (value > max) {
            throw new IllegalArgumentException(option + " must be <= " + max
                    + (option.equals("--threads") ? " (this machine's cores)" : "") + ", got " + value);
        }
        return value;
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
