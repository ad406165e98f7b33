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

    private final List<List<Cell>> cells; // partition index -> its cell, or its batch's cells (lanes)
    private final int cellCount;
    private final Integer epochCap;
    private final int[] plannedEpochs;
    private final double[] costPerEpoch;
    private final double totalCost;
    private final long startNanos = System.nanoTime();
    private final Map<Long, Integer> runningTask = new HashMap<>(); // task id -> partition index
    private final Map<Long, Long> liveEpochs = new HashMap<>(); // task id -> epochs of the running attempt
    private final boolean[] finished;
    private final int[] finishedLanes;
    private int done;
    private int failed;
    private long finishedEpochs;
    private double finishedCost;
    private final ArrayDeque<double[]> samples = new ArrayDeque<>(); // {nanos, epochs, work}

    public TrainProgress(List<Cell> cellsInPartitionOrder, Integer epochCap) {
        this(epochCap, cellsInPartitionOrder.stream().map(List::of).toList());
    }

    /** One partition per batch of lanes; a partition's epochs are the sum of its lanes'. */
    public static TrainProgress ofBatches(List<List<Cell>> batchesInPartitionOrder, Integer epochCap) {
        return new TrainProgress(epochCap, batchesInPartitionOrder);
    }

    private TrainProgress(Integer epochCap, List<List<Cell>> partitions) {
        this.epochCap = epochCap;
        this.cells = List.copyOf(partitions);
        this.plannedEpochs = new int[cells.size()];
        this.costPerEpoch = new double[cells.size()];
        double total = 0;
        int count = 0;
        for (int i = 0; i < cells.size(); i++) {
            double cost = 0;
            for (Cell c : cells.get(i)) {
                plannedEpochs[i] += SweepPlan.plannedEpochs(c, epochCap);
                cost += SweepPlan.cost(c, epochCap);
                count++;
            }
            costPerEpoch[i] = cost / plannedEpochs[i];
            total += cost;
        }
        this.totalCost = total;
        this.cellCount = count;
        this.finished = new boolean[cells.size()];
        this.finishedLanes = new int[cells.size()];
    }

    /** The cell of a partition (the first lane of a batch). */
    public Cell cell(int index) {
        return cells.get(index).get(0);
    }

    /** A partition's run id, or its batch's ids joined by '+'. */
    public String label(int index) {
        return String.join("+", cells.get(index).stream().map(Cell::id).toList());
    }

    /** Runs to train. */
    public int size() {
        return cellCount;
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

    /** A run of partition {@code index} ended (each lane of a batch reports on its own). */
    public synchronized void cellFinished(int index, CellResult r) {
        if (index < 0 || index >= cells.size() || finished[index]) {
            return;
        }
        if (r.failed()) {
            failed++;
        } else {
            done++;
        }
        finishedEpochs += r.epochsRun();
        List<Cell> batch = cells.get(index);
        Cell cell = batch.stream()
                .filter(c -> c.id().equals(r.cellId()))
                .findFirst()
                .orElse(batch.get(0));
        finishedCost += SweepPlan.cost(cell, epochCap); // its remaining work is gone too
        if (++finishedLanes[index] < batch.size()) {
            return;
        }
        finished[index] = true;
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
                cellCount,
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
