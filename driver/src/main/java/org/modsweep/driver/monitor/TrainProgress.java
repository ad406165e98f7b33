package org.modsweep.driver.monitor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modsweep.core.Cell;
import org.modsweep.driver.CellResult;
import org.modsweep.driver.plan.SweepPlan;

/**
 * The training stage's live state on the driver, fed by the Spark listener (task starts and ends, heartbeats with
 * the running tasks' partial accumulator values) and by task results. Work is weighted by the cost model
 * (epochs × d_mlp × p²), so the ETA does not run ahead while small cells finish quickly and big ones still train.
 */
public final class TrainProgress {

    private static final long WINDOW_NANOS = 20_000_000_000L;

    private final List<Cell> cells; // partition index -> cell
    private final int[] plannedEpochs;
    private final double[] costPerEpoch;
    private final double totalCost;
    private final long startNanos = System.nanoTime();
    private final Map<Long, Integer> runningTask = new HashMap<>(); // task id -> partition index
    private final Map<Long, Long> liveEpochs = new HashMap<>(); // task id -> epochs of the running attempt
    private final boolean[] finished;
    private int done;
    private int failed;
    private long finishedEpochs;
    private double finishedCost;
    private final ArrayDeque<double[]> samples = new ArrayDeque<>(); // {nanos, epochs, work}

    public TrainProgress(List<Cell> cellsInPartitionOrder, Integer epochCap) {
        this.cells = List.copyOf(cellsInPartitionOrder);
        this.plannedEpochs = new int[cells.size()];
        this.costPerEpoch = new double[cells.size()];
        double total = 0;
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            plannedEpochs[i] = SweepPlan.plannedEpochs(c, epochCap);
            double cost = SweepPlan.cost(c, epochCap);
            costPerEpoch[i] = cost / plannedEpochs[i];
            total += cost;
        }
        this.totalCost = total;
        this.finished = new boolean[cells.size()];
    }

    public Cell cell(int index) {
        return cells.get(index);
    }

    public int size() {
        return cells.size();
    }

    public synchronized void taskStarted(long taskId, int index) {
        if (index >= 0 && index < cells.size() && !finished[index]) {
            runningTask.put(taskId, index);
            liveEpochs.put(taskId, 0L);
        }
    }

    public synchronized void heartbeat(long taskId, long epochs) {
        if (runningTask.containsKey(taskId)) {
            liveEpochs.put(taskId, epochs);
        }
    }

    /** An attempt ended; its result, if it produced one, arrives through {@link #cellFinished}. */
    public synchronized void taskEnded(long taskId) {
        runningTask.remove(taskId);
        liveEpochs.remove(taskId);
    }

    public synchronized void cellFinished(int index, CellResult r) {
        if (index < 0 || index >= cells.size() || finished[index]) {
            return;
        }
        finished[index] = true;
        if (r.failed()) {
            failed++;
        } else {
            done++;
        }
        finishedEpochs += r.epochsRun();
        finishedCost += costPerEpoch[index] * plannedEpochs[index]; // its remaining work is gone too
        List<Long> ended = runningTask.entrySet().stream()
                .filter(e -> e.getValue() == index)
                .map(Map.Entry::getKey)
                .toList();
        ended.forEach(this::taskEnded);
    }

    public synchronized SweepProgress snapshot() {
        long now = System.nanoTime();
        long epochs = finishedEpochs;
        double work = finishedCost;
        for (Map.Entry<Long, Long> e : liveEpochs.entrySet()) {
            int index = runningTask.get(e.getKey());
            long ep = Math.min(e.getValue(), plannedEpochs[index]);
            epochs += ep;
            work += ep * costPerEpoch[index];
        }
        samples.addLast(new double[] {now, epochs, work});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        double[] first = samples.peekFirst();
        double elapsed = (now - startNanos) / 1e9;
        double window = (now - first[0]) / 1e9;
        double epochRate;
        double workRate;
        if (window >= 1.0) {
            epochRate = (epochs - first[1]) / window;
            workRate = (work - first[2]) / window;
        } else {
            epochRate = elapsed > 0 ? epochs / elapsed : 0;
            workRate = elapsed > 0 ? work / elapsed : 0;
        }
        if (workRate <= 0 && elapsed > 0) {
            workRate = work / elapsed; // a quiet window (no heartbeat yet): fall back to the stage average
        }
        double remaining = Math.max(0, totalCost - work);
        double eta = remaining == 0 ? 0 : workRate > 0 ? remaining / workRate : -1;
        return new SweepProgress(
                cells.size(),
                done,
                failed,
                runningTask.size(),
                epochs,
                epochRate,
                totalCost == 0 ? 1 : work / totalCost,
                eta,
                elapsed);
    }
}
