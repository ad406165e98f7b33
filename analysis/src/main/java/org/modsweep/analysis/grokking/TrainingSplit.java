package org.modsweep.analysis.grokking;

import java.util.Map;
import org.modsweep.core.Json;

/**
 * The stored train/test split of a run ({@code split.json}: pair indices n = a·p + b) and the masks the
 * memorisation figures draw (science.md §5.8).
 */
public record TrainingSplit(int p, int[] train, int[] test) {

    @SuppressWarnings("unchecked")
    public static TrainingSplit parse(int p, String json) {
        try {
            Map<String, Object> m = Json.MAPPER.readValue(json, Map.class);
            return new TrainingSplit(p, ints(m.get("train"), "train"), ints(m.get("test"), "test"));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("split.json is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static int[] ints(Object o, String key) {
        if (!(o instanceof java.util.List<?> l)) {
            throw new IllegalArgumentException("split.json has no list '" + key + "'");
        }
        return l.stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    }

    public boolean[][] trainGrid() {
        boolean[][] g = new boolean[p][p];
        for (int n : train) {
            g[n / p][n % p] = true;
        }
        return g;
    }

    /** 1.0 if (i,j) ∈ train; 0.65 if only (j,i) ∈ train; 0.0 otherwise (a "true test point"). */
    public double[][] symmetryMask() {
        boolean[][] t = trainGrid();
        double[][] g = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                g[i][j] = t[i][j] ? 1.0 : t[j][i] ? 0.65 : 0.0;
            }
        }
        return g;
    }

    /** True where neither (i,j) nor (j,i) is a training pair. */
    public boolean[][] trueTestPoints() {
        boolean[][] t = trainGrid();
        boolean[][] g = new boolean[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                g[i][j] = !t[i][j] && !t[j][i];
            }
        }
        return g;
    }

    /** 1.0 if both orders are training pairs ("common"); 0.5 if only (i,j) is ("rare"); 0.0 if not a training pair. */
    public double[][] commonRareMask() {
        boolean[][] t = trainGrid();
        double[][] g = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                g[i][j] = t[i][j] ? (t[j][i] ? 1.0 : 0.5) : 0.0;
            }
        }
        return g;
    }

    /** Training pairs whose mirror is not a training pair. */
    public boolean[][] asymmetricTrainPairs() {
        boolean[][] t = trainGrid();
        boolean[][] g = new boolean[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                g[i][j] = t[i][j] && !t[j][i];
            }
        }
        return g;
    }
}
