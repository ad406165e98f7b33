package org.modsweep.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modsweep bench ...}: benchmark commands (never timed tests); each module contributes one. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks; record results in docs/benchmarks.md with machine and command.",
        subcommands = {
            // each module adds its benchmark subcommand classes here
            org.modsweep.driver.cli.BenchSweepCommand.class,
            org.modsweep.worker.cli.BenchTrainCommand.class,
            org.modsweep.worker.cli.BenchLanesCommand.class,
            org.modsweep.analysis.cli.AnalysisBenchCommand.class,
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
