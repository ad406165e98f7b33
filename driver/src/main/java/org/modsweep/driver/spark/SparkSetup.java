package org.modsweep.driver.spark;

import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * The sweep's Spark configuration and its SparkContext.
 *
 * <p>One SparkContext per JVM: a sweep started while another one runs in the same JVM (the explorer's on-demand
 * training) shares the running context, and the context stops when its last sweep ends; a context someone else
 * created (spark-shell, a test) is used and left running.
 */
public final class SparkSetup {

    private static final Logger LOG = LogManager.getLogger(SparkSetup.class);

    public static final String DEFAULT_MASTER = "local[*]";

    private static SparkContext shared;
    private static boolean owned;
    private static int users;

    private SparkSetup() {}

    /**
     * The effective configuration: spark-submit's properties (system properties), then the sweep's defaults,
     * then the request's --conf entries. Speculation stays off whatever is asked: two attempts of one cell
     * committing at once could leave duplicate Parquet parts.
     */
    public static SparkConf conf(String requestedMaster, Map<String, String> props, String appName) {
        SparkConf conf = new SparkConf(true);
        String master = requestedMaster != null
                ? requestedMaster
                : props.getOrDefault("spark.master", conf.get("spark.master", DEFAULT_MASTER));
        int maxFailures = Integer.parseInt(props.getOrDefault(
                "spark.task.maxFailures",
                conf.get("spark.task.maxFailures", Integer.toString(Masters.DEFAULT_MAX_FAILURES))));
        master = Masters.withRetries(master, maxFailures);
        conf.setMaster(master);
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.ui.showConsoleProgress", "false"); // the sweep draws its own progress bar
        conf.setIfMissing("spark.executor.heartbeatInterval", "2s"); // live epoch counts reach the driver often
        if (Masters.isLocal(master)) {
            // nothing listens on a public interface on a workstation
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        props.forEach(conf::set);
        conf.setMaster(master);
        if (conf.getBoolean("spark.speculation", false)) {
            LOG.warn("spark.speculation=true ignored: a sweep runs each cell once at a time");
        }
        conf.set("spark.speculation", "false");
        if (!Masters.isLocal(master) && "true".equals(System.getProperty("ai.djl.offline"))) {
            // executors of a cluster find libtorch in the shipped jars, as the driver does: never download
            conf.setIfMissing("spark.executorEnv.DJL_OFFLINE", "true");
        }
        return conf;
    }

    /** A context for one sweep; release it with {@link #release}. */
    public static synchronized SparkContext acquire(SparkConf conf) {
        if (shared != null && !shared.isStopped()) {
            users++;
            if (!shared.master().equals(conf.get("spark.master"))) {
                LOG.warn(
                        "a SparkContext on {} is already running in this JVM; the sweep uses it instead of {}",
                        shared.master(),
                        conf.get("spark.master"));
            }
            return shared;
        }
        createLocalEventLogDir(conf);
        ApplicationJars.shipIfNeeded(conf);
        try {
            shared = new SparkContext(conf);
            owned = true;
        } catch (Exception e) {
            if (e.getMessage() == null || !e.getMessage().contains("Only one SparkContext")) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
            }
            // someone else's active context (spark-shell, a test, the explorer's own session)
            shared = SparkContext.getOrCreate(conf);
            owned = false;
        }
        users = 1;
        return shared;
    }

    /** Spark refuses to start when a local event log directory is missing; a first-time user gets it made. */
    static void createLocalEventLogDir(SparkConf conf) {
        if (!conf.getBoolean("spark.eventLog.enabled", false)) {
            return;
        }
        String dir = conf.get("spark.eventLog.dir", "/tmp/spark-events");
        try {
            java.net.URI uri = new java.net.URI(dir);
            if (uri.getScheme() == null || uri.getScheme().equals("file")) {
                java.nio.file.Files.createDirectories(
                        uri.getScheme() == null ? java.nio.file.Path.of(dir) : java.nio.file.Path.of(uri));
            }
        } catch (java.net.URISyntaxException | java.io.IOException | RuntimeException e) {
            LOG.warn("could not create the event log directory {}: {}", dir, e.getMessage());
        }
    }

    public static synchronized void release(SparkContext sc) {
        if (sc != shared) {
            return;
        }
        users--;
        if (users <= 0) {
            if (owned && !shared.isStopped()) {
                shared.stop();
            }
            shared = null;
            users = 0;
        }
    }

    /** Concurrent task slots the context offers now (local[N]: N ÷ spark.task.cpus). */
    public static int slots(SparkContext sc) {
        int cpusPerTask = sc.getConf().getInt("spark.task.cpus", 1);
        return Math.max(1, sc.defaultParallelism() / Math.max(1, cpusPerTask));
    }
}
