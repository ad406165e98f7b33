package org.modsweep.driver;

import java.util.List;
import java.util.Map;

/**
 * What a sweep did.
 *
 * @param storeUri        the results store
 * @param appId           the Spark application id
 * @param uiUrl           the Spark UI address, or null when the UI is disabled
 * @param master          the effective Spark master
 * @param slots           concurrent tasks the master offered at the start
 * @param cells           every cell of the grid, by id, in grid order
 * @param committedBefore cells that were already committed and so were skipped (resume)
 * @param results         one result per cell that ran as a task, in completion order
 * @param reduced         moduli whose reports the reduce stage wrote
 * @param reduceErrors    the modulus ("23") or "summary" to the error, for reduce steps that failed
 * @param summaryCells    rows written to results/summary/cells.parquet
 * @param trainSeconds    wall time of the training stage
 * @param reduceSeconds   wall time of the reduce stage after training ended (the reports it had still to
 *                        write, the grid's, the summaries); reports that ran during training are not in it
 * @param totalSeconds    wall time of the whole sweep, Spark start included
 * @param cancelled       whether {@link Sweep#cancel()} stopped it
 */
public record SweepResult(
        String storeUri,
        String appId,
        String uiUrl,
        String master,
        int slots,
        List<String> cells,
        List<String> committedBefore,
        List<CellResult> results,
        List<Integer> reduced,
        Map<String, String> reduceErrors,
        int summaryCells,
        double trainSeconds,
        double reduceSeconds,
        double totalSeconds,
        boolean cancelled) {

    public List<CellResult> failed() {
        return results.stream().filter(CellResult::failed).toList();
    }

    public List<CellResult> trained() {
        return results.stream()
                .filter(r -> r.status() == CellResult.Status.TRAINED)
                .toList();
    }

    /** True when nothing failed and nothing was cancelled. */
    public boolean ok() {
        return !cancelled && failed().isEmpty() && reduceErrors.isEmpty();
    }

    /** Sum of the trained cells' training wall times. */
    public double sumTrainingSeconds() {
        return trained().stream().mapToDouble(CellResult::seconds).sum();
    }
}
