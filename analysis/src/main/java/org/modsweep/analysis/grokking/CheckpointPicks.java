package org.modsweep.analysis.grokking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Which checkpoints the grokking figures look at (science.md §5.8). */
public final class CheckpointPicks {

    private CheckpointPicks() {}

    /** The checkpoint epoch closest to target; ties go to the earlier epoch. */
    public static int closest(int[] epochs, int target) {
        int best = epochs[0];
        long bestD = Math.abs((long) epochs[0] - target);
        for (int e : epochs) {
            long d = Math.abs((long) e - target);
            if (d < bestD || (d == bestD && e < best)) {
                best = e;
                bestD = d;
            }
        }
        return best;
    }

    /** Common-to-rare epochs: [0, closest(s1 div 2), closest(s1)], deduplicated, padded with epochs[min(n−1, 2)]. */
    public static int[] commonToRare(int[] epochs, int stage1End) {
        LinkedHashSet<Integer> set = new LinkedHashSet<>();
        set.add(closest(epochs, 0));
        set.add(closest(epochs, stage1End / 2));
        set.add(closest(epochs, stage1End));
        List<Integer> out = new ArrayList<>(set);
        while (out.size() < 3) {
            out.add(epochs[Math.min(epochs.length - 1, 2)]);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Weights across stages: [0, closest(s1), closest(s2)], deduplicated, padded with the last checkpoint epoch. */
    public static int[] keyEpochs(int[] epochs, int stage1End, int stage2End) {
        LinkedHashSet<Integer> set = new LinkedHashSet<>();
        set.add(closest(epochs, 0));
        set.add(closest(epochs, stage1End));
        set.add(closest(epochs, stage2End));
        List<Integer> out = new ArrayList<>(set);
        while (out.size() < 3) {
            out.add(epochs[epochs.length - 1]);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Epoch-slider checkpoint indices: n = min(10, n_ckpt) entries of NumPy's {@code linspace(0, n_ckpt−1, n)} cast
     * to int (the last index is exactly n_ckpt − 1).
     */
    public static int[] sliderIndices(int checkpointCount) {
        int n = Math.min(10, checkpointCount);
        if (n <= 0) {
            return new int[0];
        }
        if (n == 1) {
            return new int[] {0};
        }
        int[] out = new int[n];
        double step = (checkpointCount - 1) / (double) (n - 1);
        for (int k = 0; k < n; k++) {
            out[k] = (int) (k * step);
        }
        out[n - 1] = checkpointCount - 1;
        return out;
    }

    /** Snaps each target epoch to its closest checkpoint epoch, dropping duplicates (single-frequency snapshots). */
    public static int[] snapped(int[] epochs, int... targets) {
        LinkedHashSet<Integer> set = new LinkedHashSet<>();
        for (int t : targets) {
            set.add(closest(epochs, t));
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
