package org.modsweep.analysis.grids;

/** The phase classification of grids.md §2 as a pure function of a run's accuracy curves. */
public final class Phases {

    private Phases() {}

    /**
     * Classifies one run. {@code testAcc} is ignored for a full-data run (frac_train = 1: no test split), which is
     * comprehension if it reaches the threshold on train accuracy and confusion otherwise.
     */
    public static RunOutcome classify(double[] trainAcc, double[] testAcc, boolean fullData, PhaseThresholds t) {
        if (trainAcc.length == 0) {
            throw new IllegalArgumentException("a run without recorded epochs cannot be classified");
        }
        if (!fullData && testAcc.length != trainAcc.length) {
            throw new IllegalArgumentException(
                    "train and test accuracy curves differ in length: " + trainAcc.length + " and " + testAcc.length);
        }
        Integer tTrain = firstReaching(trainAcc, t.accuracy());
        int n = trainAcc.length;
        if (fullData) {
            return new RunOutcome(
                    n, tTrain, null, null, tTrain != null ? Phase.COMPREHENSION : Phase.CONFUSION, trainAcc[n - 1]);
        }
        Integer tTest = firstReaching(testAcc, t.accuracy());
        double last = testAcc[n - 1];
        if (tTrain == null) {
            return new RunOutcome(n, null, tTest, null, Phase.CONFUSION, last);
        }
        if (tTest == null) {
            return new RunOutcome(n, tTrain, null, null, Phase.MEMORIZATION, last);
        }
        int delay = tTest - tTrain;
        return new RunOutcome(
                n, tTrain, tTest, delay, delay >= t.grokkingDelay() ? Phase.GROKKING : Phase.COMPREHENSION, last);
    }

    /** The first index whose value is ≥ threshold, or null. */
    static Integer firstReaching(double[] curve, double threshold) {
        for (int e = 0; e < curve.length; e++) {
            if (curve[e] >= threshold) {
                return e;
            }
        }
        return null;
    }
}
