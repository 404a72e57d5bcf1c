package org.nedsj.dist;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds synth}: IBL-style ALF sessions from a known generative model. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Writes IBL-style ALF sessions drawn from a known generative model (the built-in default data).")
final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the ALF sessions into.")
    Path out;

    @Option(names = "--sessions", paramLabel = "N", description = "Number of sessions (default: the generator's).")
    Integer sessions;

    @Option(names = "--trials", paramLabel = "T", description = "Trials per session (default: the generator's).")
    Integer trials;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: the generator's).")
    Long seed;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec);
    }
}
