package org.modsweep.core.config;

import java.util.Objects;

/**
 * One of the study's training configurations (science.md §4.1), immutable.
 *
 * @param key            run key: standard, grokking, quad_random, quad_single_freq, relu_single_freq
 * @param act            hidden activation
 * @param initType       random or single-freq
 * @param initScale      initialisation scale
 * @param optimizer      AdamW or SGD
 * @param lr             base learning rate (warm-up multiplies it by min(e/10, 1))
 * @param weightDecay    decoupled weight decay (AdamW)
 * @param fracTrain      fraction of the p² pairs used for training; 1.0 means train = test = all pairs
 * @param numEpochs      configured epoch count
 * @param plateauStop    whether the grokking plateau early stop applies (science.md §4.6 step 7)
 * @param minP           smallest modulus this configuration runs for
 * @param saveEvery      checkpoint period in epochs
 * @param seed           the seed every run starts from
 * @param dMlp           hidden width set by an override, or null for the study's width from p ({@code Modulus.dMlp})
 */
public record RunConfig(
        String key,
        Activation act,
        InitType initType,
        double initScale,
        OptimizerKind optimizer,
        double lr,
        double weightDecay,
        double fracTrain,
        int numEpochs,
        boolean plateauStop,
        int minP,
        int saveEvery,
        long seed,
        Integer dMlp) {

    public RunConfig {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(act, "act");
        Objects.requireNonNull(initType, "initType");
        Objects.requireNonNull(optimizer, "optimizer");
        if (numEpochs < 1) {
            throw new IllegalArgumentException("numEpochs must be >= 1, got " + numEpochs);
        }
        if (!(fracTrain > 0 && fracTrain <= 1)) {
            throw new IllegalArgumentException("fracTrain must be in (0, 1], got " + fracTrain);
        }
        if (dMlp != null && dMlp < 1) {
            throw new IllegalArgumentException("dMlp must be >= 1, got " + dMlp);
        }
    }

    /** The base configuration with the given keys overridden (grids.md §1); an empty set returns this. */
    public RunConfig with(Overrides overrides) {
        return overrides.applyTo(this);
    }

    /** The keys in which this configuration differs from its study preset (empty for the study's own runs). */
    public Overrides overrides() {
        return Overrides.between(StudyConfigs.byKey(key), this);
    }

    /** The hidden width at modulus p: the override if any, else the study's sizing. */
    public int dMlpAt(org.modsweep.core.Modulus p) {
        return dMlp != null ? dMlp : p.dMlp();
    }

    /** True when train and test are the same full data set (frac_train == 1 exactly). */
    public boolean fullData() {
        return fracTrain == 1.0;
    }

    /** The same configuration with the epoch count capped (quick trials); the cap never raises it. */
    public RunConfig withEpochCap(Integer cap) {
        if (EpochCap.check(cap) == null || cap >= numEpochs) {
            return this;
        }
        return new RunConfig(
                key,
                act,
                initType,
                initScale,
                optimizer,
                lr,
                weightDecay,
                fracTrain,
                cap,
                plateauStop,
                minP,
                saveEvery,
                seed,
                dMlp);
    }

    /** weight_decay is the integer 0 in four runs and the float 2.0 for grokking in the reference's JSON. */
    public Number weightDecayJson() {
        return weightDecay == 0.0 ? (Number) 0 : (Number) weightDecay;
    }
}
