package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;
import java.nio.FloatBuffer;

/**
 * {@link Sgd} for K lanes on the host, each with its own rate and weight decay: g ← g + wd·p (if wd ≠ 0);
 * p ← p + (−lr)·g, every operation rounded to float32 as the engine's kernels do (bit for bit {@link Sgd}).
 */
public final class HostSgd implements LaneOptimizer {

    private final double[] weightDecay;
    private final FloatBuffer paramsView;
    private final float[] params;
    private final float[] grad;

    public HostSgd(NDArray params, double[] weightDecay) {
        this.weightDecay = weightDecay.clone();
        this.paramsView = HostAdamW.view(params);
        this.params = new float[paramsView.capacity()];
        this.grad = new float[this.params.length];
    }

    @Override
    public void step(NDArray gradTensor, double[] lr, boolean[] active) {
        HostAdamW.view(gradTensor).get(0, grad);
        paramsView.get(0, params);
        int block = params.length / lr.length;
        for (int k = 0; k < lr.length; k++) {
            if (!active[k] || lr[k] == 0) {
                continue;
            }
            float wd = (float) weightDecay[k];
            float negLr = (float) -lr[k];
            int end = (k + 1) * block;
            for (int i = k * block; i < end; i++) {
                float g = weightDecay[k] == 0 ? grad[i] : grad[i] + params[i] * wd;
                params[i] = params[i] + g * negLr;
            }
        }
        paramsView.put(0, params);
    }

    @Override
    public void close() {}
}
