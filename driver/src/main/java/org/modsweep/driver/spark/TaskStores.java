package org.modsweep.driver.spark;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.modsweep.core.store.ResultsStore;

/** Opens the results store inside a task, with the Hadoop settings the driver saw. */
public final class TaskStores {

    private TaskStores() {}

    /**
     * The executor's Spark properties supply {@code spark.hadoop.*} (spark-submit, spark-defaults.conf); the
     * request's own entries are shipped with the task because a shared SparkContext may predate the request.
     */
    public static ResultsStore open(String storeUri, Map<String, String> hadoopEntries) throws IOException {
        SparkEnv env = SparkEnv.get();
        Configuration base = env == null ? new Configuration() : HadoopConfs.from(env.conf());
        return ResultsStore.open(storeUri, HadoopConfs.overlay(base, hadoopEntries));
    }
}
