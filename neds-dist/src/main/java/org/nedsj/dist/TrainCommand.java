package org.nedsj.dist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds train}: trains a model from an experiment, or resumes a run. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a model; prints progress; writes checkpoints, metrics and the resolved configuration under RUN.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Start start;

    /** A new run from an experiment file, or the continuation of an interrupted one. */
    static final class Start {
        @Option(names = "--config", required = true, paramLabel = "F", description = "Experiment file (HOCON).")
        Path config;

        @Option(names = "--resume", required = true, paramLabel = "RUN", description = "Continue the run in RUN from its latest checkpoint.")
        Path resume;
    }

    @Option(names = "--set", paramLabel = "KEY=VALUE", converter = ConfigAssignment.class,
            description = "Override one configuration key (repeatable); the value is HOCON, e.g. --set data.path=DATA.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "RUN", description = "Run directory to create (default: a new folder under runs/).")
    Path out;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec);
    }
}
