package org.modsweep.analysis.report;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsweep.analysis.dynamics.GradientDynamics;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.grokking.CheckpointPicks;

/**
 * Gradient-dynamics tracking and DFT snapshots of a single-frequency run (science.md §5.11), one pass.
 *
 * @param snapshotEpochs the checkpoints nearest epochs 0, 1000 and 5000
 * @param snapshots      decoded weights at those checkpoints
 */
record SingleFreqRunAnalysis(
        StoredRun run,
        int[] snapshotEpochs,
        Map<Integer, DecodedWeights> snapshots,
        GradientDynamics.Trajectory trajectory) {

    static final int[] SNAPSHOT_TARGETS = {0, 1000, 5000};

    /** @param dropLast records trimmed from the end: 14 for Quad, 4 for ReLU */
    static SingleFreqRunAnalysis of(StoredRun run, int dropLast) throws IOException {
        if (run.checkpointCount() == 0) {
            throw new IOException("run " + run.cell().id() + " has no numbered checkpoints");
        }
        int[] snapshotEpochs = CheckpointPicks.snapped(run.checkpointEpochs(), SNAPSHOT_TARGETS);
        Set<Integer> snaps = new HashSet<>();
        for (int e : snapshotEpochs) {
            snaps.add(e);
        }
        GradientDynamics dynamics = new GradientDynamics();
        Map<Integer, DecodedWeights> snapshots = new HashMap<>();
        run.forEachCheckpoint(e -> true, false, c -> {
            DecodedWeights d = DecodedWeights.of(c);
            dynamics.add(c.epoch(), d);
            if (snaps.contains(c.epoch())) {
                snapshots.put(c.epoch(), d);
            }
        });
        return new SingleFreqRunAnalysis(
                run, snapshotEpochs, snapshots, dynamics.trajectory(dynamics.chooseNeuron(), dropLast));
    }

    /** The decoded snapshots in epoch order. */
    List<DecodedWeights> snapshotsInOrder() {
        return java.util.Arrays.stream(snapshotEpochs).mapToObj(snapshots::get).toList();
    }
}
