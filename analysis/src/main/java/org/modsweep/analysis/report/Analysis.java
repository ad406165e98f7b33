package org.modsweep.analysis.report;

import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;

/** The analyses of one modulus that report files read; each is computed once per report. */
public enum Analysis {
    /** Every stored run's record, curves and training log (loaded before anything else). */
    STORED_RUNS(null),
    /** One pass over the standard run's checkpoints: IPR, census, final weights, phases, neuron selection. */
    STANDARD(StudyConfigs.STANDARD),
    /** The standard run's final logits over all p² pairs. */
    FINAL_LOGITS(StudyConfigs.STANDARD),
    /** One pass over the grokking run's checkpoints: stages, accuracies, grids, key weights. */
    GROKKING(StudyConfigs.GROKKING),
    /** The lottery neuron tracked over the quad_random run's checkpoints. */
    LOTTERY(StudyConfigs.QUAD_RANDOM),
    /** Gradient dynamics and snapshots of the Quad single-frequency run. */
    QUAD_SINGLE_FREQ(StudyConfigs.QUAD_SINGLE_FREQ),
    /** Gradient dynamics and snapshots of the ReLU single-frequency run. */
    RELU_SINGLE_FREQ(StudyConfigs.RELU_SINGLE_FREQ);

    private final RunConfig configuration;

    Analysis(RunConfig configuration) {
        this.configuration = configuration;
    }

    /** The configuration whose run this analysis reads; null for {@link #STORED_RUNS} (every configuration). */
    public RunConfig configuration() {
        return configuration;
    }
}
