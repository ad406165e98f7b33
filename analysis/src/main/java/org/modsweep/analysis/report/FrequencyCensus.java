package org.modsweep.analysis.report;

import org.modsweep.analysis.fourier.DecodedWeights;

/** Neurons per dominant frequency at one checkpoint (index 0 counts DC neurons, index k frequency k). */
public final class FrequencyCensus {

    /** A frequency is "key" when at least this fraction of the neurons has it as dominant frequency. */
    public static final double KEY_SHARE = 0.01;

    private FrequencyCensus() {}

    public static int[] count(DecodedWeights d) {
        int[] counts = new int[d.p() / 2 + 1];
        for (int f : d.dominantFrequencies()) {
            counts[f]++;
        }
        return counts;
    }

    /** The key frequencies of a census row: k ≥ 1 with at least {@link #KEY_SHARE} of all neurons. */
    public static int[] keyFrequencies(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        final int t = total;
        return java.util.stream.IntStream.range(1, counts.length)
                .filter(k -> counts[k] > 0 && counts[k] >= KEY_SHARE * t)
                .toArray();
    }
}
