package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.testing.ReferenceNumbers;

/**
 * The reference's p = 23 numbers (crosscheck.json in core's test resources, how they were made: docs/crosscheck.md),
 * their tolerance rule, and the comparison of a trained run's metrics with a reference block.
 */
final class Crosscheck {

    private static final Logger LOG = LogManager.getLogger(Crosscheck.class);
    /** The metrics a reference block lists at each of its epochs. */
    static final String[] METRICS = {"train_loss", "test_loss", "train_acc", "test_acc", "grad_norm", "param_norm"};

    private Crosscheck() {}

    /** The relative tolerance a comparison allows for a metric at an epoch. */
    interface Tolerance {
        double at(String metric, int epoch);
    }

    /** The p=23 block of crosscheck.json. */
    static JsonNode p23() {
        return ReferenceNumbers.crosscheck().get("p23");
    }

    /** Relative tolerance for a metric at epoch e: the smallest bracket "<=E" with E >= e. */
    static double tolerance(JsonNode config, String metric, int epoch) {
        JsonNode brackets = config.get("tolerance").get(metric);
        double best = Double.NaN;
        int bestEnd = Integer.MAX_VALUE;
        for (var it = brackets.fields(); it.hasNext(); ) {
            var e = it.next();
            int end = Integer.parseInt(e.getKey().substring(2));
            if (end >= epoch && end < bestEnd) {
                bestEnd = end;
                best = e.getValue().asDouble();
            }
        }
        if (Double.isNaN(best)) {
            throw new IllegalStateException("no tolerance bracket for " + metric + " at epoch " + epoch);
        }
        return best;
    }

    static double relDiff(double java, double ref) {
        double scale = Math.max(Math.abs(java), Math.abs(ref));
        return scale == 0 ? 0 : Math.abs(java - ref) / scale;
    }

    /**
     * Every metric of {@code ours} at every epoch the reference block {@code ref} lists (its {@code "epochs"}; epochs
     * past the end of {@code ours} are left out), against {@code tolerance}; returns one line per metric outside it
     * (empty: the run matches) and logs the value closest to its tolerance.
     */
    static List<String> compare(String name, List<EpochMetrics> ours, JsonNode ref, Tolerance tolerance) {
        List<String> failures = new ArrayList<>();
        double worst = 0;
        String worstAt = "";
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("epochs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int epoch = Integer.parseInt(e.getKey());
            if (epoch >= ours.size()) {
                continue;
            }
            EpochMetrics m = ours.get(epoch);
            assertEquals(epoch, m.epoch());
            double[] values = {m.trainLoss(), m.testLoss(), m.trainAcc(), m.testAcc(), m.gradNorm(), m.paramNorm()};
            for (int i = 0; i < METRICS.length; i++) {
                double r = e.getValue().get(METRICS[i]).asDouble();
                double d = relDiff(values[i], r);
                double t = tolerance.at(METRICS[i], epoch);
                if (d / t > worst) {
                    worst = d / t;
                    worstAt = String.format("epoch %d %s (rel %.2e, tol %.2e)", epoch, METRICS[i], d, t);
                }
                if (d > t) {
                    failures.add(String.format(
                            "epoch %d %s: java %.10g ref %.10g rel %.2e > tol %.2e",
                            epoch, METRICS[i], values[i], r, d, t));
                }
            }
        }
        LOG.info("{}: closest to its tolerance: {}", name, worstAt);
        return failures;
    }
}
