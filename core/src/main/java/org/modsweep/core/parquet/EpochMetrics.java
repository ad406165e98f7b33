package org.modsweep.core.parquet;

/**
 * One row of a run's metrics: the values recorded at loop index {@code epoch}, i.e. before that epoch's update
 * (science.md §4.5–4.6). Losses are float32 values widened exactly; accuracies exact ratios; norms double.
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double testLoss,
        double trainAcc,
        double testAcc,
        double gradNorm,
        double paramNorm,
        double lr) {}
