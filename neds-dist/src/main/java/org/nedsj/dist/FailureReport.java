package org.nedsj.dist;

import com.typesafe.config.ConfigException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a command that failed: bad input (unknown keys, missing files, plugin conflicts) as its
 * message alone, anything else with its stack trace, since that is a bug. Exit status 1.
 */
final class FailureReport implements IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FailureReport.class);

    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
        String command = commandLine.getCommandSpec().qualifiedName();
        if (isBadInput(e)) {
            commandLine.getErr().println(command + ": " + e.getMessage());
            LOG.debug("{} failed", command, e);
        } else {
            commandLine.getErr().println(command + ": failed unexpectedly (" + e + "); please report this with the trace below");
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return FAILED;
    }

    private static boolean isBadInput(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof ConfigException || e instanceof UncheckedIOException;
    }
}
