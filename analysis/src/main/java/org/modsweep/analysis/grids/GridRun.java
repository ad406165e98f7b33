package org.modsweep.analysis.grids;

import java.util.Map;
import org.modsweep.core.Cell;
import org.modsweep.core.config.ConfigKey;

/**
 * One committed run of a grid as its reduce sees it: the run, its value on every axis, its outcome and the curves
 * the seed bands average (index = epoch).
 */
public record GridRun(
        Cell cell,
        Map<ConfigKey, Object> point,
        RunOutcome outcome,
        double[] trainLoss,
        double[] testLoss,
        double[] trainAcc,
        double[] testAcc,
        double finalTrainAcc) {}
