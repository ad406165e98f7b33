package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.modsweep.worker.model.HostScalar;

/** Plain SGD as PyTorch does it without momentum: g ← g + wd·p (if wd ≠ 0); p ← p − lr·g. */
public final class Sgd implements Optimizer {

    private final double weightDecay;
    private final NDManager manager;
    private final HostScalar weightDecayF;
    private final HostScalar negLrF;

    public Sgd(NDManager parent, double weightDecay) {
        this.weightDecay = weightDecay;
        this.manager = parent.newSubManager();
        this.weightDecayF = new HostScalar(manager, (float) weightDecay);
        this.negLrF = new HostScalar(manager, 0f);
    }

    @Override
    public void step(NDArray params, NDArray grad, double lr) {
        NDArray g = weightDecay == 0 ? grad : grad.add(params.mul(weightDecayF.of((float) weightDecay)));
        if (lr != 0) {
            params.addi(g.mul(negLrF.of((float) -lr)));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
