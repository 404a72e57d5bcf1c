package org.nedsj.dist;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ParentCommand;

/** {@code neds bench}: speed measurements; the work is in its subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures speed: training steps, inference, data preparation; and the scale presets on paper.",
        subcommands = {BenchTrainCommand.class, BenchInferCommand.class, BenchPrepareCommand.class, BenchScaleCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Neds neds;

    /** The model sizes the benchmarks run at. */
    enum Preset { small, full }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "neds bench: say what to measure: train, infer, prepare or scale");
    }
}
