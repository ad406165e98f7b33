package org.modsweep.analysis.neurons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.FrequencyScales;

/** The neuron-selection helpers of the study (science.md §5.3). */
public final class NeuronSelection {

    /** Heat-maps, spectra and line plots show this many neurons (fewer only when M is smaller). */
    public static final int SHOWN = 20;

    private NeuronSelection() {}

    /**
     * Round robin over frequencies: neurons grouped by dominant frequency (DC skipped), each group ranked by
     * max_r |inHat[m, r]| descending (index order on ties); passes over the frequencies in ascending order take the
     * next-best neuron of each; a frequency whose group ran out is dropped. Returns neuron indices in selection order.
     */
    public static int[] roundRobin(DecodedWeights d, int[] freq, int n) {
        TreeMap<Integer, List<Integer>> groups = new TreeMap<>();
        for (int m = 0; m < freq.length; m++) {
            if (freq[m] != 0) {
                groups.computeIfAbsent(freq[m], k -> new ArrayList<>()).add(m);
            }
        }
        double[] mag = new double[freq.length];
        for (int m = 0; m < freq.length; m++) {
            mag[m] = d.peakInputMagnitude(m);
        }
        for (List<Integer> g : groups.values()) {
            g.sort(Comparator.comparingDouble((Integer m) -> -mag[m]).thenComparingInt(m -> m));
        }
        Map<Integer, Integer> next = new LinkedHashMap<>();
        groups.keySet().forEach(k -> next.put(k, 0));
        int[] out = new int[n];
        int count = 0;
        while (count < n && !next.isEmpty()) {
            List<Integer> exhausted = new ArrayList<>();
            for (Map.Entry<Integer, Integer> e : next.entrySet()) {
                if (count >= n) {
                    break;
                }
                List<Integer> g = groups.get(e.getKey());
                int i = e.getValue();
                if (i < g.size()) {
                    out[count++] = g.get(i);
                    e.setValue(i + 1);
                }
                if (e.getValue() >= g.size()) {
                    exhausted.add(e.getKey());
                }
            }
            exhausted.forEach(next::remove);
        }
        return Arrays.copyOf(out, count);
    }

    /** n = min(20, M) neurons by round robin. */
    public static int[] roundRobin(DecodedWeights d, int[] freq) {
        return roundRobin(d, freq, Math.min(SHOWN, freq.length));
    }

    /** Stable re-ordering of selected neurons by ascending frequency (science.md §5.4 step 2). */
    public static int[] sortByFrequency(int[] selected, int[] freq) {
        Integer[] boxed = Arrays.stream(selected).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, Comparator.comparingInt(m -> freq[m])); // Arrays.sort on objects is stable
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** Line-plot rows of a ranked list of length L: all if L ≤ 3, else 0, L div 3, 2·(L div 3). */
    public static int[] lineplotRows(int length) {
        if (length <= 3) {
            int[] all = new int[length];
            for (int i = 0; i < length; i++) {
                all[i] = i;
            }
            return all;
        }
        int step = length / 3;
        return new int[] {0, step, 2 * step};
    }

    /** Most frequent non-zero dominant frequency; ties go to the one met first in neuron order; all DC → 1. */
    public static int modeFrequency(int[] freq) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int f : freq) {
            if (f != 0) {
                counts.merge(f, 1, Integer::sum);
            }
        }
        int best = 1;
        int bestCount = 0;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /**
     * The lottery neuron: per neuron the K non-DC scales sorted descending, ratio top1 / (top2 + 1e-10); the argmax
     * neuron (first on ties). K &lt; 2 (p = 3) gives neuron 0.
     */
    public static int lotteryNeuron(FrequencyScales s) {
        int m = s.scale().length;
        if (m == 0 || s.scale()[0].length - 1 < 2) {
            return 0;
        }
        int best = 0;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < m; n++) {
            double top1 = Double.NEGATIVE_INFINITY;
            double top2 = Double.NEGATIVE_INFINITY;
            double[] row = s.scale()[n];
            for (int k = 1; k < row.length; k++) {
                double v = row[k];
                if (v > top1) {
                    top2 = top1;
                    top1 = v;
                } else if (v > top2) {
                    top2 = v;
                }
            }
            double ratio = top1 / (top2 + 1e-10);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = n;
            }
        }
        return best;
    }
}
