package org.modsweep.analysis.report;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.modsweep.analysis.dynamics.GradientDynamics;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.grokking.CheckpointPicks;

/** Gradient-dynamics tracking and DFT snapshots of a single-frequency run (science.md §5.11), one pass. */
final class SingleFreqRunAnalysis {

    static final int[] SNAPSHOT_TARGETS = {0, 1000, 5000};

    final StoredRun run;
    final GradientDynamics dynamics = new GradientDynamics();
    final int[] snapshotEpochs;
    final Map<Integer, DecodedWeights> snapshots = new HashMap<>();
    GradientDynamics.Trajectory trajectory;

    private SingleFreqRunAnalysis(StoredRun run) {
        this.run = run;
        this.snapshotEpochs = run.checkpointCount() == 0 ? new int[0]
                : CheckpointPicks.snapped(run.checkpointEpochs(), SNAPSHOT_TARGETS);
    }

    /** @param dropLast records trimmed from the end: 14 for Quad, 4 for ReLU */
    static SingleFreqRunAnalysis of(StoredRun run, int dropLast) throws IOException {
        if (run.checkpointCount() == 0) {
            throw new IOException("run " + run.cell().id() + " has no numbered checkpoints");
        }
        SingleFreqRunAnalysis a = new SingleFreqRunAnalysis(run);
        java.util.Set<Integer> snaps = new java.util.HashSet<>();
        for (int e : a.snapshotEpochs) {
            snaps.add(e);
        }
        run.forEachCheckpoint(e -> true, false, c -> {
            DecodedWeights d = DecodedWeights.of(c);
            a.dynamics.add(c.epoch(), d);
            if (snaps.contains(c.epoch())) {
                a.snapshots.put(c.epoch(), d);
            }
        });
        a.trajectory = a.dynamics.trajectory(a.dynamics.chooseNeuron(), dropLast);
        return a;
    }
}
