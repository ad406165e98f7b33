package org.modsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.modsweep.core.config.Activation;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.worker.init.InitialWeights;

/**
 * The study's two-layer network (science.md §2): logits = W_out · σ(W_in · (onehot(a) + onehot(b))), on DJL's
 * PyTorch engine with gradients written out by hand (design.md: one autograd collector per JVM).
 *
 * <p>Both weight matrices live in one flat float32 tensor {@code params} (W_in [M, p] then W_out [p, M], each
 * row-major as in the reference), so the optimiser updates both with one set of kernel calls while each matrix is a
 * view with the reference's memory layout (its norm then reduces in the reference's order). The embedding
 * W_in·(onehot(a) + onehot(b)) is a gather of two columns of W_in: the same float sum the reference's matmul makes.
 */
public final class EmbedMlp implements AutoCloseable {

    private final NDManager manager;
    private final int p;
    private final int dMlp;
    private final Activation act;
    private final NDArray params;
    private final NDArray wIn;
    private final NDArray wInT;
    private final NDArray wOut;
    private final NDArray wOutT;

    public EmbedMlp(NDManager parent, Activation act, InitialWeights init) {
        this.manager = parent.newSubManager();
        this.p = init.p();
        this.dMlp = init.dMlp();
        this.act = act;
        int size = p * dMlp;
        float[] packed = new float[2 * size];
        System.arraycopy(init.wIn(), 0, packed, 0, size);
        System.arraycopy(init.wOut(), 0, packed, size, size);
        params = manager.create(packed);
        wIn = params.get(new NDIndex("0:" + size)).reshape(dMlp, p);
        wOut = params.get(new NDIndex(size + ":")).reshape(p, dMlp);
        wInT = wIn.transpose();
        wOutT = wOut.transpose();
    }

    /** The flat parameter tensor [W_in | W_out]. */
    public NDArray params() {
        return params;
    }

    public int p() {
        return p;
    }

    public int dMlp() {
        return dMlp;
    }

    /** Activations of one forward pass, kept for the backward pass. */
    public record Forward(NDArray pre, NDArray post, NDArray logits, NDArray logProbs) {
    }

    /** The train loss's gradient, flat like {@link #params()}, and the float32 norms of its two matrices. */
    public record Gradient(NDArray flat, float normIn, float normOut) {
    }

    public Forward forward(PairSplit split) {
        NDArray pre = JniUtils.embedding((PtNDArray) split.first, (PtNDArray) wInT, false);
        pre.addi(JniUtils.embedding((PtNDArray) split.second, (PtNDArray) wInT, false));
        NDArray post = switch (act) {
            case ReLU -> pre.getNDArrayInternal().relu();
            case Quad -> pre.square();
            case Id -> pre;
            case GeLU -> pre.getNDArrayInternal().gelu();
        };
        NDArray logits = post.matMul(wOutT);
        return new Forward(pre, post, logits, logits.logSoftmax(1));
    }

    /** Mean cross-entropy (a float32 scalar): −mean(log_softmax(logits)[label]). */
    public NDArray loss(Forward f, PairSplit split) {
        return f.logProbs().gather(split.labelColumn, 1).mean().neg();
    }

    /** Number of pairs whose argmax logit (first index on ties) is the label (an int64 scalar). */
    public NDArray correct(Forward f, PairSplit split) {
        return f.logits().argMax(1).eq(split.labels).sum();
    }

    /**
     * Gradient of the split's mean loss: the chain rule of torch's own backward (log-softmax, then the two matrix
     * products, the activation's derivative with ReLU'(0) = 0, the one-hot embedding).
     */
    public Gradient gradient(Forward f, PairSplit split) {
        NDArray dLogits = f.logProbs().exp().muli(split.inverseN).subi(split.targetOverN);
        NDArray dWOut = dLogits.transpose().matMul(f.post());
        NDArray dPost = dLogits.matMul(wOut);
        NDArray dPre = switch (act) {
            case ReLU -> dPost.muli(f.post().sign());
            case Quad -> dPost.muli(f.pre()).muli(2);
            case Id -> dPost;
            case GeLU -> throw new UnsupportedOperationException("GeLU is not used by the study's configurations");
        };
        NDArray dWIn = dPre.transpose().matMul(split.embedding);
        float normIn = dWIn.norm().getFloat();
        float normOut = dWOut.norm().getFloat();
        return new Gradient(dWIn.reshape(-1).concat(dWOut.reshape(-1)), normIn, normOut);
    }

    /** Pre-update parameter norms ‖W_in‖, ‖W_out‖ (float32, as torch's {@code .norm()}). */
    public float[] paramNorms() {
        return new float[] {wIn.norm().getFloat(), wOut.norm().getFloat()};
    }

    /** Copies the current weights out in the reference's shapes: W_in [M, p], W_out [p, M]. */
    public Checkpoint checkpoint(int epoch, boolean isFinal) {
        float[] packed = params.toFloatArray();
        int size = p * dMlp;
        return new Checkpoint(epoch, isFinal,
                new WeightTensor(WeightTensor.W_IN, dMlp, p, java.util.Arrays.copyOfRange(packed, 0, size)),
                new WeightTensor(WeightTensor.W_OUT, p, dMlp, java.util.Arrays.copyOfRange(packed, size, 2 * size)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
