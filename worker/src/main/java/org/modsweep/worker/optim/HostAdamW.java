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
 * tensor's memory.
 */
public final class HostAdamW implements Optimizer {

    private final float beta1;
    private final float oneMinusBeta1;
    private final float beta2;
    private final float oneMinusBeta2;
    private final float eps;
    private final double beta1D;
    private final double beta2D;
    private final double weightDecay;
    private final NDManager manager;
    private final FloatBuffer paramsView;
    private final NDArray varianceTensor;
    private final FloatBuffer varianceView;
    private final float[] varianceSqrt;
    private final float[] params;
    private final float[] grad;
    private final float[] mean;
    private final float[] variance;
    private int step;

    /** {@code params} must be a contiguous float32 tensor in CPU memory (see {@link #supports}). */
    public HostAdamW(NDManager parent, NDArray params, double beta1, double beta2, double eps, double weightDecay) {
        this.manager = parent.newSubManager();
        this.beta1D = beta1;
        this.beta2D = beta2;
        this.beta1 = (float) beta1;
        this.oneMinusBeta1 = (float) (1 - beta1);
        this.beta2 = (float) beta2;
        this.oneMinusBeta2 = (float) (1 - beta2);
        this.eps = (float) eps;
        this.weightDecay = weightDecay;
        this.paramsView = view(params);
        int n = paramsView.capacity();
        this.params = new float[n];
        this.grad = new float[n];
        this.mean = new float[n];
        this.variance = new float[n];
        this.varianceSqrt = new float[n];
        this.varianceTensor = manager.zeros(params.getShape(), params.getDataType());
        this.varianceView = view(varianceTensor);
    }

    /** Whether the tensor's memory can be updated from the host (a CPU tensor). */
    public static boolean supports(NDArray params) {
        return ai.djl.Device.cpu().equals(params.getDevice());
    }

    private static FloatBuffer view(NDArray a) {
        return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void step(NDArray paramsTensor, NDArray gradTensor, double lr) {
        step++;
        view(gradTensor).get(0, grad);
        paramsView.get(0, params);
        double decay = 1 - lr * weightDecay;
        if (decay != 1.0) {
            scale(params, (float) decay);
        }
        double biasCorrection1 = 1 - Math.pow(beta1D, step);
        double biasCorrection2 = 1 - Math.pow(beta2D, step);
        float negStepSize = (float) -(lr / biasCorrection1);
        float correction2Sqrt = (float) Math.sqrt(biasCorrection2);
        moments();
        varianceView.put(0, variance);
        try (NDScope scope = new NDScope()) {
            view(varianceTensor.sqrt()).get(0, varianceSqrt);
        }
        update(negStepSize, correction2Sqrt);
        paramsView.put(0, params);
    }

    private static void scale(float[] a, float f) {
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * f;
        }
    }

    /** m ← β1·m + (1−β1)·g; v ← β2·v + ((1−β2)·g)·g, each operation rounded to float32 as the engine's kernels do. */
    private void moments() {
        float[] g = grad;
        float[] m = mean;
        float[] v = variance;
        for (int i = 0; i < g.length; i++) {
            float gi = g[i];
            m[i] = m[i] * beta1 + gi * oneMinusBeta1;
            v[i] = v[i] * beta2 + gi * oneMinusBeta2 * gi;
        }
    }

    /** p ← p + ((−step)·m) / (√v / √(1−β2ᵗ) + ε). */
    private void update(float negStepSize, float correction2Sqrt) {
        float[] p = params;
        float[] m = mean;
        float[] s = varianceSqrt;
        for (int i = 0; i < p.length; i++) {
            float denom = s[i] / correction2Sqrt + eps;
            p[i] = p[i] + m[i] * negStepSize / denom;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
