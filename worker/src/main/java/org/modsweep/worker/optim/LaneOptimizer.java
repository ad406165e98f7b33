package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;

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
}
