package org.modsweep.analysis.grids;

/**
 * What a run reached (grids.md §2): epochs are the metric indices (metrics at index e are computed before epoch e's
 * update); a null epoch means the threshold was never reached within the run.
 *
 * @param epochsRun    epochs the run recorded
 * @param tTrain       first epoch whose train accuracy ≥ the threshold, or null
 * @param tTest        first epoch whose test accuracy ≥ the threshold, or null (always null for full-data runs)
 * @param delay        t_test − t_train when both exist, else null
 * @param phase        the run's phase
 * @param finalTestAcc the last recorded test accuracy (train accuracy for full-data runs, whose test set is the
 *                     training set)
 */
public record RunOutcome(
        int epochsRun, Integer tTrain, Integer tTest, Integer delay, Phase phase, double finalTestAcc) {

    /** Whether the run generalised within its budget (reached t_test; full-data runs: t_train). */
    public boolean generalised() {
        return phase == Phase.GROKKING || phase == Phase.COMPREHENSION;
    }
}
