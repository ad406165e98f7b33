package org.modsweep.driver.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsweep.core.Cell;
import org.modsweep.worker.MemoryEstimate;
import org.modsweep.worker.lanes.LaneLoop;
import org.modsweep.worker.lanes.LaneShape;

/**
 * How the training stage packs runs into Spark tasks ({@code sweep --lanes K|auto}): runs of one {@link LaneShape}
 * (same p, d_mlp, activation, optimiser and initialisation type) train together as the lanes of one batch, up to K
 * per task; {@code auto} sizes K per shape by a budget ({@link #autoLanes}). One lane per task (the default) is the
 * plain sweep: one task per run, nothing batched.
 *
 * @param maxLanes the most lanes of one task (fixed K), or the cap for {@code auto}
 * @param auto     whether K follows the budget of each shape
 */
public record LanePacking(int maxLanes, boolean auto) {

    /** One run per task. */
    public static final LanePacking SOLO = new LanePacking(1, false);

    /** The most lanes {@code auto} puts in one task. */
    public static final int AUTO_MAX_LANES = 64;

    /** What a batch's working memory ({@link MemoryEstimate} per lane) may take under {@code auto}. */
    public static final long AUTO_MEMORY_BYTES = 2L << 30;

    public LanePacking {
        if (maxLanes < 1) {
            throw new IllegalArgumentException("--lanes must be a positive number of lanes or auto, got " + maxLanes);
        }
    }

    /** {@code auto}, or a lane count K ≥ 1. */
    public static LanePacking parse(String value) {
        String v = value == null ? "" : value.trim();
        if (v.equalsIgnoreCase("auto")) {
            return new LanePacking(AUTO_MAX_LANES, true);
        }
        try {
            return new LanePacking(Integer.parseInt(v), false);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lanes must be a positive number of lanes or auto, got '" + v + "'");
        }
    }

    public boolean solo() {
        return !auto && maxLanes == 1;
    }

    /**
     * The {@code auto} lane count of a shape: as many lanes as keep the batch's [K, p², d_mlp] float32 activations
     * within {@link LaneLoop#MAX_TENSOR_BYTES} (beyond it the passes over them are memory-bound and lanes stop
     * paying on a CPU), its estimated working memory within {@link #AUTO_MEMORY_BYTES}, and K within
     * {@link #AUTO_MAX_LANES}; at least one.
     */
    public static int autoLanes(LaneShape shape) {
        long bySize = LaneLoop.MAX_TENSOR_BYTES / shape.activationBytes();
        long byMemory = AUTO_MEMORY_BYTES / MemoryEstimate.bytes(shape.p(), shape.dMlp());
        return (int) Math.max(1, Math.min(AUTO_MAX_LANES, Math.min(bySize, byMemory)));
    }

    public int lanesFor(LaneShape shape) {
        return auto ? Math.min(maxLanes, autoLanes(shape)) : maxLanes;
    }

    /**
     * The tasks for these runs (given largest first): runs of one shape in that order, cut into batches of up to
     * {@link #lanesFor} lanes, so that a batch holds runs of similar length; the batches largest first by their
     * longest lane (a batch runs until its last lane ends).
     */
    public List<List<Cell>> batches(List<Cell> pending, Integer epochCap) {
        List<List<Cell>> out = new ArrayList<>();
        if (solo()) {
            pending.forEach(c -> out.add(List.of(c)));
            return out;
        }
        Map<LaneShape, List<Cell>> byShape = new LinkedHashMap<>();
        for (Cell c : pending) {
            byShape.computeIfAbsent(LaneShape.of(c), s -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<LaneShape, List<Cell>> e : byShape.entrySet()) {
            int k = lanesFor(e.getKey());
            List<Cell> runs = e.getValue();
            for (int i = 0; i < runs.size(); i += k) {
                out.add(List.copyOf(runs.subList(i, Math.min(runs.size(), i + k))));
            }
        }
        out.sort(Comparator.comparingDouble((List<Cell> b) -> -batchCost(b, epochCap)));
        return out;
    }

    /** A batch's length in work: its longest lane's cost times its lanes (frozen lanes still ride along). */
    public static double batchCost(List<Cell> batch, Integer epochCap) {
        double longest = 0;
        for (Cell c : batch) {
            longest = Math.max(longest, SweepPlan.cost(c, epochCap));
        }
        return longest * batch.size();
    }

    @Override
    public String toString() {
        return auto ? "auto" : Integer.toString(maxLanes);
    }
}
