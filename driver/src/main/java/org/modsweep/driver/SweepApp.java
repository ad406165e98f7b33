package org.modsweep.driver;

import org.modsweep.core.Errors;
import org.modsweep.driver.cli.SweepCommand;
import picocli.CommandLine;

/**
 * The sweep as a Spark application: {@code spark-submit --class org.modsweep.driver.SweepApp modsweep.jar --p 3..31
 * --store s3a://bucket/run}. The master and every other Spark property come from spark-submit.
 */
public final class SweepApp {

    private SweepApp() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SweepCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("modsweep sweep: error: " + Errors.message(ex));
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }
}
