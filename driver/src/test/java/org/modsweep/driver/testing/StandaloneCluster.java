package org.modsweep.driver.testing;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: a Master and Workers as child JVMs started from Spark's own classes,
 * over a SPARK_HOME that looks like a stock distribution (a {@code jars/} folder holding Spark's jars only and a
 * {@code RELEASE} file), as ops-recipes.md describes. The Workers launch executors through Spark's launcher, so
 * those executors have Spark's jars and nothing of modsweep: whatever tasks need, the driver must ship.
 */
public final class StandaloneCluster implements AutoCloseable {

    /**
     * Maven groups (and one artifact) modsweep adds on top of Spark, plus the test-only world: none of them may
     * be in the distribution, so the driver has to ship each one a task needs.
     */
    static final Set<String> NOT_SPARK = Set.of(
            "org/modsweep",
            "ai/djl",
            "org/knowm",
            "de/erichseifert",
            "org/apache/pdfbox",
            "com/madgag",
            "info/picocli",
            "software/amazon",
            "org/apache/hadoop/hadoop-aws",
            "net/java/dev/jna",
            "org/junit",
            "org/opentest4j",
            "org/apiguardian",
            "org/gaul",
            "org/apache/jclouds",
            "org/eclipse/jetty",
            "com/google/inject",
            "org/webjars");

    /** Generous: on a loaded 2-core machine a Spark daemon JVM alone can take half a minute to come up. */
    private static final int START_SECONDS = 180;

    private final Path dir;
    private final Path home;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final String url;

    private StandaloneCluster(Path dir, Path home, Process master, String url) {
        this.dir = dir;
        this.home = home;
        this.master = master;
        this.url = url;
    }

    /** Starts a Master and {@code workers} Workers of {@code cores} cores each; returns once all registered. */
    public static StandaloneCluster start(Path dir, int workers, int cores, String workerMemory) throws Exception {
        Path home = sparkHome(dir.resolve("spark-home"));
        int port = freePort();
        Process master = jvm(
                        home,
                        dir.resolve("master.log"),
                        "org.apache.spark.deploy.master.Master",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--webui-port",
                        "0")
                .start();
        StandaloneCluster cluster = new StandaloneCluster(dir, home, master, "spark://127.0.0.1:" + port);
        try {
            waitForPort(port, master, dir.resolve("master.log"));
            for (int i = 0; i < workers; i++) {
                Path log = dir.resolve("worker-" + i + ".log");
                Path work = Files.createDirectories(dir.resolve("work-" + i));
                cluster.workers.add(jvm(
                                home,
                                log,
                                "org.apache.spark.deploy.worker.Worker",
                                cluster.url,
                                "--host",
                                "127.0.0.1",
                                "--cores",
                                Integer.toString(cores),
                                "--memory",
                                workerMemory,
                                "--webui-port",
                                "0",
                                "--work-dir",
                                work.toString())
                        .start());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            for (int i = 0; i < workers; i++) {
                Path log = dir.resolve("worker-" + i + ".log");
                while (!Files.exists(log) || !Files.readString(log).contains("Successfully registered with master")) {
                    if (!cluster.workers.get(i).isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("worker " + i + " did not register: " + read(log));
                    }
                    Thread.sleep(100);
                }
            }
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    public String masterUrl() {
        return url;
    }

    public Path sparkHome() {
        return home;
    }

    /** The executor JVMs the Workers launched and that still run. */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> out = new ArrayList<>();
        for (Process w : workers) {
            w.toHandle()
                    .descendants()
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * Starts Spark's {@code spark-submit} (client mode: the driver runs in its JVM) on this cluster's Spark alone,
     * as {@code $SPARK_HOME/bin/spark-submit ARGS} would: the application comes only from what the arguments name.
     */
    public Process submit(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("@" + ChildJvm.jvmOpens());
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + File.separator + "*");
        cmd.add("org.apache.spark.deploy.SparkSubmit");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("SPARK_CONF_DIR");
        pb.environment().remove("MODSWEEP_CONF_DIR");
        return pb.start();
    }

    /** The Worker JVM that launched an executor. */
    public static ProcessHandle workerOf(ProcessHandle executor) {
        return executor.parent()
                .orElseThrow(() -> new IllegalStateException("executor " + executor.pid() + " has no " + "parent"));
    }

    /** The executor id Spark gave an executor JVM ({@code --executor-id N} on its command line). */
    public static String executorId(ProcessHandle executor) {
        String[] args = executor.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--executor-id")) {
                return args[i + 1];
            }
        }
        throw new IllegalStateException(
                "no --executor-id in " + executor.info().commandLine().orElse("?"));
    }

    /** Sends a signal ({@code STOP}, {@code CONT}) to a process of this cluster. */
    public static void signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        String out = new String(kill.getInputStream().readAllBytes());
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + ": " + out);
        }
    }

    /** Resumes stopped processes (SIGCONT), ignoring those that are gone: for a test's cleanup. */
    public static void resume(ProcessHandle... processes) {
        for (ProcessHandle p : processes) {
            try {
                if (p.isAlive()) {
                    signal(p, "CONT");
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                // gone meanwhile
            }
        }
    }

    /**
     * Whether a process still runs: it exists and has not exited (a child of a stopped Worker stays a zombie in the
     * process table, which {@link ProcessHandle#isAlive} counts as alive). Linux.
     */
    public static boolean isRunning(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return !state.equals("Z") && !state.equals("X");
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** The last lines of the Workers' logs and of every executor's stderr, for a failing test's message. */
    public String logs() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("worker-\\d+\\.log|stderr"))
                    .sorted()
                    .toList()) {
                List<String> lines = Files.readAllLines(f);
                out.append("\n==> ").append(dir.relativize(f)).append(" <==\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException | RuntimeException e) {
            out.append("(logs unreadable: ").append(e).append(")");
        }
        return out.toString();
    }

    /** A SPARK_HOME like a distribution's: Spark's jars of this test classpath (linked) and a RELEASE file. */
    static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.writeString(home.resolve("RELEASE"), "Spark 4.0.1 (modsweep test cluster: Spark's jars only)\n");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && isSparks(jar)) {
                Path link = jars.resolve(jar.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                }
            }
        }
        return home;
    }

    /** A jar of the local Maven repository whose group is not one modsweep or the tests add. */
    static boolean isSparks(Path jar) {
        String path = jar.toAbsolutePath().toString().replace(File.separatorChar, '/');
        int repo = path.indexOf("/repository/");
        if (repo < 0) {
            return false; // a module's own build output, never Spark's
        }
        String coordinates = path.substring(repo + "/repository/".length());
        return NOT_SPARK.stream().noneMatch(coordinates::startsWith);
    }

    private static ProcessBuilder jvm(Path home, Path log, String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + File.separator + "*");
        cmd.add(main);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13"); // the Worker's executor launcher asks for it
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("SPARK_CONF_DIR");
        pb.environment().remove("MODSWEEP_CONF_DIR");
        return pb;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the master did not start: " + read(log));
                }
                Thread.sleep(100);
            }
        }
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "(no log)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops executors, Workers and the Master (SIGKILL: nothing of theirs must outlive the test). */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process w : workers) {
            try (Stream<ProcessHandle> d = w.toHandle().descendants()) {
                d.forEach(all::add);
            }
            all.add(w.toHandle());
        }
        all.add(master.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone or going; nothing more to do
            }
        }
    }
}
