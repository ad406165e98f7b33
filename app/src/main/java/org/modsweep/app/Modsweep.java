package org.modsweep.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code modsweep} command line. Each module contributes its subcommands; this class only assembles them,
 * which is why it lives in its own module at the top of the dependency graph.
 */
@Command(
        name = "modsweep",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Trains and analyses the modular-addition feature-learning study as a Spark sweep.",
        subcommands = {
            // each module adds its subcommand classes here
            org.modsweep.driver.cli.SweepCommand.class,
            org.modsweep.driver.cli.HistoryCommand.class,
            org.modsweep.worker.cli.TrainCommand.class,
            org.modsweep.analysis.cli.AnalyzeCommand.class,
            org.modsweep.analysis.cli.VerifyCommand.class,
            org.modsweep.core.cli.MigrateCommand.class,
            org.modsweep.app.explore.ExploreCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Modsweep implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests drive it the same way as the launcher. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Modsweep());
        CliErrors errors = new CliErrors();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        // URIs and Spark properties in the help must not wrap mid-token at picocli's default 80 columns
        cl.setUsageHelpWidth(110);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }
}
