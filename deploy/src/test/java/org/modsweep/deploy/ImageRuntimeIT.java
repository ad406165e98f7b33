package org.modsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's runtime layout, rebuilt on this machine without Docker: stage-app.sh lays out the packaged application
 * next to a Spark jars folder, and the JNI glue goes into a libtorch folder named by PYTORCH_LIBRARY_PATH. Then the
 * in-image launcher trains a cell, the driver pod's command (spark-submit --class of submit-sweep.sh's main class on
 * Spark's jars plus the staged ones) runs a sweep, and the explorer starts with the chart's arguments, all with the
 * image's environment (DJL offline, no home directory, no CPU libtorch jar on the classpath). What differs from the
 * image: DJL's CPU libtorch instead of the CUDA 12.8 build, a local master instead of Kubernetes, Spark's jars taken
 * from the app's own dependencies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageRuntimeIT {

    private static final Path APP_TARGET = Repo.ROOT.resolve("app/target");
    /** Jars the Apache Spark image ships in /opt/spark/jars (by name prefix), standing in for that folder. */
    private static final String SPARK_SHIPS = "(spark-|scala-|hadoop-client-|jackson-|log4j-|slf4j-|parquet-|netty-"
            + "|commons-|kubernetes-|json4s-|zstd-|snappy-|lz4-|avro-|arrow-|guava-|protobuf-).*";

    private Path dir;
    private Path sparkJars;
    private Path staged;
    private Path libtorch;

    @BeforeAll
    void stageTheImageLayout(@TempDir Path tmp) throws Exception {
        dir = tmp;
        Path appJar = APP_TARGET.resolve("modsweep-app.jar");
        Path appLib = APP_TARGET.resolve("lib");
        assertTrue(
                Files.isRegularFile(appJar) && Files.isDirectory(appLib),
                "app/target/modsweep-app.jar and app/target/lib/ come from the app module's package phase: run mvn verify");

        sparkJars = Files.createDirectories(dir.resolve("spark/jars"));
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

        staged = dir.resolve("stage");
        Repo.Run stage = Repo.stageApp(appJar, appLib, sparkJars, staged, "cpu", 120);
        assertEquals(0, stage.exitCode(), stage.output());
        // the Dockerfile copies the opens list beside the in-image launcher
        Files.copy(
                Repo.JVM_OPENS,
                Files.createDirectories(staged.resolve("modsweep/bin")).resolve("jvm-opens.args"));
        try (Stream<Path> lib = Files.list(staged.resolve("modsweep/lib"))) {
            assertTrue(
                    lib.noneMatch(p -> p.getFileName().toString().startsWith("pytorch-native-cpu-")),
                    "the image brings its own libtorch");
        }

        // /opt/libtorch/lib: the libtorch build plus the JNI glue stage-app.sh placed, nothing else
        libtorch = Files.createDirectories(dir.resolve("libtorch/lib"));
        extractLibtorch(cpuLibtorchJar, libtorch);
        try (Stream<Path> jni = Files.list(staged.resolve("jni"))) {
            for (Path so : jni.toList()) {
                Files.copy(so, libtorch.resolve(so.getFileName()));
            }
        }
    }

    @Test
    void inImageLauncherTrainsACellWithLibtorchFromPytorchLibraryPath() throws Exception {
        Path store = dir.resolve("train-store");
        List<String> cmd = imageEnv();
        cmd.addAll(List.of(
                "JAVA_OPTS=-Xmx1g",
                "bash",
                Repo.DEPLOY.resolve("bin/modsweep").toString(),
                "train",
                "--p",
                "7",
                "--config",
                "standard",
                "--epochs",
                "20",
                "--store",
                store.toString()));
        Repo.Run train = Repo.run(cmd, Map.of(), 180);
        assertEquals(0, train.exitCode(), train.output());
        assertTrue(Files.isRegularFile(store.resolve("runs/p=7/config=standard/_DONE")), train.output());
        assertTrue(Files.isRegularFile(store.resolve("runs/p=7/config=standard/run.json")), train.output());
    }

    @Test
    void driverPodCommandRunsASweep() throws Exception {
        // spark-submit --class <main> on Spark's jars + spark.driver.extraClassPath, as the driver pod's entrypoint
        // runs it; a local master here, so the tasks train in this JVM as executors would in theirs
        Path store = dir.resolve("sweep-store");
        String mainClass = scriptDefault(Repo.read(Repo.SUBMIT_SWEEP), "main_class");
        List<String> cmd = imageEnv();
        cmd.addAll(List.of(
                "SPARK_LOCAL_IP=127.0.0.1",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        cmd.add("@" + Repo.JVM_OPENS);
        cmd.addAll(List.of(
                "-cp",
                staged.resolve("modsweep/lib") + "/*:" + sparkJars + "/*",
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                "local[2]",
                "--deploy-mode",
                "client",
                "--class",
                mainClass,
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                staged.resolve("modsweep/modsweep-app.jar").toString(),
                "--p",
                "5",
                "--configs",
                "standard",
                "--epochs",
                "10",
                "--store",
                store.toString(),
                "--no-reduce"));
        Repo.Run sweep = Repo.run(cmd, Map.of(), 240);
        assertEquals(0, sweep.exitCode(), sweep.output());
        assertTrue(Files.isRegularFile(store.resolve("runs/p=5/config=standard/_DONE")), sweep.output());
    }

    @Test
    void explorerStartsWithTheChartsArguments() throws Exception {
        Deployment explorer = Chart.render(Map.of()).one(Deployment.class, Chart.RELEASE + "-modsweep-explorer");
        List<String> command = explorer.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getCommand();
        assertEquals(List.of("/opt/modsweep/bin/modsweep"), command);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path store = Files.createDirectories(dir.resolve("explorer-store"));
        // the chart's arguments; in this test the store is a local folder and the host loopback, not 0.0.0.0
        List<String> args = new ArrayList<>(explorer.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs());
        args.set(args.indexOf("--store") + 1, store.toString());
        args.set(args.indexOf("--host") + 1, "127.0.0.1");
        args.set(args.indexOf("--port") + 1, Integer.toString(port));

        List<String> cmd = imageEnv();
        cmd.addAll(List.of(
                "JAVA_OPTS=-Xmx512m",
                "bash",
                Repo.DEPLOY.resolve("bin/modsweep").toString()));
        cmd.addAll(args);
        Path log = dir.resolve("explorer.log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + 90_000_000_000L;
            int status = -1;
            while (status != 200 && System.nanoTime() < deadline && p.isAlive()) {
                try {
                    HttpURLConnection c = (HttpURLConnection)
                            URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
                    c.setConnectTimeout(1000);
                    status = c.getResponseCode();
                    c.disconnect();
                } catch (IOException notYet) {
                    Thread.sleep(300);
                }
            }
            assertEquals(200, status, "explorer " + args + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            p.destroy();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** env -i with the image's environment: DJL offline on the staged libtorch, no home directory. */
    private List<String> imageEnv() {
        Path cache = dir.resolve("djl-cache");
        return new ArrayList<>(List.of(
                "env",
                "-i",
                "PATH=" + System.getenv("PATH"),
                "HOME=/nonexistent",
                "PYTORCH_LIBRARY_PATH=" + libtorch,
                "PYTORCH_VERSION=2.7.1",
                "PYTORCH_FLAVOR=cpu",
                "DJL_OFFLINE=true",
                "DJL_CACHE_DIR=" + cache,
                "ENGINE_CACHE_DIR=" + cache,
                "MODSWEEP_HOME=" + staged.resolve("modsweep"),
                "SPARK_HOME=" + sparkJars.getParent()));
    }

    /** A variable's default in submit-sweep.sh, e.g. main_class=org.modsweep.driver.SweepApp. */
    private static String scriptDefault(String script, String variable) {
        Matcher m = Pattern.compile("(?m)^" + variable + "=(\\S+)$").matcher(script);
        assertTrue(m.find(), variable + " in submit-sweep.sh");
        return m.group(1);
    }

    /** The libtorch shared libraries of DJL's pytorch-native-cpu jar, as the image has CUDA ones in /opt/libtorch/lib. */
    private static void extractLibtorch(Path jar, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            int n = 0;
            for (ZipEntry e : zip.stream().toList()) {
                if (!e.isDirectory() && e.getName().matches("pytorch/cpu/linux-x86_64/[^/]+")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(
                                in,
                                into.resolve(Path.of(e.getName()).getFileName()),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                    n++;
                }
            }
            assertTrue(n >= 3, "libtorch libraries in " + jar);
        }
    }
}
