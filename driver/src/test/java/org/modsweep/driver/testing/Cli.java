package org.modsweep.driver.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a subcommand as the {@code modsweep} launcher does: one error line on stderr, exit 2 for bad input. */
public final class Cli {

    public record Run(int code, String out, String err) {}

    private Cli() {}

    public static Run run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            cmd.getErr().println("modsweep " + cmd.getCommandName() + ": error: " + msg);
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
