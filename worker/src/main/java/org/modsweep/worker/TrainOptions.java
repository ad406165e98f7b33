package org.modsweep.worker;

import org.modsweep.core.config.EpochCap;

/**
 * How to train a cell.
 *
 * @param epochCap caps the configuration's epoch count (quick trials); null for the study's
 * @param threads  engine intra-op threads for this training (1: a Spark executor runs one training per core)
 * @param device   "cpu" or "gpu:N"
 * @param force    retrain a cell that is already committed
 */
public record TrainOptions(Integer epochCap, int threads, String device, boolean force) {

    public TrainOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        EpochCap.check(epochCap);
        device = device == null ? "cpu" : device.trim();
    }

    public static TrainOptions defaults() {
        return new TrainOptions(null, 1, "cpu", false);
    }
}
