package org.modsweep.app;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Errors;
import picocli.CommandLine;

/**
 * Turns an exception escaping a subcommand into one clear line on stderr and a non-zero exit
 * (2 for bad input, 1 otherwise); the stack trace goes to the log at debug level only. Command-line syntax errors
 * get one line too, and a stray argument that is not an option is never repeated: it is often a value typed after
 * a space instead of '=' ({@code --conf fs.s3a.secret.key SECRET}).
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private static final Logger LOG = LogManager.getLogger(CliErrors.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        LOG.debug("command failed", ex);
        cl.getErr().println("modsweep " + cl.getCommandName() + ": error: " + Errors.message(ex));
        return ex instanceof IllegalArgumentException ? 2 : 1;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String msg = ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u
                && u.getUnmatched().stream().anyMatch(a -> !a.startsWith("-"))) {
            java.util.List<String> options = u.getUnmatched().stream()
                    .filter(a -> a.startsWith("-"))
                    .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
                    .toList();
            long others = u.getUnmatched().size() - options.size();
            msg = (options.isEmpty() ? "" : "unknown option(s) " + String.join(", ", options) + "; ") + others
                    + " unexpected argument(s), not repeated here (a value after a space instead of '='?)";
        }
        cl.getErr()
                .println("modsweep " + cl.getCommandName() + ": error: "
                        + msg.lines().findFirst().orElse(msg) + " (see --help)");
        return 2;
    }
}
