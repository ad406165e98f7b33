package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.modsweep.worker.model.HostVector;

/**
 * {@link AdamW} for K lanes on the engine, for parameters on any device (a GPU): the solo run's kernels on the
 * [K, n] parameters, with each lane's decay, bias correction and step size as a [K, 1] operand, so lane k's row gets
 * exactly the float32 operations its solo run would. A lane that is not active gets decay 1 and step 0, which leaves
 * its parameters as they are; its moments still move, but a lane never becomes active again. On the CPU
 * {@link HostAdamW} does the same with fewer passes.
 */
public final class LaneAdamW implements LaneOptimizer {

    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double[] weightDecay;
    private final NDArray params;
    private final NDArray mean;
    private final NDArray variance;
    private final AdamWConstants constants;
    private final HostVector decay;
    private final HostVector biasCorrection2Sqrt;
    private final HostVector negStepSize;
    private final int[] steps;

    /** {@code params}: [K, n], lane k in row k; K = weightDecay.length. */
    public LaneAdamW(NDManager parent, NDArray params, double beta1, double beta2, double eps, double[] weightDecay) {
        this.manager = parent.newSubManager();
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay.clone();
        int lanes = weightDecay.length;
        if (params.getShape().dimension() != 2 || params.getShape().get(0) != lanes) {
            throw new IllegalArgumentException("lane parameters must be [" + lanes + ", n], got " + params.getShape());
        }
        this.mean = manager.zeros(params.getShape(), params.getDataType());
        this.variance = manager.zeros(params.getShape(), params.getDataType());
        this.constants = AdamWConstants.of(manager, beta1, beta2, eps);
        this.decay = new HostVector(manager, lanes);
        this.biasCorrection2Sqrt = new HostVector(manager, lanes);
        this.negStepSize = new HostVector(manager, lanes);
        this.steps = new int[lanes];
    }

    @Override
    public void step(NDArray grad, double[] lr, boolean[] active) {
        int lanes = steps.length;
        float[] decayK = new float[lanes];
        float[] correctionK = new float[lanes];
        float[] stepK = new float[lanes];
        boolean decays = false;
        for (int k = 0; k < lanes; k++) {
            decayK[k] = 1f;
            correctionK[k] = 1f;
            if (active[k]) {
                steps[k]++;
                decayK[k] = (float) (1 - lr[k] * weightDecay[k]);
                correctionK[k] = (float) Math.sqrt(1 - Math.pow(beta2, steps[k]));
                stepK[k] = (float) -(lr[k] / (1 - Math.pow(beta1, steps[k])));
            }
            decays |= decayK[k] != 1f;
        }
        if (decays) {
            params.muli(decay.of(decayK));
        }
        constants.moments(mean, variance, grad);
        NDArray denom =
                variance.sqrt().divi(biasCorrection2Sqrt.of(correctionK)).addi(constants.eps());
        params.addi(mean.mul(negStepSize.of(stepK)).divi(denom));
    }

    @Override
    public void close() {
        manager.close();
    }
}
