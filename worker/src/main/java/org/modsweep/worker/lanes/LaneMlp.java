package org.modsweep.worker.lanes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.modsweep.core.config.Activation;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.worker.init.InitialWeights;
import org.modsweep.worker.model.EmbedMlp;
import org.modsweep.worker.model.HostRead;

/**
 * K copies of the study's network trained as one computation: the solo {@link EmbedMlp}'s passes with a leading lane
 * axis, so every kernel (batched matrix products included) serves all K runs at once and the per-call cost is paid
 * once per epoch instead of K times. Lane k's parameters are row k of {@code params} [K, 2·p·M], laid out as a
 * solo run's ([W_in | W_out], each row-major), and every lane has its own split.
 */
final class LaneMlp implements AutoCloseable {

    private final int lanes;
    private final int p;
    private final int dMlp;
    private final Activation act;
    private final NDManager manager;
    private final NDArray params; // [K, 2·p·M]
    private final NDArray wIn; // views of it: [K, M, p]
    private final NDArray wOut; // [K, p, M]
    private final NDArray wInT; // [K, p, M]
    private final NDArray two;

    LaneMlp(NDManager parent, Activation act, List<InitialWeights> inits) {
        this.manager = parent.newSubManager();
        this.lanes = inits.size();
        this.p = inits.get(0).p();
        this.dMlp = inits.get(0).dMlp();
        this.act = act;
        int size = p * dMlp;
        float[] packed = new float[lanes * 2 * size];
        for (int k = 0; k < lanes; k++) {
            InitialWeights w = inits.get(k);
            if (w.p() != p || w.dMlp() != dMlp) {
                throw new IllegalArgumentException("lanes must share p and d_mlp");
            }
            System.arraycopy(w.wIn(), 0, packed, 2 * k * size, size);
            System.arraycopy(w.wOut(), 0, packed, (2 * k + 1) * size, size);
        }
        params = manager.create(packed, new Shape(lanes, 2L * size));
        wIn = params.get(new NDIndex(":, 0:" + size)).reshape(lanes, dMlp, p);
        wOut = params.get(new NDIndex(":, " + size + ":")).reshape(lanes, p, dMlp);
        wInT = wIn.transpose(0, 2, 1);
        two = manager.create(2.0f);
    }

    NDArray params() {
        return params;
    }

    /** The solo forward pass per lane: pre, post [K, N, M], logits and log-probabilities [K, p, N]. */
    EmbedMlp.Forward forward() {
        NDArray rows = wInT.reshape(-1).reshape(lanes, p, 1, dMlp); // contiguous copy, as in the solo pass
        NDArray pre = rows.add(rows.reshape(lanes, 1, p, dMlp)).reshape(lanes, p * p, dMlp);
        NDArray post = EmbedMlp.activate(act, pre);
        if (act == Activation.ReLU) {
            pre.close();
            pre = null;
        }
        NDArray logitsT = wOut.matMul(post.transpose(0, 2, 1));
        return new EmbedMlp.Forward(pre, post, logitsT, logitsT.logSoftmax(1));
    }

    /** Each lane's negated train and test loss, [K, 2] in {@link LaneData#lossRow} order. */
    NDArray negLosses(EmbedMlp.Forward f, LaneData data) {
        return data.negLosses(f.logProbsT().gather(data.labelIndex, 1).reshape(-1));
    }

    /** The solo gradient per lane (see {@link EmbedMlp#gradient}); flat [K, 2·p·M], norms [K]. */
    EmbedMlp.Gradient gradient(EmbedMlp.Forward f, LaneData data) {
        NDArray dLogitsT = f.logProbsT().exp().muli(data.columnWeight).subi(data.targetT);
        NDArray dWOut = dLogitsT.matMul(f.post());
        NDArray dPost = dLogitsT.transpose(0, 2, 1).matMul(wOut);
        NDArray dPre = EmbedMlp.activationBackward(act, dPost, f, two);
        NDArray grid = dPre.reshape(lanes, p, p, dMlp); // [k, a, b, m]
        NDArray dWInT = grid.sum(new int[] {2}).addi(grid.sum(new int[] {1}));
        NDArray dWIn = dWInT.transpose(0, 2, 1);
        NDArray flat = dWIn.reshape(lanes, -1).concat(dWOut.reshape(lanes, -1), 1);
        int[] row = {1};
        return new EmbedMlp.Gradient(
                flat,
                dWInT.reshape(lanes, -1).norm(row),
                dWOut.reshape(lanes, -1).norm(row));
    }

    /** Pre-update parameter norms per lane, [K] each (in the solo run's reduction order). */
    NDArray[] paramNorms() {
        int[] row = {1};
        return new NDArray[] {
            wIn.reshape(lanes, -1).norm(row), wOut.reshape(lanes, -1).norm(row)
        };
    }

    /** All lanes' current parameters on the host, [K · 2·p·M]. */
    float[] hostParams() {
        return HostRead.floats(params);
    }

    /** Lane k's weights out of {@link #hostParams()}, in the reference's shapes. */
    Checkpoint checkpoint(float[] all, int lane, int epoch, boolean isFinal) {
        int size = p * dMlp;
        int at = 2 * lane * size;
        return new Checkpoint(
                epoch,
                isFinal,
                new WeightTensor(WeightTensor.W_IN, dMlp, p, Arrays.copyOfRange(all, at, at + size)),
                new WeightTensor(WeightTensor.W_OUT, p, dMlp, Arrays.copyOfRange(all, at + size, at + 2 * size)));
    }

    /**
     * An epoch's scalars of every lane in one transfer: first the [K, 2] negated losses (−train, −test, lane k in
     * row {@link LaneData#lossRow}), then per lane k at 2K + 4k: ‖∇W_in‖, ‖∇W_out‖, ‖W_in‖, ‖W_out‖.
     */
    float[] scalars(NDArray negLosses, EmbedMlp.Gradient g, NDArray[] paramNorms) {
        NDArray norms = NDArrays.stack(new NDList(g.normIn(), g.normOut(), paramNorms[0], paramNorms[1]), 1);
        return HostRead.floats(negLosses.reshape(-1).concat(norms.reshape(-1)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
