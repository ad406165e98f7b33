package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.modsweep.core.config.RunConfig;

/** A full-batch optimiser updating the parameters in place, float32 throughout (science.md §4.2). */
public interface Optimizer extends AutoCloseable {

    /** One step with learning rate {@code lr}; a zero rate is still a step (AdamW's moments and count advance). */
    void step(NDArray params, NDArray grad, double lr);

    @Override
    void close();

    static Optimizer of(RunConfig config, NDManager manager, NDArray params) {
        return switch (config.optimizer()) {
            case AdamW -> HostAdamW.supports(params)
                    ? new HostAdamW(manager, params, 0.9, 0.98, 1e-8, config.weightDecay())
                    : new AdamW(manager, params, 0.9, 0.98, 1e-8, config.weightDecay());
            case SGD -> new Sgd(manager, config.weightDecay());
        };
    }
}
