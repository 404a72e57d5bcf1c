package org.nedsj.dist;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.nedsj.data.synth.SyntheticIbl;

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

    @Option(names = "--regions", description = "Plant brain regions: each neuron's tuning follows its region (MOp: wheel, "
            + "ACAd: choice, CA1: untuned), written as cluster acronyms and channel Allen ids.")
    boolean regions;

    @Override
    public Integer call() throws Exception {
        SyntheticIbl.Options d = SyntheticIbl.Options.defaults();
        SyntheticIbl.Options options = new SyntheticIbl.Options(sessions != null ? sessions : d.sessions(),
                trials != null ? trials : d.trials(), seed != null ? seed : d.seed(), d.minNeurons(), d.maxNeurons(), regions);
        List<Path> written = SyntheticIbl.write(out, options);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %d synthetic IBL session(s) (%d trials each, seed %d%s) under %s%n", written.size(),
                options.trials(), options.seed(), regions ? ", planted regions MOp/ACAd/CA1" : "", out.toAbsolutePath());
        written.forEach(p -> w.println("  " + p));
        w.println("next: neds prepare --alf " + out + " --out DATA");
        return 0;
    }
}
