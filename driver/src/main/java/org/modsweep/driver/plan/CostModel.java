package org.modsweep.driver.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;

/**
 * What a run costs, for {@code sweep --plan}: milliseconds per epoch ≈ a·d_mlp·p² + b (an epoch's multiply-adds
 * grow with the hidden width times the p² input pairs; b is the per-epoch overhead of small p), fitted by least
 * squares (with b ≥ 0) to the measured {@code ms_per_epoch} of the store's committed runs, or the defaults measured on
 * the development machine when the store has none.
 *
 * @param a       milliseconds per epoch per unit of d_mlp·p²
 * @param b       milliseconds per epoch at any size
 * @param samples committed runs the model was fitted to; 0 for the defaults
 */
public record CostModel(double a, double b, int samples) {

    private static final Logger LOG = LogManager.getLogger(CostModel.class);

    /**
     * Defaults from the development machine's measurements (AMD EPYC, one thread per run; docs/benchmarks.md and
     * docs/grids.md): a from p = 41 (d_mlp 1627: 18.8 ms/epoch idle), b the per-epoch overhead at p = 5, where the
     * multiply-adds are negligible (about 0.4 ms). p = 23 (1.2-1.6 ms/epoch measured idle) comes out at 2.3 ms: the
     * defaults err long.
     */
    public static final CostModel DEFAULT = new CostModel(6.86e-6, 0.4, 0);

    public CostModel {
        if (!(a >= 0) || !(b >= 0)) {
            throw new IllegalArgumentException("a cost model needs a >= 0 and b >= 0, got a=" + a + ", b=" + b);
        }
    }

    /** Estimated milliseconds per epoch of a run with this modulus and hidden width. */
    public double msPerEpoch(int p, int dMlp) {
        return a * size(p, dMlp) + b;
    }

    /** Estimated seconds a run takes for the epochs it plans (the grokking plateau stop may end it earlier). */
    public double seconds(Cell run, int epochs) {
        return epochs * msPerEpoch(run.p(), run.dMlp()) / 1000;
    }

    /**
     * The model fitted to measurements, each {@code {p, d_mlp, ms_per_epoch}}: least squares on d_mlp·p² with the
     * intercept held at 0 when the free fit would make it negative; one size measured (or none) scales the defaults
     * by the measured-to-estimated ratio (none: the defaults).
     */
    public static CostModel fit(List<double[]> measured) {
        List<double[]> xy = new ArrayList<>();
        for (double[] m : measured) {
            if (m[2] > 0 && Double.isFinite(m[2])) {
                xy.add(new double[] {size((int) m[0], (int) m[1]), m[2]});
            }
        }
        if (xy.isEmpty()) {
            return DEFAULT;
        }
        double n = xy.size();
        double sx = 0;
        double sy = 0;
        for (double[] v : xy) {
            sx += v[0];
            sy += v[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double sxxRaw = 0;
        double sxyRaw = 0;
        for (double[] v : xy) {
            sxx += (v[0] - mx) * (v[0] - mx);
            sxy += (v[0] - mx) * (v[1] - my);
            sxxRaw += v[0] * v[0];
            sxyRaw += v[0] * v[1];
        }
        if (sxx <= 1e-9 * Math.max(1, mx * mx)) { // one size: calibrate the defaults' scale to it
            double ratio = my / DEFAULT.msPerEpochAt(mx);
            return new CostModel(DEFAULT.a * ratio, DEFAULT.b * ratio, xy.size());
        }
        double a = sxy / sxx;
        double b = my - a * mx;
        if (a < 0) { // time falling with size is noise: the mean cost per epoch, flat
            return new CostModel(0, my, xy.size());
        }
        if (b < 0) {
            return new CostModel(sxyRaw / sxxRaw, 0, xy.size());
        }
        return new CostModel(a, b, xy.size());
    }

    /** The model fitted to the store's committed runs (their run.json), the defaults when it has none. */
    public static CostModel of(ResultsStore store) throws IOException {
        List<double[]> measured = new ArrayList<>();
        for (Cell c : store.committedCells()) {
            try {
                RunRecord r = store.readRun(c);
                measured.add(new double[] {r.p(), r.dMlp(), r.msPerEpoch()});
            } catch (IOException e) {
                LOG.debug("cost model leaves out {}: {}", c.id(), Errors.firstLine(e));
            }
        }
        return fit(measured);
    }

    /** {@code ms/epoch = 6.86e-06·d_mlp·p² + 0.400 (defaults measured on the development machine)}. */
    public String describe() {
        return String.format(
                "ms/epoch = %.3g·d_mlp·p² + %.3g (%s)",
                a,
                b,
                samples == 0
                        ? "defaults measured on the development machine"
                        : "fitted to " + samples + " committed run" + (samples == 1 ? "" : "s") + " of the store");
    }

    private double msPerEpochAt(double size) {
        return a * size + b;
    }

    private static double size(int p, int dMlp) {
        return (double) dMlp * p * p;
    }
}
