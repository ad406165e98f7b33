package org.modsweep.worker.train;

import java.util.ArrayList;
import java.util.List;
import org.modsweep.core.parquet.EpochMetrics;

/** The per-epoch curves of one run, in epoch order (what the reference keeps as lists). */
public final class MetricsHistory {

    private final List<EpochMetrics> rows = new ArrayList<>();

    public void add(EpochMetrics m) {
        rows.add(m);
    }

    public List<EpochMetrics> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public EpochMetrics last() {
        return rows.get(rows.size() - 1);
    }

    /**
     * The grokking run's plateau test (science.md §4.6 step 7), looked at when e ≥ 10000 and e % 1000 == 0: over the
     * last 1000 recorded epochs, both losses vary by less than 1e-3 and both accuracies by less than 0.005.
     */
    public boolean plateaued(int epoch) {
        if (epoch < 10000 || epoch % 1000 != 0 || rows.size() < 1000) {
            return false;
        }
        List<EpochMetrics> w = rows.subList(rows.size() - 1000, rows.size());
        return range(w, 0) < 1e-3 && range(w, 1) < 1e-3 && range(w, 2) < 0.005 && range(w, 3) < 0.005;
    }

    private static double range(List<EpochMetrics> w, int which) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (EpochMetrics m : w) {
            double v =
                    switch (which) {
                        case 0 -> m.trainLoss();
                        case 1 -> m.testLoss();
                        case 2 -> m.trainAcc();
                        default -> m.testAcc();
                    };
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }
}
