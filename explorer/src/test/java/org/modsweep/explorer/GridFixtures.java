package org.modsweep.explorer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.grid.GridSpec;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.testing.PlantedRuns;

/**
 * Plants a grid in a store as a grid sweep and its reduce leave it (GRID-FORMATS.md): grid.json, phases.json,
 * seeds.json, critical.json, progress.json and PNGs under {@code results/grids/<id>/}, and every run of the grid but
 * one committed with its metrics Parquet file. The grid is {@code seed=1,2; weight_decay=0.5,1,2; frac_train=0.3,0.5}
 * on the grokking configuration: 12 runs, 6 grid points, each point's phase planted (one run of each phase at least),
 * the run {@link #MISSING_SEED} × {@link #MISSING_POINT} never committed (listed under "missing").
 */
public final class GridFixtures {

    public static final String ID = "fixture-grid";
    public static final String SPEC = "seed=1,2;weight_decay=0.5,1,2;frac_train=0.3,0.5";
    public static final int EPOCHS = 600;
    public static final int POINTS = 6;
    /** The uncommitted run: seed 2 at weight_decay 2, frac_train 0.3. */
    public static final long MISSING_SEED = 2;

    public static final double[] MISSING_POINT = {2.0, 0.3};
    public static final List<String> PHASES = List.of("confusion", "memorization", "grokking", "comprehension");

    private static final double THRESHOLD = 0.95;
    private static final int DELAY = 100;

    private GridFixtures() {}

    /** The grid's runs at p (grokking base; p ≥ 19). */
    public static List<Cell> runs(int p) {
        return GridSpec.parse(SPEC).runs(List.of(Modulus.of(p)), List.of(StudyConfigs.GROKKING), 100, false);
    }

    /** Writes the grid's files and commits its runs; returns the manifest. */
    public static GridManifest write(ResultsStore store, int p) throws IOException {
        GridSpec spec = GridSpec.parse(SPEC);
        List<Cell> runs = runs(p);
        GridManifest grid = new GridManifest(ID, spec.axes(), Overrides.NONE, EPOCHS, runs);
        grid.write(store);
        List<Map<String, Object>> runRows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Cell c : runs) {
            if (isMissing(c)) {
                missing.add(c.id());
                continue;
            }
            Outcome o = outcome(c);
            commit(store, c, o);
            runRows.add(runRow(c, o));
        }
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("grid", ID);
        phases.put("axes", axesJson(grid));
        phases.put("thresholds", Map.of("accuracy", THRESHOLD, "grokking_delay", DELAY));
        phases.put("runs", runRows);
        phases.put("points", points(p, runRows));
        phases.put("missing", missing);
        json(store, "phases.json", phases);
        json(store, "seeds.json", seeds(p, runRows));
        json(store, "critical.json", critical(p));
        json(store, "progress.json", progress(runRows));
        for (String png :
                List.of("phase_weight_decay_frac_train.png", "delay_weight_decay.png", "delay_frac_train.png")) {
            store.writeBytes(new Path(GridManifest.dir(store, ID), png), ResultFixtures.pngBytes(png));
        }
        return grid;
    }

    static boolean isMissing(Cell c) {
        return c.config().seed() == MISSING_SEED
                && c.config().weightDecay() == MISSING_POINT[0]
                && c.config().fracTrain() == MISSING_POINT[1];
    }

    /** The planted phase of a run: weight decay and training fraction decide; one point splits its seeds. */
    static String phase(double wd, double frac, long seed) {
        if (frac == 0.3) {
            return wd == 0.5 ? "confusion" : wd == 1.0 ? "memorization" : "grokking";
        }
        if (wd == 1.0) {
            return seed == 1 ? "grokking" : "comprehension";
        }
        return wd == 0.5 ? "memorization" : "comprehension";
    }

    record Outcome(String phase, Integer tTrain, Integer tTest) {
        Integer delay() {
            return tTrain == null || tTest == null ? null : tTest - tTrain;
        }
    }

    static Outcome outcome(Cell c) {
        String phase = phase(
                c.config().weightDecay(), c.config().fracTrain(), c.config().seed());
        int shift = (int) c.config().seed() * 10;
        return switch (phase) {
            case "confusion" -> new Outcome(phase, null, null);
            case "memorization" -> new Outcome(phase, 100 + shift, null);
            case "grokking" -> new Outcome(phase, 100 + shift, 400 + shift);
            default -> new Outcome(phase, 100 + shift, 150 + shift);
        };
    }

    /** Accuracy that steps from 0.1 to 1 at {@code t} (never when null). */
    static double acc(Integer t, int epoch) {
        return t != null && epoch >= t ? 1.0 : 0.1 + 0.5 * epoch / EPOCHS;
    }

    static List<EpochMetrics> metrics(Outcome o) {
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < EPOCHS; e++) {
            double trainAcc = acc(o.tTrain(), e);
            double testAcc = acc(o.tTest(), e);
            rows.add(new EpochMetrics(
                    e, 3.2 * (1.05 - trainAcc), 3.2 * (1.05 - testAcc), trainAcc, testAcc, 0.1, 5.0, 1e-3));
        }
        return rows;
    }

    private static void commit(ResultsStore store, Cell c, Outcome o) throws IOException {
        float[] w = {1, 2, 3, 4, 5, 6};
        Path dir = PlantedRuns.attempt(
                store,
                c,
                RunColumns.of(c),
                metrics(o),
                List.of(
                        new Checkpoint(0, false, new WeightTensor("W_in", 2, 3, w), new WeightTensor("W_out", 3, 2, w)),
                        new Checkpoint(
                                EPOCHS - 1,
                                true,
                                new WeightTensor("W_in", 2, 3, w),
                                new WeightTensor("W_out", 3, 2, w))));
        store.writeString(new Path(dir, "split.json"), "{\"train\":[0],\"test\":[1]}");
        store.writeString(new Path(dir, "training_log.txt"), "epochs " + EPOCHS + "\n");
        store.commit(
                c,
                dir,
                PlantedRuns.recordOf(c, EPOCHS, dir.getName())
                        .dMlp(c.dMlp())
                        .epochCap(EPOCHS)
                        .build());
    }

    private static Map<String, Object> runRow(Cell c, Outcome o) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", c.id());
        r.put("p", c.p());
        r.put("config", c.config().key());
        r.put("seed", c.config().seed());
        r.put("weight_decay", c.config().weightDecay());
        r.put("frac_train", c.config().fracTrain());
        r.put("epochs_run", EPOCHS);
        r.put("t_train", o.tTrain());
        r.put("t_test", o.tTest());
        r.put("delay", o.delay());
        r.put("phase", o.phase());
        List<EpochMetrics> m = metrics(o);
        r.put("final_train_acc", m.get(EPOCHS - 1).trainAcc());
        r.put("final_test_acc", m.get(EPOCHS - 1).testAcc());
        return r;
    }

    private static Map<String, Object> axesJson(GridManifest grid) {
        Map<String, Object> axes = new LinkedHashMap<>();
        grid.axes().forEach((k, vs) -> axes.put(k.key(), vs));
        return axes;
    }

    /** Rows of one grid point (weight_decay, frac_train). */
    private static List<Map<String, Object>> at(List<Map<String, Object>> runs, double wd, double frac) {
        return runs.stream()
                .filter(r -> (double) r.get("weight_decay") == wd && (double) r.get("frac_train") == frac)
                .toList();
    }

    private static Map<String, Object> pointKey(int p, double wd, double frac) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p", p);
        m.put("config", "grokking");
        m.put("weight_decay", wd);
        m.put("frac_train", frac);
        return m;
    }

    private static List<Map<String, Object>> points(int p, List<Map<String, Object>> runs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object wd : axis(ConfigKey.WEIGHT_DECAY)) {
            for (Object frac : axis(ConfigKey.FRAC_TRAIN)) {
                List<Map<String, Object>> rs = at(runs, (double) wd, (double) frac);
                Map<String, Object> pt = pointKey(p, (double) wd, (double) frac);
                Map<String, Integer> counts = new LinkedHashMap<>();
                PHASES.forEach(ph -> counts.put(ph, (int)
                        rs.stream().filter(r -> r.get("phase").equals(ph)).count()));
                pt.put("phase", rs.get(0).get("phase")); // the fixture's majority: seed 1's (ties go to it)
                pt.put("counts", counts);
                pt.put("seeds", rs.stream().map(r -> r.get("seed")).toList());
                pt.put("runs", rs.stream().map(r -> r.get("id")).toList());
                out.add(pt);
            }
        }
        return out;
    }

    private static List<Object> axis(ConfigKey k) {
        return GridSpec.parse(SPEC).axes().get(k);
    }

    private static Map<String, Object> seeds(int p, List<Map<String, Object>> runs) {
        List<Map<String, Object>> points = new ArrayList<>();
        List<Integer> epochs = ResultFixtures.range(0, EPOCHS, 10);
        for (Object wd : axis(ConfigKey.WEIGHT_DECAY)) {
            for (Object frac : axis(ConfigKey.FRAC_TRAIN)) {
                List<Map<String, Object>> rs = at(runs, (double) wd, (double) frac);
                if (rs.size() < 2) {
                    continue;
                }
                Map<String, Object> pt = pointKey(p, (double) wd, (double) frac);
                pt.put("seeds", rs.stream().map(r -> r.get("seed")).toList());
                Map<String, Object> curves = new LinkedHashMap<>();
                curves.put("epoch", epochs);
                curves.put("count", epochs.stream().map(e -> rs.size()).toList());
                List<Outcome> os = rs.stream()
                        .map(r -> new Outcome(
                                (String) r.get("phase"), (Integer) r.get("t_train"), (Integer) r.get("t_test")))
                        .toList();
                curves.put("train_acc", band(epochs, os, true));
                curves.put("test_acc", band(epochs, os, false));
                pt.put("curves", curves);
                Map<String, Object> outcomes = new LinkedHashMap<>();
                outcomes.put("delay", stat(os.stream().map(Outcome::delay).toList()));
                outcomes.put("t_train", stat(os.stream().map(Outcome::tTrain).toList()));
                outcomes.put("t_test", stat(os.stream().map(Outcome::tTest).toList()));
                pt.put("outcomes", outcomes);
                points.add(pt);
            }
        }
        return Map.of("grid", ID, "points", points);
    }

    private static Map<String, Object> band(List<Integer> epochs, List<Outcome> os, boolean train) {
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        List<Double> min = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        for (int e : epochs) {
            double[] v = os.stream()
                    .mapToDouble(o -> acc(train ? o.tTrain() : o.tTest(), e))
                    .toArray();
            double m = java.util.Arrays.stream(v).average().orElseThrow();
            mean.add(m);
            std.add(Math.sqrt(
                    java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1)));
            min.add(java.util.Arrays.stream(v).min().orElseThrow());
            max.add(java.util.Arrays.stream(v).max().orElseThrow());
        }
        return Map.of("mean", mean, "std", std, "min", min, "max", max);
    }

    private static Map<String, Object> stat(List<Integer> values) {
        List<Integer> got = values.stream().filter(java.util.Objects::nonNull).toList();
        Map<String, Object> s = new LinkedHashMap<>();
        double mean = got.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
        s.put("mean", got.isEmpty() ? null : mean);
        s.put("std", got.size() < 2 ? null : 0.0 + Math.abs(got.get(0) - got.get(got.size() - 1)) / Math.sqrt(2));
        s.put(
                "lo",
                got.isEmpty()
                        ? null
                        : got.stream().mapToInt(Integer::intValue).min().getAsInt());
        s.put(
                "hi",
                got.isEmpty()
                        ? null
                        : got.stream().mapToInt(Integer::intValue).max().getAsInt());
        s.put("n", got.size());
        s.put("missing", values.size() - got.size());
        return s;
    }

    private static Map<String, Object> critical(int p) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(criticalRow(p, "weight_decay", "frac_train", 0.3, "fit", 1.4, 1.1, 1.8));
        rows.add(criticalRow(p, "weight_decay", "frac_train", 0.5, "insufficient", null, null, null));
        rows.add(criticalRow(p, "frac_train", "weight_decay", 1.0, "separated", 0.4, 0.3, 0.5));
        return Map.of(
                "grid", ID, "thresholds", Map.of("accuracy", THRESHOLD, "grokking_delay", DELAY), "critical", rows);
    }

    private static Map<String, Object> criticalRow(
            int p, String axis, String other, double otherValue, String status, Double value, Double lo, Double hi) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("axis", axis);
        r.put("p", p);
        r.put("config", "grokking");
        r.put(other, otherValue);
        r.put("status", status);
        r.put("value", value);
        r.put("lo", lo);
        r.put("hi", hi);
        return r;
    }

    private static Map<String, Object> progress(List<Map<String, Object>> runs) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Integer> epochs = ResultFixtures.range(0, EPOCHS, 100);
        for (Map<String, Object> r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.get("id"));
            m.put("key_frequencies", List.of(3, 7));
            m.put("epoch", epochs);
            m.put(
                    "restricted_loss",
                    epochs.stream().map(e -> 3.0 * Math.exp(-e / 200.0)).toList());
            m.put("excluded_loss", epochs.stream().map(e -> 0.5 + e / 300.0).toList());
            m.put("gini_in", epochs.stream().map(e -> 0.2 + e / 1000.0).toList());
            m.put("gini_out", epochs.stream().map(e -> 0.25 + e / 1000.0).toList());
            m.put("weight_norm", epochs.stream().map(e -> 40.0 - e / 30.0).toList());
            out.add(m);
        }
        return Map.of("grid", ID, "key_share", 0.9, "runs", out);
    }

    private static void json(ResultsStore store, String name, Object value) throws IOException {
        store.writeString(new Path(GridManifest.dir(store, ID), name), Json.compact(value));
    }
}
