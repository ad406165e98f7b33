package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.modsweep.core.config.OptimizerKind;

/**
 * A full-batch optimiser over K runs trained side by side ("lanes"): the parameters are K equal blocks of one
 * tensor, each lane with its own learning rate and weight decay; a lane that is not active (its run has ended) is
 * left exactly as it is.
 */
public interface LaneOptimizer extends AutoCloseable {

    /** One step for every active lane with its rate {@code lr[k]} (a zero rate is still a step, as in solo runs). */
    void step(NDArray grad, double[] lr, boolean[] active);

    @Override
    void close();

    /**
     * The lanes' optimiser of {@code kind} for {@code params} [K, n]: on the host for CPU tensors (fewer passes), on
     * the engine for any other device; both give every lane its solo run's float32 operations.
     */
    static LaneOptimizer of(OptimizerKind kind, NDManager manager, NDArray params, double[] weightDecay) {
        boolean host = HostAdamW.supports(params);
        return switch (kind) {
            case AdamW -> host
                    ? new HostAdamW(manager, params, 0.9, 0.98, 1e-8, weightDecay)
                    : new LaneAdamW(manager, params, 0.9, 0.98, 1e-8, weightDecay);
            case SGD -> host ? new HostSgd(params, weightDecay) : new LaneSgd(manager, params, weightDecay);
        };
    }
}
