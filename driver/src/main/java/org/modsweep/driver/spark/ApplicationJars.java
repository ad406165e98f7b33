package org.modsweep.driver.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;

/**
 * What a cluster's executors need beyond their own Spark: modsweep's classes and every library of the driver's
 * classpath that a Spark distribution does not carry (DJL and its libtorch, XChart, the S3A client, ...). A sweep on
 * a cluster master ships them as {@code spark.jars}, found from the driver's classpath at run time, so workers need
 * nothing but a stock Spark. Classes directories (a build tree, an IDE) are packed into jars first.
 *
 * <p>Nothing is shipped when the user set {@code spark.jars} or runs under spark-submit (which ships the application
 * jar and {@code --jars} itself), nor in local mode, where tasks run in the driver's JVM.
 */
public final class ApplicationJars {

    private static final Logger LOG = LogManager.getLogger(ApplicationJars.class);

    /**
     * Jars every Spark 4 distribution has in its {@code jars/} (artifact name, then a version): leaving them out only
     * saves transfer, since an executor loads its own copy first. A library missing here is shipped, never lost; one
     * listed here that a cluster lacked would be, so the list holds only Spark's own dependencies (checked against
     * spark-core's and spark-sql's Maven dependency trees). Look-alikes from other projects are not Spark's: the AWS
     * SDK's netty-nio-client and metrics-spi are shipped.
     */
    static final Pattern SPARK_SHIPS = Pattern.compile("(spark-[a-z-]+_2\\.13|scala-library|scala-reflect"
            + "|scala-xml_2\\.13|scala-parallel-collections_2\\.13|hadoop-client-api|hadoop-client-runtime|rocksdbjni"
            + "|zstd-jni|snappy-java|lz4-java|compress-lzf|log4j-[a-z0-9-]+|slf4j-api|jul-to-slf4j|jcl-over-slf4j"
            + "|netty-(all|buffer|common|codec[a-z0-9-]*|handler[a-z-]*|resolver[a-z-]*|transport[a-z0-9-]*"
            + "|tcnative[a-z-]*)|jackson-core|jackson-databind|jackson-annotations|jackson-module-scala_2\\.13"
            + "|json4s-[a-z-]+_2\\.13|icu4j|jersey-[a-z0-9-]+|hk2-[a-z-]+|aopalliance-repackaged|jakarta\\.[a-z.-]+"
            + "|metrics-(core|jvm|json|graphite|jmx)|kryo-shaded|chill-java|chill_2\\.13|minlog|objenesis"
            + "|RoaringBitmap|xbean-asm9-shaded|py4j|pickle|stream|ivy|oro|zookeeper|zookeeper-jute|curator-[a-z]+"
            + "|leveldbjni-all|paranamer|osgi-resource-locator|javassist|avro|avro-ipc|avro-mapred"
            + "|commons-(lang3|io|codec|text|crypto|collections|collections4|math3))-\\d[^/]*\\.jar");

    private ApplicationJars() {}

    /** Sets {@code spark.jars} to what executors need, for a cluster master, unless the user or spark-submit did. */
    public static void shipIfNeeded(SparkConf conf) {
        if (Masters.isLocal(conf.get("spark.master"))
                || conf.contains("spark.jars")
                || conf.contains("spark.submit.deployMode")) {
            return;
        }
        List<String> jars = forClasspath(System.getProperty("java.class.path", ""));
        LOG.info(
                "shipping {} jars to the executors (spark.jars): modsweep and the libraries Spark does not carry",
                jars.size());
        conf.set("spark.jars", String.join(",", jars));
    }

    /** The jars to ship for a classpath: its jars minus Spark's own, and its directories packed into jars. */
    static List<String> forClasspath(String classpath) {
        List<String> out = new ArrayList<>();
        Path packed = null;
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                if (packed == null) {
                    packed = tempDir();
                }
                out.add(pack(p, packed.resolve(out.size() + "-" + jarName(p)))
                        .toUri()
                        .toString());
            } else if (Files.isRegularFile(p)
                    && p.getFileName().toString().endsWith(".jar")
                    && !providedBySpark(p.getFileName().toString())) {
                out.add(p.toUri().toString());
            }
        }
        return out;
    }

    static boolean providedBySpark(String jarName) {
        return SPARK_SHIPS.matcher(jarName).matches();
    }

    /** {@code .../core/target/classes} → {@code core-classes.jar}. */
    private static String jarName(Path dir) {
        Path parent = dir.getParent();
        String module = parent != null
                        && parent.getFileName() != null
                        && parent.getFileName().toString().equals("target")
                        && parent.getParent() != null
                ? parent.getParent().getFileName() + "-"
                : "";
        return (module + dir.getFileName()).replaceAll("[^A-Za-z0-9._-]", "_") + ".jar";
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("modsweep-jars-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "modsweep-jars-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the driver's classes for the executors: " + e.getMessage(), e);
        }
    }

    static Path pack(Path dir, Path jar) {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, new Manifest());
                Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(f).toString().replace(File.separatorChar, '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                Files.copy(f, out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + dir + " for the executors: " + e.getMessage(), e);
        }
        return jar;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: the OS cleans it up eventually
        }
    }
}
