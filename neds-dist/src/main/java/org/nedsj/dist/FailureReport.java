package org.nedsj.dist;

import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a command that failed. A user error (bad input or settings, a missing or corrupt file, a
 * diverging run, a busy folder) is one line and exit status {@value #USER_ERROR}; the stack trace
 * only with {@code --debug}. Anything else is a defect: its trace and a request to report it, exit
 * status {@value #DEFECT}.
 */
final class FailureReport implements IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FailureReport.class);

    static final int USER_ERROR = 2;
    static final int DEFECT = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
        String command = commandLine.getCommandSpec().qualifiedName();
        boolean debug = debug(commandLine);
        int status;
        if (isUserError(e)) {
            commandLine.getErr().println(command + ": " + message(e));
            LOG.debug("{} failed", command, e);
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            status = USER_ERROR;
        } else {
            commandLine.getErr().println(command + ": failed unexpectedly (" + e + "); please report this with the trace below");
            e.printStackTrace(commandLine.getErr());
            status = DEFECT;
        }
        commandLine.getErr().flush();
        return status;
    }

    private static boolean debug(CommandLine commandLine) {
        return commandLine.getCommandSpec().root().userObject() instanceof Neds neds && neds.debug();
    }

    /**
     * A user error: a file problem, a configuration error, or an argument or state error raised by
     * NEDS-J's own checks (the same exception types raised inside a library mean an unchecked input, a defect).
     */
    static boolean isUserError(Throwable e) {
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof ConfigException) {
            return true;
        }
        return (e instanceof IllegalArgumentException || e instanceof IllegalStateException) && thrownByNeds(e);
    }

    private static boolean thrownByNeds(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.nedsj.");
    }

    /** The message, with the JDK's bare-path file errors said in words. */
    static String message(Throwable e) {
        Throwable file = e instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException f
                && (f.getMessage() == null || f.getMessage().equals(f.getFile())) ? f : e;
        if (file instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (file instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (file instanceof FileAlreadyExistsException f) {
            return "already exists: " + f.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
