package org.modsweep.core.store;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * A store's connection settings, kept in one place the Spark/Hadoop way: a conf directory ({@code --conf-dir}, else
 * {@code MODSWEEP_CONF_DIR}) with Spark's {@code spark-defaults.conf} and/or Hadoop's {@code core-site.xml}, under
 * the command's {@code --conf} entries, which win. Every subcommand reads them, so an endpoint or a key pair set
 * there reaches {@code sweep}, {@code explore}, {@code analyze}, ... alike. Credentials may live in these files
 * (readable by their owner only); they never come from the command line.
 *
 * @param confDir         the conf directory read, or null
 * @param sparkProperties Spark properties: spark-defaults.conf, core-site.xml's entries as {@code spark.hadoop.*},
 *                        {@code spark.hadoop.*} system properties, then --conf
 */
public record StoreSettings(Path confDir, Map<String, String> sparkProperties) {

    public static final String CONF_DIR_ENV = "MODSWEEP_CONF_DIR";
    public static final String SPARK_DEFAULTS = "spark-defaults.conf";
    public static final String CORE_SITE = "core-site.xml";
    public static final String HADOOP_PREFIX = "spark.hadoop.";

    public StoreSettings {
        sparkProperties = Collections.unmodifiableMap(new TreeMap<>(sparkProperties));
    }

    /** No conf directory, no --conf: Hadoop's defaults (and the classpath's core-site.xml). */
    public static StoreSettings none() {
        return new StoreSettings(null, Map.of());
    }

    /** Reads the conf directory (the flag's, else the environment's), then lays the command's --conf over it. */
    public static StoreSettings load(Path confDirFlag, Map<String, String> commandLine) {
        Path dir = confDirFlag;
        String env = System.getenv(CONF_DIR_ENV);
        if (dir == null && env != null && !env.isBlank()) {
            dir = Path.of(env.trim());
        }
        Map<String, String> props = new TreeMap<>();
        if (dir != null) {
            String from = confDirFlag != null ? "--conf-dir " : CONF_DIR_ENV + "=";
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(from + dir + " is not a directory");
            }
            Path defaults = dir.resolve(SPARK_DEFAULTS);
            Path coreSite = dir.resolve(CORE_SITE);
            if (!Files.isRegularFile(defaults) && !Files.isRegularFile(coreSite)) {
                throw new IllegalArgumentException(
                        from + dir + " holds neither " + SPARK_DEFAULTS + " nor " + CORE_SITE);
            }
            if (Files.isRegularFile(defaults)) {
                props.putAll(sparkDefaults(defaults));
            }
            if (Files.isRegularFile(coreSite)) {
                props.putAll(coreSite(coreSite));
            }
        }
        // spark.hadoop.* system properties (spark-submit's, a test's) count as Spark would count them
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(HADOOP_PREFIX))
                .forEach(k -> props.put(k, System.getProperty(k)));
        if (commandLine != null) {
            props.putAll(commandLine);
        }
        return new StoreSettings(dir, props);
    }

    /**
     * The Hadoop configuration for the store: defaults, then every {@code spark.hadoop.*} property unprefixed, then
     * {@link NioLocalFileSystem} for {@code file:} unless those name another {@code fs.file.impl}.
     */
    public Configuration hadoop() {
        Configuration conf = new Configuration();
        sparkProperties.forEach((k, v) -> {
            if (k.startsWith(HADOOP_PREFIX)) {
                conf.set(k.substring(HADOOP_PREFIX.length()), v);
            }
        });
        return NioLocalFileSystem.register(conf);
    }

    /** spark-defaults.conf as Spark reads it: a Java properties file ({@code key value} or {@code key=value}). */
    static Map<String, String> sparkDefaults(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
        return out;
    }

    /** core-site.xml's own entries (not Hadoop's defaults), as {@code spark.hadoop.*} properties. */
    static Map<String, String> coreSite(Path file) {
        Configuration site = new Configuration(false);
        Map<String, String> out = new TreeMap<>();
        try {
            site.addResource(file.toUri().toURL());
            for (Map.Entry<String, String> e : site) {
                out.put(HADOOP_PREFIX + e.getKey(), e.getValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + firstLine(e));
        }
        return out;
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
