package org.nedsj.dist;

import java.io.PrintWriter;
import java.util.Properties;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code neds} command. Exit status: 0 done, 2 a usage or user error (an unknown option, bad
 * input or settings, a missing or corrupt file, a busy folder: one line says why), 1 a defect (with a
 * stack trace, to be reported).
 */
@Command(name = "neds", mixinStandardHelpOptions = true, versionProvider = NedsVersion.class,
        description = "NEDS-J: one multimodal masked transformer that encodes behaviour into neural activity "
                + "and decodes neural activity into behaviour, across recording sessions.",
        subcommands = {SynthCommand.class, PrepareCommand.class, InspectCommand.class, TrainCommand.class, EvalCommand.class,
                FinetuneCommand.class, AblateCommand.class, TuneCommand.class, ScalingCommand.class, AnalyzeCommand.class, PluginsCommand.class, DemoCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Experiments are HOCON files. Override their keys with --set key=value",
                "(highest precedence) or -Dneds.key=value in JAVA_OPTS. Exit status: 0 done,",
                "2 usage or input error (one line; --debug adds the stack trace), 1 a defect."})
public final class Neds implements Runnable {

    /** Exit status of a usage error. */
    public static final int USAGE = 2;

    private final Properties systemProperties;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "On failure, print the full stack trace.")
    boolean debug;

    public Neds() {
        this(System.getProperties());
    }

    /** @param systemProperties where {@code neds.home}, {@code neds.plugins.dir} and other {@code -Dneds.*} values are read */
    public Neds(Properties systemProperties) {
        this.systemProperties = systemProperties;
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(execute(System.getProperties(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line in this JVM and returns its exit status. */
    public static int execute(Properties systemProperties, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Neds(systemProperties))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FailureReport());
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    boolean debug() {
        return debug;
    }

    Properties systemProperties() {
        return systemProperties;
    }

    /** {@code neds} alone: say that a command is needed. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "neds: a command is needed");
    }
}
