package org.modsweep.driver;

import java.io.Serializable;

/**
 * How one cell's Spark task ended; returned by the task to the driver.
 *
 * @param cellId      e.g. p023-standard
 * @param status      trained, skipped (already committed when the task ran) or failed (after Spark's retries)
 * @param epochsRun   epochs executed (0 unless trained)
 * @param seconds     training wall time as the run record states it (0 unless trained)
 * @param device      {@code cpu} or {@code gpu:N}
 * @param threads     intra-op threads the training used (spark.task.cpus)
 * @param attempts    task attempts this cell took (1 on a clean run)
 * @param error       the last failure's one-line message, or null
 */
public record CellResult(
        String cellId,
        Status status,
        int epochsRun,
        double seconds,
        String device,
        int threads,
        int attempts,
        String error)
        implements Serializable {

    public enum Status {
        TRAINED,
        SKIPPED,
        FAILED
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** {@code done p023-standard: 5000 epochs in 41.2 s on cpu (1 thread)} */
    public String describe() {
        return switch (status) {
            case TRAINED -> String.format(
                    "done %s: %d epochs in %.1f s on %s (%d thread%s%s)",
                    cellId,
                    epochsRun,
                    seconds,
                    device,
                    threads,
                    threads == 1 ? "" : "s",
                    attempts > 1 ? ", attempt " + attempts : "");
            case SKIPPED -> "skipped " + cellId + ": committed meanwhile";
            case FAILED -> String.format(
                    "FAILED %s after %d attempt%s: %s", cellId, attempts, attempts == 1 ? "" : "s", error);
        };
    }
}
