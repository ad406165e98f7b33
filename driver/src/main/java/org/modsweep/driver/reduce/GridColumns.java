package org.modsweep.driver.reduce;

import java.io.Serializable;
import java.util.List;
import org.modsweep.analysis.grids.PhaseThresholds;
import org.modsweep.analysis.grids.RunOutcome;
import org.modsweep.analysis.grids.StoredOutcomes;
import org.modsweep.core.Cell;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.parquet.EpochMetrics;

/**
 * The columns of a {@code cells.parquet} row that make every run comparable with every other (issue 11, "every axis
 * is a column"): the run's effective value of each key of grids.md §1 that {@link CellSummary} does not already carry
 * (d_mlp and num_epochs are there), and its outcome under the default phase thresholds (grids.md §2). Names as the
 * study writes them: act_type {@code ReLU}/{@code Quad}, optimizer {@code AdamW}/{@code SGD}, init_type
 * {@code random}/{@code single-freq}.
 *
 * @param studyRun whether the run is one of the study's own (no overrides): only those go into cells.json
 * @param tTrain   first epoch whose train accuracy ≥ 0.95, or null
 * @param tTest    first epoch whose test accuracy ≥ 0.95, or null (always null for full-data runs)
 * @param delay    t_test − t_train, or null
 * @param phase    confusion, memorization, grokking or comprehension; null for a run without recorded epochs
 */
public record GridColumns(
        boolean studyRun,
        long seed,
        double lr,
        double weightDecay,
        double fracTrain,
        double initScale,
        String actType,
        String optimizer,
        String initType,
        Integer tTrain,
        Integer tTest,
        Integer delay,
        String phase)
        implements Serializable {

    public static GridColumns of(Cell cell, List<EpochMetrics> rows) {
        RunConfig c = cell.config();
        RunOutcome o = rows.isEmpty() ? null : StoredOutcomes.classify(cell, rows, PhaseThresholds.DEFAULT);
        return new GridColumns(
                cell.isStudyRun(),
                c.seed(),
                c.lr(),
                c.weightDecay(),
                c.fracTrain(),
                c.initScale(),
                ConfigKey.ACT_TYPE.format(c.act()),
                ConfigKey.OPTIMIZER.format(c.optimizer()),
                ConfigKey.INIT_TYPE.format(c.initType()),
                o == null ? null : o.tTrain(),
                o == null ? null : o.tTest(),
                o == null ? null : o.delay(),
                o == null ? null : o.phase().label());
    }
}
