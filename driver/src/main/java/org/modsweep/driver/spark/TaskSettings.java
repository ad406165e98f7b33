package org.modsweep.driver.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.monitor.SweepAccumulators;
import org.modsweep.worker.TrainOptions;

/**
 * What every training task of a sweep (one run, {@link CellTask}, or a batch of lanes, {@link LaneTask}) carries from
 * the driver: the store and its Hadoop settings, the epoch cap, Spark's attempt limit (the last attempt reports a
 * failure instead of throwing it), the runs to retrain, and the sweep's accumulators.
 */
record TaskSettings(
        String storeUri,
        Map<String, String> hadoopEntries,
        Integer epochCap,
        int maxFailures,
        Set<String> retrain,
        SweepAccumulators accumulators)
        implements Serializable {

    TaskSettings {
        hadoopEntries = Map.copyOf(hadoopEntries);
        maxFailures = Math.max(1, maxFailures);
        retrain = Set.copyOf(retrain);
    }

    /** The store, opened on the executor with the sweep's Hadoop settings. */
    ResultsStore openStore() throws IOException {
        return TaskStores.open(storeUri, hadoopEntries);
    }

    TrainOptions options(int threads, String device, boolean force) {
        return new TrainOptions(epochCap, threads, device, force);
    }
}
