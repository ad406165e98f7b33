package org.modsweep.analysis.grids;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.modsweep.core.grid.GridManifest;

/**
 * {@code seeds.json} (grids.md §3): for every grid point with two or more seeds, the mean, standard deviation, min
 * and max of each curve epoch by epoch (up to the longest seed, with the count of seeds per epoch), and the
 * statistics of each outcome over the seeds.
 */
final class SeedsJson {

    static final String FILE = "seeds.json";

    /** Longer curves are written at every k-th epoch (k = ⌈epochs / MAX_EPOCHS⌉) and the last one. */
    static final int MAX_EPOCHS = 1000;

    private SeedsJson() {}

    static ObjectNode of(GridManifest grid, List<GridPoint> points) {
        ObjectNode root = GridJson.object();
        root.put("grid", grid.id());
        ArrayNode ps = root.putArray("points");
        for (GridPoint p : points) {
            if (p.runs().size() < 2) {
                continue;
            }
            ObjectNode n = ps.addObject();
            n.put("p", p.p());
            n.put("config", p.config());
            GridJson.putAll(n, p.values());
            ArrayNode seeds = n.putArray("seeds");
            p.seeds().forEach(seeds::add);
            curves(n.putObject("curves"), p.runs());
            ObjectNode o = n.putObject("outcomes");
            outcome(o, "t_train", p.runs(), r -> r.outcome().tTrain());
            outcome(o, "t_test", p.runs(), r -> r.outcome().tTest());
            outcome(o, "delay", p.runs(), r -> r.outcome().delay());
            outcome(o, "final_test_acc", p.runs(), r -> r.outcome().finalTestAcc());
        }
        return root;
    }

    private static void curves(ObjectNode n, List<GridRun> runs) {
        SeedBand trainLoss = band(runs, GridRun::trainLoss);
        int[] epochs = sampled(trainLoss.count().length);
        ArrayNode e = n.putArray("epoch");
        ArrayNode count = n.putArray("count");
        for (int i : epochs) {
            e.add(i);
            count.add(trainLoss.count()[i]);
        }
        put(n, "train_loss", trainLoss, epochs);
        put(n, "test_loss", band(runs, GridRun::testLoss), epochs);
        put(n, "train_acc", band(runs, GridRun::trainAcc), epochs);
        put(n, "test_acc", band(runs, GridRun::testAcc), epochs);
    }

    private static SeedBand band(List<GridRun> runs, Function<GridRun, double[]> curve) {
        return SeedBand.of(runs.stream().map(curve).toList());
    }

    private static void put(ObjectNode n, String name, SeedBand b, int[] epochs) {
        ObjectNode m = n.putObject(name);
        GridJson.doubles(m.putArray("mean"), pick(b.mean(), epochs));
        GridJson.doubles(m.putArray("std"), pick(b.std(), epochs));
        GridJson.doubles(m.putArray("min"), pick(b.min(), epochs));
        GridJson.doubles(m.putArray("max"), pick(b.max(), epochs));
    }

    /** The epochs written of a curve of {@code n} epochs. */
    static int[] sampled(int n) {
        int step = Math.max(1, (n + MAX_EPOCHS - 1) / MAX_EPOCHS);
        List<Integer> out = new ArrayList<>();
        for (int e = 0; e < n; e += step) {
            out.add(e);
        }
        if (out.get(out.size() - 1) != n - 1) {
            out.add(n - 1);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] pick(double[] v, int[] at) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = v[at[i]];
        }
        return out;
    }

    private static void outcome(ObjectNode o, String name, List<GridRun> runs, Function<GridRun, Number> value) {
        OutcomeStatistics s = OutcomeStatistics.of(runs.stream().map(value).toList());
        ObjectNode n = o.putObject(name);
        GridJson.putNullable(n, "mean", s.mean());
        GridJson.putNullable(n, "std", s.std());
        GridJson.putNullable(n, "lo", s.low());
        GridJson.putNullable(n, "hi", s.high());
        n.put("n", s.n());
        n.put("missing", s.missing());
    }
}
