package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * AdamW's constant operands as float32 scalar tensors, created once (a scalar operand would otherwise be a new
 * tensor per call): β1, 1−β1, β2, 1−β2, ε. Shared by the solo {@link AdamW} and the lanes' {@link LaneAdamW}.
 */
record AdamWConstants(NDArray beta1, NDArray oneMinusBeta1, NDArray beta2, NDArray oneMinusBeta2, NDArray eps) {

    static AdamWConstants of(NDManager manager, double beta1, double beta2, double eps) {
        return new AdamWConstants(
                manager.create((float) beta1),
                manager.create((float) (1 - beta1)),
                manager.create((float) beta2),
                manager.create((float) (1 - beta2)),
                manager.create((float) eps));
    }

    /** m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g·g, in place, in PyTorch's operation order. */
    void moments(NDArray mean, NDArray variance, NDArray grad) {
        mean.muli(beta1).addi(grad.mul(oneMinusBeta1));
        variance.muli(beta2).addi(grad.mul(oneMinusBeta2).muli(grad));
    }
}
