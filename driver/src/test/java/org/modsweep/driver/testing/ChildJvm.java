package org.modsweep.driver.testing;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a main class of the test classpath in a child JVM, with the JVM flags Spark needs on Java 17: the launchers'
 * list, bin/jvm-opens.args, which the build names in the {@code modsweep.jvm.opens} system property.
 */
public final class ChildJvm {

    private ChildJvm() {}

    public static ProcessBuilder builder(Class<?> main, Path log, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("@" + jvmOpens());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Dai.djl")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        return pb;
    }

    /** bin/jvm-opens.args, as a java @-file. */
    static Path jvmOpens() {
        String file = System.getProperty("modsweep.jvm.opens");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("modsweep.jvm.opens does not name bin/jvm-opens.args (set by the build's "
                    + "surefire/failsafe configuration): " + file);
        }
        return Path.of(file).toAbsolutePath().normalize();
    }

    public static String classpathSeparator() {
        return File.pathSeparator;
    }
}
