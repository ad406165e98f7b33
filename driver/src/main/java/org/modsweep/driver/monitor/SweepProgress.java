package org.modsweep.driver.monitor;

/**
 * A snapshot of the training stage.
 *
 * @param cellsTotal     cells this sweep trains
 * @param cellsDone      cells finished (trained or skipped)
 * @param cellsFailed    cells that failed after Spark's retries
 * @param cellsRunning   tasks running now
 * @param epochsDone     epochs trained so far (finished cells plus the running tasks' last heartbeat)
 * @param epochsPerSecond recent training rate over all slots
 * @param fractionDone   work done ÷ work planned, work weighted by epochs × d_mlp × p²
 * @param etaSeconds     estimated seconds to the end of the stage, or -1 while unknown
 * @param elapsedSeconds seconds since the stage started
 */
public record SweepProgress(
        int cellsTotal,
        int cellsDone,
        int cellsFailed,
        int cellsRunning,
        long epochsDone,
        double epochsPerSecond,
        double fractionDone,
        double etaSeconds,
        double elapsedSeconds) {

    /** {@code [########------------]  12/47 cells  2 running  1,234 epochs/s  ETA 4m12s} */
    public String render(int barWidth) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fractionDone)) * barWidth);
        StringBuilder s = new StringBuilder("[");
        s.append("#".repeat(filled)).append("-".repeat(barWidth - filled)).append("] ");
        s.append(String.format("%d/%d cells", cellsDone + cellsFailed, cellsTotal));
        if (cellsFailed > 0) {
            s.append(String.format(" (%d failed)", cellsFailed));
        }
        s.append(String.format(
                "  %d running  %,.0f epochs/s  ETA %s",
                cellsRunning, epochsPerSecond, etaSeconds < 0 ? "?" : duration(etaSeconds)));
        return s.toString();
    }

    /** 75 → 1m15s, 3700 → 1h01m, 9.4 → 9s. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
