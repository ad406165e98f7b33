package org.modsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.modsweep.core.config.Activation;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.worker.init.InitialWeights;

/**
 * The study's two-layer network (science.md §2): logits = W_out · σ(W_in · (onehot(a) + onehot(b))), on DJL's
 * PyTorch engine with gradients written out by hand (DJL allows one autograd collector per JVM, and a JVM trains
 * several cells at once).
 *
 * <p>Both weight matrices live in one flat float32 tensor {@code params} (W_in [M, p] then W_out [p, M], each
 * row-major as in the reference), so the optimiser updates both with one set of kernel calls while each matrix is a
 * view with the reference's memory layout (its norm then reduces in the reference's order).
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
    private final NDArray two;
    private final HostArgmax argmax;

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
        two = manager.create(2.0f);
        argmax = new HostArgmax(p * p);
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

    /**
     * Activations of one forward pass over all p² pairs, kept for the backward pass (pre is null with ReLU). Logits are held transposed,
     * [p, N]: W_out·postᵀ is the faster matrix product for this shape, and log-softmax runs down the columns.
     */
    public record Forward(NDArray pre, NDArray post, NDArray logitsT, NDArray logProbsT) {}

    /** Loss (float32 scalars, negated: −loss) and correct counts of both splits. */
    public record Evaluation(NDArray negTrainLoss, NDArray negTestLoss, int trainCorrect, int testCorrect) {}

    /** The train loss's gradient, flat like {@link #params()}, and the float32 norms of its two matrices. */
    public record Gradient(NDArray flat, NDArray normIn, NDArray normOut) {}

    /**
     * Forward pass over every pair in canonical order. The embedding W_in·(onehot(a) + onehot(b)) is
     * W_inᵀ[a] + W_inᵀ[b]: one broadcast add of [p, 1, M] and [1, p, M] gives all p² rows at once, the same float
     * sums the reference's one-hot matmul makes. W_inᵀ is copied to a contiguous [p·M] first (a few µs): the add
     * then reads unit-stride rows, which is three times faster than broadcasting the strided view.
     */
    public Forward forward() {
        NDArray rowsA = wInT.reshape(-1).reshape(p, 1, dMlp);
        NDArray pre = rowsA.add(rowsA.reshape(1, p, dMlp)).reshape(p * p, dMlp);
        NDArray post = activate(act, pre);
        if (act == Activation.ReLU) {
            pre.close(); // its derivative needs post only: the backward pass's dPost reuses this block while warm
            pre = null;
        }
        NDArray logitsT = wOut.matMul(post.transpose());
        return new Forward(pre, post, logitsT, logitsT.logSoftmax(0));
    }

    /**
     * Mean cross-entropy −mean(log_softmax(logits)[label]) and argmax accuracy (first index on ties) of each split,
     * over its pairs in split order; the argmax is taken on the host ({@link HostArgmax}).
     */
    public Evaluation evaluate(Forward f, PairData data) {
        NDArray labelLogProbs = f.logProbsT().gather(data.labelRow, 0);
        int[] correct = argmax.correct(f.logitsT(), data);
        if (data.sameSet) {
            NDArray loss = labelLogProbs.mean();
            return new Evaluation(loss, loss, correct[0], correct[1]);
        }
        NDArray flat = labelLogProbs.reshape(-1);
        return new Evaluation(
                flat.take(data.trainIndex).mean(), flat.take(data.testIndex).mean(), correct[0], correct[1]);
    }

    /**
     * Gradient of the train loss: the chain rule of torch's own backward (log-softmax: softmax/n − onehot/n on
     * training rows, then the two matrix products, the activation's derivative with ReLU'(0) = 0), and for the
     * embedding the sum of each pre-activation gradient into the two columns of W_in its pair selects. It consumes
     * the forward pass: the activations are overwritten in place by their derivative (no new [N, M] tensor).
     */
    public Gradient gradient(Forward f, PairData data) {
        NDArray dLogitsT = f.logProbsT()
                .exp()
                .muli(data.sameSet ? data.inverseN : data.columnWeight)
                .subi(data.targetT);
        NDArray dWOut = dLogitsT.matMul(f.post());
        NDArray dPost = dLogitsT.transpose().matMul(wOut);
        NDArray dPre = activationBackward(act, dPost, f, two);
        NDArray grid = dPre.reshape(p, p, dMlp); // [a, b, m]
        NDArray dWInT = grid.sum(new int[] {1}).addi(grid.sum(new int[] {0}));
        NDArray dWIn = dWInT.transpose();
        return new Gradient(dWIn.reshape(-1).concat(dWOut.reshape(-1)), dWIn.norm(), dWOut.norm());
    }

    /** σ(pre), a new tensor (the identity returns pre itself). */
    public static NDArray activate(Activation act, NDArray pre) {
        return switch (act) {
            case ReLU -> pre.getNDArrayInternal().relu();
            case Quad -> pre.square();
            case Id -> pre;
            case GeLU -> pre.getNDArrayInternal().gelu();
        };
    }

    /** dPre = dPost · σ'(pre), in place in dPost (ReLU overwrites the forward's post with its sign). */
    public static NDArray activationBackward(Activation act, NDArray dPost, Forward f, NDArray two) {
        return switch (act) {
            case ReLU -> dPost.muli(f.post().signi());
            case Quad -> dPost.muli(f.pre()).muli(two);
            case Id -> dPost;
            case GeLU -> throw new UnsupportedOperationException("GeLU is not used by the study's configurations");
        };
    }

    /** Pre-update parameter norms ‖W_in‖, ‖W_out‖ (float32 scalars, as torch's {@code .norm()}). */
    public NDArray[] paramNorms() {
        return new NDArray[] {wIn.norm(), wOut.norm()};
    }

    /** Copies the current weights out in the reference's shapes: W_in [M, p], W_out [p, M]. */
    public Checkpoint checkpoint(int epoch, boolean isFinal) {
        float[] packed = params.toFloatArray();
        int size = p * dMlp;
        return new Checkpoint(
                epoch,
                isFinal,
                new WeightTensor(WeightTensor.W_IN, dMlp, p, java.util.Arrays.copyOfRange(packed, 0, size)),
                new WeightTensor(WeightTensor.W_OUT, p, dMlp, java.util.Arrays.copyOfRange(packed, size, 2 * size)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
