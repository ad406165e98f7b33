package org.modsweep.core.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modsweep.core.config.CredentialKeys;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreProbe;
import org.modsweep.core.store.StoreSettings;
import org.modsweep.core.store.StoreUris;
import picocli.CommandLine.Option;

/**
 * The options every store-opening subcommand shares: {@code --conf-dir} (a Spark/Hadoop conf directory with the
 * store's connection settings) and {@code --conf KEY=VALUE} (never a credential). A picocli mixin.
 */
public final class StoreConfOptions {

    @Option(
            names = "--conf-dir",
            paramLabel = "DIR",
            description = "Conf directory with spark-defaults.conf and/or core-site.xml holding the store's settings"
                    + " (endpoint, path style, keys), read by every subcommand (default: $" + StoreSettings.CONF_DIR_ENV
                    + ").")
    Path confDir;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark property, repeatable; spark.hadoop.* ones reach the store's file system, e.g."
                    + " --conf spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000. Credentials are refused: they come"
                    + " from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the conf directory.")
    Map<String, String> conf;

    /** The --conf entries, refused if any is malformed or credential-like (the value is never repeated). */
    public Map<String, String> commandLine() {
        return checked(conf);
    }

    /** Checks {@code --conf} entries: KEY=VALUE each, no credential-like key. */
    public static Map<String, String> checked(Map<String, String> conf) {
        Map<String, String> out = new TreeMap<>();
        if (conf == null) {
            return out;
        }
        for (Map.Entry<String, String> e : conf.entrySet()) {
            String k = e.getKey().trim();
            if (k.isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("--conf expects KEY=VALUE");
            }
            CredentialKeys.refuse("--conf", k);
            out.put(k, e.getValue());
        }
        return out;
    }

    /** The conf directory's settings under the checked --conf entries. */
    public StoreSettings settings() {
        return StoreSettings.load(confDir, commandLine());
    }

    /**
     * Opens a store with these settings and proves it answers: a URI with credentials, an unknown scheme, an
     * unreachable endpoint or (with {@code mustExist}) a missing store fail with one line.
     */
    public ResultsStore open(String uri, boolean mustExist) throws IOException {
        return open(uri, settings(), mustExist);
    }

    public static ResultsStore open(String uri, StoreSettings settings, boolean mustExist) throws IOException {
        StoreUris.refuseUserInfo(uri);
        ResultsStore store = ResultsStore.open(uri, settings.hadoop());
        StoreProbe.requireReachable(store, mustExist);
        return store;
    }

    /** What a follow-up command needs to reach the same store: --conf-dir if given, and the spark.hadoop.* --conf. */
    public List<String> followUpArgs() {
        List<String> out = new ArrayList<>();
        if (confDir != null) {
            out.add("--conf-dir " + quote(confDir.toString()));
        }
        commandLine().forEach((k, v) -> {
            if (k.startsWith(StoreSettings.HADOOP_PREFIX)) {
                out.add("--conf " + quote(k + "=" + v));
            }
        });
        return out;
    }

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
