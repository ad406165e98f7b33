package org.modsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's runtime layout, rebuilt on this machine without Docker: stage-app.sh lays out the packaged application
 * next to a Spark jars folder, the JNI glue goes into a libtorch folder named by PYTORCH_LIBRARY_PATH, and the
 * in-image launcher trains a cell with the image's environment (DJL offline, no home directory, no CPU libtorch jar
 * on the classpath). The only difference from the image is the libtorch build: DJL's CPU one here, CUDA 12.8 there.
 */
class ImageRuntimeTest {

    private static final Path APP_TARGET = Repo.ROOT.resolve("app/target");
    /** Jars the Apache Spark image ships in /opt/spark/jars (by name prefix), standing in for that folder. */
    private static final String SPARK_SHIPS = "(spark-|scala-|hadoop-client-|jackson-|log4j-|slf4j-|parquet-|netty-"
            + "|commons-|kubernetes-|json4s-|zstd-|snappy-|lz4-|avro-|arrow-|guava-|protobuf-).*";

    @Test
    void launcherTrainsACellWithTheStagedJarsAndLibtorchFromPytorchLibraryPath(@TempDir Path dir) throws Exception {
        Path appJar = APP_TARGET.resolve("modsweep-app.jar");
        Path appLib = APP_TARGET.resolve("lib");
        assertTrue(Files.isRegularFile(appJar) && Files.isDirectory(appLib),
                "app/target/modsweep-app.jar and app/target/lib/ come from the app module's package phase: run mvn verify");

        Path sparkJars = Files.createDirectories(dir.resolve("spark/jars"));
        Path cpuLibtorchJar = null;
        try (Stream<Path> jars = Files.list(appLib)) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                if (name.matches(SPARK_SHIPS)) {
                    Files.createSymbolicLink(sparkJars.resolve(name), jar);
                } else if (name.startsWith("pytorch-native-cpu-")) {
                    cpuLibtorchJar = jar;
                }
            }
        }
        assertTrue(cpuLibtorchJar != null, "the app's lib/ has DJL's CPU libtorch jar");

        Path staged = dir.resolve("stage");
        Repo.Run stage = Repo.run(List.of("bash", Repo.DEPLOY.resolve("bin/stage-app.sh").toString(), appJar.toString(),
                appLib.toString(), sparkJars.toString(), staged.toString(), "cpu"),
                Map.of("JAVA_HOME", System.getProperty("java.home")), 120);
        assertEquals(0, stage.exitCode(), stage.output());
        try (Stream<Path> lib = Files.list(staged.resolve("modsweep/lib"))) {
            assertTrue(lib.noneMatch(p -> p.getFileName().toString().startsWith("pytorch-native-cpu-")),
                    "the image brings its own libtorch");
        }

        // /opt/libtorch/lib: the libtorch build plus the JNI glue stage-app.sh placed, nothing else
        Path libtorch = Files.createDirectories(dir.resolve("libtorch/lib"));
        extractLibtorch(cpuLibtorchJar, libtorch);
        try (Stream<Path> jni = Files.list(staged.resolve("jni"))) {
            for (Path so : jni.toList()) {
                Files.copy(so, libtorch.resolve(so.getFileName()));
            }
        }

        Path store = dir.resolve("store");
        Path cache = dir.resolve("djl-cache");
        Repo.Run train = Repo.run(List.of("env", "-i", "PATH=" + System.getenv("PATH"), "HOME=/nonexistent",
                "JAVA_OPTS=-Xmx1g", "PYTORCH_LIBRARY_PATH=" + libtorch, "PYTORCH_VERSION=2.7.1", "PYTORCH_FLAVOR=cpu",
                "DJL_OFFLINE=true", "DJL_CACHE_DIR=" + cache, "ENGINE_CACHE_DIR=" + cache,
                "MODSWEEP_HOME=" + staged.resolve("modsweep"), "SPARK_HOME=" + sparkJars.getParent(),
                "bash", Repo.DEPLOY.resolve("bin/modsweep").toString(),
                "train", "--p", "7", "--config", "standard", "--epochs", "20", "--store", store.toString()), Map.of(), 180);
        assertEquals(0, train.exitCode(), train.output());
        assertTrue(Files.isRegularFile(store.resolve("runs/p=7/config=standard/_DONE")), train.output());
        assertTrue(Files.isRegularFile(store.resolve("runs/p=7/config=standard/run.json")), train.output());
    }

    /** The libtorch shared libraries of DJL's pytorch-native-cpu jar, as the image has CUDA ones in /opt/libtorch/lib. */
    private static void extractLibtorch(Path jar, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            int n = 0;
            for (ZipEntry e : zip.stream().toList()) {
                if (!e.isDirectory() && e.getName().matches("pytorch/cpu/linux-x86_64/[^/]+")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, into.resolve(Path.of(e.getName()).getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                    n++;
                }
            }
            assertTrue(n >= 3, "libtorch libraries in " + jar);
        }
    }
}
