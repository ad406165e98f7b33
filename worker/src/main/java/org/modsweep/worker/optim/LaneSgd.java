package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.modsweep.worker.model.HostVector;

/**
 * {@link Sgd} for K lanes on the engine, for parameters on any device (a GPU): g ← g + wd·p, p ← p + (−lr)·g with
 * each lane's weight decay and rate as a [K, 1] operand. A lane that is not active gets rate 0 and keeps its
 * parameters. On the CPU {@link HostSgd} does the same.
 */
public final class LaneSgd implements LaneOptimizer {

    private final NDManager manager;
    private final NDArray params;
    private final float[] weightDecay;
    private final boolean decays;
    private final HostVector weightDecayK;
    private final HostVector negLr;

    /** {@code params}: [K, n], lane k in row k; K = weightDecay.length. */
    public LaneSgd(NDManager parent, NDArray params, double[] weightDecay) {
        this.manager = parent.newSubManager();
        this.params = params;
        this.weightDecay = new float[weightDecay.length];
        boolean any = false;
        for (int k = 0; k < weightDecay.length; k++) {
            this.weightDecay[k] = (float) weightDecay[k];
            any |= weightDecay[k] != 0;
        }
        this.decays = any;
        this.weightDecayK = new HostVector(manager, weightDecay.length);
        this.negLr = new HostVector(manager, weightDecay.length);
    }

    @Override
    public void step(NDArray grad, double[] lr, boolean[] active) {
        float[] negLrK = new float[lr.length];
        for (int k = 0; k < lr.length; k++) {
            negLrK[k] = active[k] ? (float) -lr[k] : 0f;
        }
        NDArray g = decays ? grad.add(params.mul(weightDecayK.of(weightDecay))) : grad;
        params.addi(g.mul(negLr.of(negLrK)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
