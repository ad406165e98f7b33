package org.modsweep.worker.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * {@link AdamW} with its moments on the host, for parameters in CPU memory: the same float32 operations in the same
 * order, so the result is bit for bit the engine's, at a fraction of the cost (two passes over the parameters and one
 * engine call instead of thirteen engine calls with four temporaries). Java rounds every multiply, add and divide
 * exactly as the engine's kernels do and never fuses them; the square root is left to the engine, whose vectorised
 * sqrt (MKL's) is not correctly rounded in the last bit. The parameters are updated in place through a view of the
 * tensor's memory. It also serves K lanes (equal blocks of the parameters, each with its own rate, weight decay and
 * step count).
 */
public final class HostAdamW implements Optimizer, LaneOptimizer {

    private final float beta1;
    private final float oneMinusBeta1;
    private final float beta2;
    private final float oneMinusBeta2;
    private final float eps;
    private final double beta1D;
    private final double beta2D;
    private final double[] weightDecay;
    private final NDManager manager;
    private final FloatBuffer paramsView;
    private final NDArray varianceTensor;
    private final FloatBuffer varianceView;
    private final float[] params;
    private final float[] grad;
    private final float[] mean;
    private final float[] variance;
    private final float[] varianceSqrt;
    private final int[] steps;

    /** One run; {@code params} must be a contiguous float32 tensor in CPU memory (see {@link #supports}). */
    public HostAdamW(NDManager parent, NDArray params, double beta1, double beta2, double eps, double weightDecay) {
        this(parent, params, beta1, beta2, eps, new double[] {weightDecay});
    }

    /** K = weightDecay.length lanes, each an equal block of {@code params}. */
    public HostAdamW(NDManager parent, NDArray params, double beta1, double beta2, double eps, double[] weightDecay) {
        this.manager = parent.newSubManager();
        this.beta1D = beta1;
        this.beta2D = beta2;
        this.beta1 = (float) beta1;
        this.oneMinusBeta1 = (float) (1 - beta1);
        this.beta2 = (float) beta2;
        this.oneMinusBeta2 = (float) (1 - beta2);
        this.eps = (float) eps;
        this.weightDecay = weightDecay.clone();
        this.paramsView = view(params);
        int n = paramsView.capacity();
        this.params = new float[n];
        this.grad = new float[n];
        this.mean = new float[n];
        this.variance = new float[n];
        this.varianceSqrt = new float[n];
        this.varianceTensor = manager.zeros(params.getShape(), params.getDataType());
        this.varianceView = view(varianceTensor);
        this.steps = new int[weightDecay.length];
    }

    /** Whether the tensor's memory can be updated from the host (a CPU tensor). */
    public static boolean supports(NDArray params) {
        return ai.djl.Device.cpu().equals(params.getDevice());
    }

    static FloatBuffer view(NDArray a) {
        return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void step(NDArray paramsTensor, NDArray gradTensor, double lr) {
        step(gradTensor, new double[] {lr}, new boolean[] {true});
    }

    @Override
    public void step(NDArray gradTensor, double[] lr, boolean[] active) {
        view(gradTensor).get(0, grad);
        paramsView.get(0, params);
        int block = params.length / steps.length;
        for (int k = 0; k < steps.length; k++) {
            if (active[k]) {
                steps[k]++;
                double decay = 1 - lr[k] * weightDecay[k];
                if (decay != 1.0) {
                    scale(k * block, (k + 1) * block, (float) decay);
                }
                moments(k * block, (k + 1) * block);
            }
        }
        varianceView.put(0, variance);
        try (NDScope scope = new NDScope()) {
            view(varianceTensor.sqrt()).get(0, varianceSqrt);
        }
        for (int k = 0; k < steps.length; k++) {
            if (active[k]) {
                double biasCorrection1 = 1 - Math.pow(beta1D, steps[k]);
                double biasCorrection2 = 1 - Math.pow(beta2D, steps[k]);
                update(k * block, (k + 1) * block, (float) -(lr[k] / biasCorrection1), (float)
                        Math.sqrt(biasCorrection2));
            }
        }
        paramsView.put(0, params);
    }

    private void scale(int from, int to, float f) {
        float[] p = params;
        for (int i = from; i < to; i++) {
            p[i] = p[i] * f;
        }
    }

    /** m ← β1·m + (1−β1)·g; v ← β2·v + ((1−β2)·g)·g, each operation rounded to float32 as the engine's kernels do. */
    private void moments(int from, int to) {
        float[] g = grad;
        float[] m = mean;
        float[] v = variance;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            m[i] = m[i] * beta1 + gi * oneMinusBeta1;
            v[i] = v[i] * beta2 + gi * oneMinusBeta2 * gi;
        }
    }

    /** p ← p + ((−step)·m) / (√v / √(1−β2ᵗ) + ε). */
    private void update(int from, int to, float negStepSize, float correction2Sqrt) {
        float[] p = params;
        float[] m = mean;
        float[] s = varianceSqrt;
        for (int i = from; i < to; i++) {
            float denom = s[i] / correction2Sqrt + eps;
            p[i] = p[i] + m[i] * negStepSize / denom;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
