package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;

/** Plain SGD as PyTorch does it without momentum: g ← g + wd·p (if wd ≠ 0); p ← p − lr·g. */
public final class Sgd implements Optimizer {

    private final double weightDecay;

    public Sgd(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(NDArray params, NDArray grad, double lr) {
        NDArray g = weightDecay == 0 ? grad : grad.add(params.mul((float) weightDecay));
        if (lr != 0) {
            params.addi(g.mul((float) -lr));
        }
    }

    @Override
    public void close() {
    }
}
