package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.modsweep.worker.model.HostScalar;

/**
 * PyTorch's AdamW (no amsgrad), operation for operation: p ← p·(1 − lr·wd); m ← β1·m + (1−β1)·g;
 * v ← β2·v + (1−β2)·g·g; p ← p − (lr/(1−β1ᵗ)) · m / (√v/√(1−β2ᵗ) + ε). Scalars are computed in double as Python
 * does and enter the float32 kernels rounded to float.
 */
public final class AdamW implements Optimizer {

    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDArray mean;
    private final NDArray variance;
    private final AdamWConstants constants;
    // the per-step scalars, rewritten in place each step
    private final HostScalar decayF;
    private final HostScalar biasCorrection2SqrtF;
    private final HostScalar negStepSizeF;
    private int step;

    public AdamW(NDManager parent, NDArray params, double beta1, double beta2, double eps, double weightDecay) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.mean = manager.zeros(params.getShape(), params.getDataType());
        this.variance = manager.zeros(params.getShape(), params.getDataType());
        this.constants = AdamWConstants.of(manager, beta1, beta2, eps);
        this.decayF = new HostScalar(manager, 1f);
        this.biasCorrection2SqrtF = new HostScalar(manager, 1f);
        this.negStepSizeF = new HostScalar(manager, 0f);
    }

    @Override
    public void step(NDArray params, NDArray grad, double lr) {
        step++;
        double decay = 1 - lr * weightDecay;
        if (decay != 1.0) {
            params.muli(decayF.of((float) decay));
        }
        constants.moments(mean, variance, grad);
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr / biasCorrection1;
        NDArray denom = variance.sqrt()
                .divi(biasCorrection2SqrtF.of((float) Math.sqrt(biasCorrection2)))
                .addi(constants.eps());
        params.addi(mean.mul(negStepSizeF.of((float) -stepSize)).divi(denom));
    }

    public int steps() {
        return step;
    }

    @Override
    public void close() {
        manager.close();
    }
}
