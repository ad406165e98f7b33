package org.modsweep.app;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Errors;
import picocli.CommandLine;

/**
 * Turns an exception escaping a subcommand into one clear line on stderr and a non-zero exit
 * (2 for bad input, 1 otherwise); the stack trace goes to the log at debug level only.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LogManager.getLogger(CliErrors.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        LOG.debug("command failed", ex);
        cl.getErr().println("modsweep " + cl.getCommandName() + ": error: " + Errors.message(ex));
        return ex instanceof IllegalArgumentException ? 2 : 1;
    }
}
