package org.modsweep.worker.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modsweep.core.config.RunConfig;
import org.modsweep.worker.init.TorchRandperm;

/**
 * The train/test split of the p² pairs (science.md §1.3), as pair indices n = a·p + b in split order. The
 * permutation is torch 1.13's CPU randperm replayed from the seed-42 stream right after the initialisation's draws,
 * which is what the study's published runs used. frac_train = 1 exactly: train = test = every pair (shuffled);
 * otherwise train = the first ⌊frac·p²⌋ shuffled pairs, test = the rest.
 */
public record DataSplit(int[] train, int[] test, boolean sameSet) {

    public static DataSplit of(RunConfig config, int p, long torchDrawsBefore) {
        int n = p * p;
        int[] perm = TorchRandperm.permutation(config.seed(), torchDrawsBefore, n);
        if (config.fullData()) {
            return new DataSplit(perm, perm, true);
        }
        int nTrain = (int) Math.floor(config.fracTrain() * n);
        return new DataSplit(Arrays.copyOfRange(perm, 0, nTrain), Arrays.copyOfRange(perm, nTrain, n), false);
    }

    /** split.json: {"train": [...], "test": [...]}. */
    public Map<String, int[]> toJson() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("train", train);
        m.put("test", test);
        return m;
    }
}
