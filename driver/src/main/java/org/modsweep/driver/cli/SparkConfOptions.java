package org.modsweep.driver.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Checks {@code --conf k=v} pass-through: credentials never come from the command line (they end up in shell
 * history and process lists); S3A reads them from the environment or from Hadoop/Spark configuration files. */
public final class SparkConfOptions {

    private static final Pattern SECRET = Pattern.compile("(?i).*(secret|password|session\\.token|access\\.key).*");

    private SparkConfOptions() {
    }

    public static Map<String, String> check(Map<String, String> conf) {
        Map<String, String> out = new TreeMap<>();
        if (conf == null) {
            return out;
        }
        for (Map.Entry<String, String> e : conf.entrySet()) {
            String k = e.getKey().trim();
            if (k.isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("--conf expects KEY=VALUE, got '" + e.getKey() + "'");
            }
            if (SECRET.matcher(k).matches()) {
                throw new IllegalArgumentException("--conf " + k + ": credentials are never taken from the command"
                        + " line; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or put them in"
                        + " core-site.xml or spark-defaults.conf");
            }
            out.put(k, e.getValue());
        }
        return out;
    }
}
