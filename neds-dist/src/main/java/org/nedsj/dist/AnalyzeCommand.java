package org.nedsj.dist;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neds analyze}: analyses of a trained model; the work is in its subcommands. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses of a trained model (attention, brain regions).",
        subcommands = {AnalyzeAttentionCommand.class, AnalyzeRegionsCommand.class})
final class AnalyzeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
