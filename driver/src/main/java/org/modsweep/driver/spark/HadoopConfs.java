package org.modsweep.driver.spark;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.modsweep.core.store.NioLocalFileSystem;
import scala.Tuple2;

/**
 * Hadoop configurations for the store, built the way Spark builds its own: the classpath's core-site.xml, then
 * every {@code spark.hadoop.*} property with the prefix removed. S3A itself reads the standard AWS environment
 * variables, so credentials never need to pass through modsweep's arguments.
 */
public final class HadoopConfs {

    public static final String PREFIX = "spark.hadoop.";

    private HadoopConfs() {}

    /** Also makes the store's local file system the fork-free one, unless the properties name their own. */
    public static Configuration from(SparkConf conf) {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> kv : conf.getAll()) {
            if (kv._1().startsWith(PREFIX)) {
                hadoop.set(kv._1().substring(PREFIX.length()), kv._2());
            }
        }
        return NioLocalFileSystem.register(hadoop);
    }

    /** Adds the {@code spark.hadoop.*} entries of a property map (a request's --conf) on top of a configuration. */
    public static Configuration overlay(Configuration base, Map<String, String> sparkProps) {
        Configuration hadoop = new Configuration(base);
        sparkProps.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                hadoop.set(k.substring(PREFIX.length()), v);
            }
        });
        return hadoop;
    }

    /** Only the {@code spark.hadoop.*} entries of a property map, for shipping to tasks. */
    public static Map<String, String> hadoopEntries(Map<String, String> sparkProps) {
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
        sparkProps.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
