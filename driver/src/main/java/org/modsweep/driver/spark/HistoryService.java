package org.modsweep.driver.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.history.FsHistoryProvider;
import org.apache.spark.deploy.history.HistoryServer;
import org.modsweep.core.store.ResultsStore;

/**
 * Spark's History Server over a store's event logs ({@code <store>/spark-events/}, local or s3a), in this JVM and
 * bound to one address only (127.0.0.1 unless asked otherwise): Spark's own server binds to $SPARK_LOCAL_IP or every
 * interface, so the address it reads is pinned here.
 */
public final class HistoryService implements AutoCloseable {

    public static final String LOOPBACK = "127.0.0.1";

    private final HistoryServer server;
    private final String host;

    private HistoryService(HistoryServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Starts serving. {@code sparkProperties} carry the store's settings ({@code spark.hadoop.*}) and any
     * {@code spark.history.*} tuning; port 0 takes any free port.
     */
    public static HistoryService start(ResultsStore store, Map<String, String> sparkProperties, String host, int port) {
        SparkConf conf = new BoundConf(host);
        conf.set("spark.history.fs.update.interval", "2s"); // a sweep that just finished shows up quickly
        sparkProperties.forEach(conf::set);
        conf.set("spark.history.fs.logDirectory", EventLogs.dir(store).toString());
        conf.set("spark.history.ui.port", Integer.toString(port));
        FsHistoryProvider provider = new FsHistoryProvider(conf);
        HistoryServer server = new HistoryServer(
                conf,
                provider,
                org.apache.spark.deploy.history.HistoryServer$.MODULE$.createSecurityManager(conf),
                port);
        try {
            server.bind();
            provider.start();
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return new HistoryService(server, host);
    }

    public int port() {
        return server.boundPort();
    }

    public String url() {
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        server.stop(); // stops its provider too
    }

    /** A SparkConf whose SPARK_LOCAL_IP, the address Spark's web servers bind to, is the one asked for. */
    private static final class BoundConf extends SparkConf {
        private final String host;

        BoundConf(String host) {
            super(true);
            this.host = host;
        }

        @Override
        public String getenv(String name) {
            return "SPARK_LOCAL_IP".equals(name) ? host : super.getenv(name);
        }
    }
}
