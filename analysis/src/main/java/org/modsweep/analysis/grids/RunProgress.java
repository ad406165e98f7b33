package org.modsweep.analysis.grids;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.store.ResultsStore;

/**
 * The progress measures of one committed run (grids.md §5) at every stored checkpoint: the numbered ones and the
 * final weights where they come after the last numbered one.
 *
 * @param keys   the key frequencies, from the final weights
 * @param points one per checkpoint, ascending by epoch
 */
public record RunProgress(Cell run, List<Integer> keys, List<ProgressMeasures.Point> points) {

    /** Reads the run's checkpoints one at a time and measures each. */
    public static RunProgress of(ResultsStore store, Cell run, double keyShare) throws IOException {
        Checkpoint last = StoredOutcomes.finalWeights(store, run);
        List<Integer> keys = ProgressMeasures.keyFrequencies(last, keyShare);
        int[] train = StoredOutcomes.trainingPairs(store, run);
        List<ProgressMeasures.Point> points = new ArrayList<>();
        StoredOutcomes.forEachCheckpoint(store, run, c -> {
            if (!c.isFinal()) {
                points.add(ProgressMeasures.at(c, run.config().act(), keys, train));
            }
        });
        points.sort((a, b) -> Integer.compare(a.epoch(), b.epoch()));
        if (points.isEmpty() || points.get(points.size() - 1).epoch() < last.epoch()) {
            points.add(ProgressMeasures.at(last, run.config().act(), keys, train));
        }
        return new RunProgress(run, List.copyOf(keys), List.copyOf(points));
    }
}
