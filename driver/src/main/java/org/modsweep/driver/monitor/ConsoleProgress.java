package org.modsweep.driver.monitor;

import java.io.PrintWriter;
import org.modsweep.driver.SweepListener;

/**
 * The driver console's view of a sweep: lines as they come, and a progress bar. On a terminal the bar is redrawn
 * in place every second; otherwise (a log file, CI) a bar line is printed every {@code plainEverySeconds}.
 */
public final class ConsoleProgress implements SweepListener {

    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final double plainEverySeconds;
    private String lastBar = "";
    private double lastPlain = -1;

    public ConsoleProgress(PrintWriter out, boolean terminal, double plainEverySeconds) {
        this.out = out;
        this.terminal = terminal;
        this.plainEverySeconds = plainEverySeconds;
    }

    /** Redraws in place when stdout is a terminal, else a line every 30 s. */
    public static ConsoleProgress forConsole(PrintWriter out) {
        return new ConsoleProgress(out, System.console() != null, 30);
    }

    @Override
    public synchronized void onLine(String line) {
        if (terminal && !lastBar.isEmpty()) {
            out.print("\r" + " ".repeat(lastBar.length()) + "\r");
        }
        out.println(line);
        if (terminal && !lastBar.isEmpty()) {
            out.print(lastBar);
        }
        out.flush();
    }

    @Override
    public synchronized void onProgress(SweepProgress p) {
        String bar = p.render(BAR);
        if (terminal) {
            String pad = bar.length() < lastBar.length() ? " ".repeat(lastBar.length() - bar.length()) : "";
            out.print("\r" + bar + pad);
            lastBar = bar;
            out.flush();
        } else if (lastPlain < 0
                || p.elapsedSeconds() - lastPlain >= plainEverySeconds
                || (p.cellsDone() + p.cellsFailed() == p.cellsTotal() && lastPlain != Double.MAX_VALUE)) {
            if (p.cellsDone() + p.cellsFailed() == p.cellsTotal()) {
                lastPlain = Double.MAX_VALUE; // the stage's final line, printed once
                out.println(bar);
                out.flush();
                return;
            }
            lastPlain = p.elapsedSeconds();
            out.println(bar);
            out.flush();
        }
    }

    /** Ends the bar's line so that what follows starts on a fresh one. */
    public synchronized void finish() {
        if (terminal && !lastBar.isEmpty()) {
            out.println();
            out.flush();
            lastBar = "";
        }
    }
}
