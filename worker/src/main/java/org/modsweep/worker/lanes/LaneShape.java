package org.modsweep.worker.lanes;

import org.modsweep.core.Cell;
import org.modsweep.core.config.Activation;
import org.modsweep.core.config.InitType;
import org.modsweep.core.config.OptimizerKind;

/**
 * What runs must share to train as lanes of one batch: the modulus and hidden width (the tensors' shapes), the
 * activation and the optimiser kind (the kernels), and the initialisation type (kept alike so that a batch is one
 * kind of run). Everything else (seed, lr, weight decay, frac_train, init scale, epochs, plateau stop, checkpoint
 * interval) may differ per lane.
 */
public record LaneShape(int p, int dMlp, Activation act, OptimizerKind optimizer, InitType initType) {

    public static LaneShape of(Cell cell) {
        return new LaneShape(
                cell.p(),
                cell.dMlp(),
                cell.config().act(),
                cell.config().optimizer(),
                cell.config().initType());
    }

    /** Float32 bytes of one lane's [p², d_mlp] activation tensor. */
    public long activationBytes() {
        return 4L * p * p * dMlp;
    }

    @Override
    public String toString() {
        return "p=" + p + " d_mlp=" + dMlp + " " + act + " " + optimizer + " " + initType;
    }
}
