package org.modsweep.driver.spark;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.modsweep.core.store.ResultsStore;

/**
 * A sweep's Spark event log lives in its store, {@code <store>/spark-events/}, so that {@code modsweep history}
 * shows a finished sweep in the Spark UI later, wherever it ran. {@code --conf spark.eventLog.enabled=false} turns
 * it off and {@code spark.eventLog.dir} moves it; both win over this default.
 */
public final class EventLogs {

    private static final Logger LOG = LogManager.getLogger(EventLogs.class);

    /** The folder under a store's root. */
    public static final String DIR = "spark-events";

    private EventLogs() {}

    /** The event-log folder of a store. */
    public static Path dir(ResultsStore store) {
        return new Path(store.root(), DIR);
    }

    /** Points Spark's event log into the store (made if missing) unless the user configured or disabled it. */
    public static void defaultInto(SparkConf conf, ResultsStore store) {
        conf.setIfMissing("spark.eventLog.enabled", "true");
        if (!conf.getBoolean("spark.eventLog.enabled", false) || conf.contains("spark.eventLog.dir")) {
            return;
        }
        Path dir = dir(store);
        try {
            store.fs().mkdirs(dir); // Spark refuses to start when the folder is missing
            conf.set("spark.eventLog.dir", dir.toString());
        } catch (IOException e) {
            LOG.warn("no event log: cannot create {}: {}", dir, e.getMessage());
            conf.set("spark.eventLog.enabled", "false");
        }
    }
}
