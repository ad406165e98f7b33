package org.modsweep.core;

/** What a command or a result file says about a failure: one line, never "null". */
public final class Errors {

    private Errors() {}

    /** The exception's message, or its class's simple name when it has none. */
    public static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The first line of the message of the first exception in the cause chain that has one (wrappers without a
     * message are skipped), or the innermost class's simple name when none has.
     */
    public static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        String m = message(t);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The exception's simple class name and, when it has a message, its first line: "IOException: disk full". */
    public static String typeAndFirstLine(Throwable e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + firstLine(e);
    }
}
