package org.nedsj.dist;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.nedsj.data.synth.SyntheticIbl;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.SyntheticRecordings;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.plugin.ExtensionPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
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

    @Option(names = "--with", split = ",", paramLabel = "NAME", description = "Also write, into every session, recordings that a "
            + "data source plugin synthesises (e.g. raw LFP streams); an unknown name lists those offered.")
    List<String> with = List.of();

    @ParentCommand
    Neds neds;

    @Override
    public Integer call() throws Exception {
        SyntheticIbl.Options d = SyntheticIbl.Options.defaults();
        SyntheticIbl.Options options = new SyntheticIbl.Options(sessions != null ? sessions : d.sessions(),
                trials != null ? trials : d.trials(), seed != null ? seed : d.seed(), d.minNeurons(), d.maxNeurons(), regions);
        if (with.isEmpty()) {
            write(options, List.of());
            return 0;
        }
        ExperimentSources sources = new ExperimentSources(Optional.empty(), List.of(), neds.systemProperties());
        try (ExperimentContext context = ExperimentContext.open(sources)) {
            write(options, extras(context));
        }
        return 0;
    }

    private void write(SyntheticIbl.Options options, List<SyntheticRecordings> extras) {
        List<Path> written = SyntheticIbl.write(out, options);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %d synthetic IBL session(s) (%d trials each, seed %d%s) under %s%n", written.size(),
                options.trials(), options.seed(), regions ? ", planted regions MOp/ACAd/CA1" : "", out.toAbsolutePath());
        written.forEach(p -> w.println("  " + p));
        for (SyntheticRecordings r : extras) {
            w.println("with " + r.name() + " (" + r.description() + "):");
            r.write(out, options.seed()).forEach(line -> w.println("  " + line));
        }
        w.println("next: neds prepare --alf " + out + " --out DATA");
    }

    /** The recordings named by --with, from whichever data source plugin synthesises them; checked before anything is written. */
    private List<SyntheticRecordings> extras(ExperimentContext context) {
        Map<String, SyntheticRecordings> offered = new TreeMap<>();
        for (String name : context.plugins().names(ExtensionPoint.DATA_SOURCE)) {
            DataSourceFactory f = context.plugins().factory(ExtensionPoint.DATA_SOURCE, "data.source", name);
            f.syntheticRecordings().ifPresent(r -> offered.put(r.name(), r));
        }
        List<SyntheticRecordings> chosen = new ArrayList<>();
        for (String name : with) {
            SyntheticRecordings r = offered.get(name);
            if (r == null) {
                throw new IllegalArgumentException("--with " + name + ": no plugin synthesises recordings of that name; offered: "
                        + offered.keySet() + " (is its plugin in the plugin folder? neds plugins lists what was found)");
            }
            chosen.add(r);
        }
        return chosen;
    }
}
