package org.modsweep.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Paths of the repository's deployment files, and a way to run its shell scripts the way a user does. */
final class Repo {

    static final Path ROOT =
            Path.of(System.getProperty("modsweep.root", "..")).toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path CHART = ROOT.resolve("helm/modsweep");
    static final Path SUBMIT_SWEEP = DEPLOY.resolve("bin/submit-sweep.sh");
    static final Path GPU_DISCOVERY = DEPLOY.resolve("bin/getGpusResources.sh");
    /** The JVM flags Spark needs on Java 17, a java @-file the launchers and the tests' child JVMs pass. */
    static final Path JVM_OPENS = ROOT.resolve("bin/jvm-opens.args");

    private Repo() {}

    /** What a finished process left: its exit code and its merged stdout+stderr. */
    record Run(int exitCode, String output) {}

    /** Runs a command with extra environment variables; fails the test if it does not end within the timeout. */
    static Run run(List<String> command, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("modsweep-deploy-run", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Runs deploy/bin/stage-app.sh as the image build does: the application jar and lib/ staged into {@code out}
     * beside Spark's jars, with the JNI library of libtorch {@code flavour}.
     */
    static Run stageApp(Path appJar, Path appLib, Path sparkJars, Path out, String flavour, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(
                List.of(
                        "bash",
                        DEPLOY.resolve("bin/stage-app.sh").toString(),
                        appJar.toString(),
                        appLib.toString(),
                        sparkJars.toString(),
                        out.toString(),
                        flavour),
                Map.of("JAVA_HOME", System.getProperty("java.home")),
                timeoutSeconds);
    }

    static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
