package org.nedsj.dist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.tune.SweepResults;
import org.nedsj.trainer.tune.TuneRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code neds tune}: a hyper-parameter sweep (ASHA, random or grid) over an experiment, on this machine. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Sweeps hyper-parameters of an experiment (ASHA, random or grid search) on this machine; "
                + "rerunning the same command continues an interrupted sweep.")
final class TuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Neds neds;

    @Option(names = "--config", required = true, paramLabel = "F", description = "Experiment file (HOCON).")
    Path config;

    @Option(names = "--space", required = true, paramLabel = "S",
            description = "Search-space file (HOCON): a tune { … space { key = \"loguniform(a, b)\" … } } section.")
    Path space;

    @Option(names = "--trials", paramLabel = "N", description = "Trials of the sweep (default: tune.trials).")
    Integer trials;

    @Option(names = "--set", paramLabel = "KEY=VALUE", converter = ConfigAssignment.class,
            description = "Override one experiment key for every trial (repeatable); the value is HOCON.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tune",
            description = "Folder of the sweep: trials/, results.csv, report.html, best.conf (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        SweepResults results = new TuneRun(new ExperimentSources(Optional.of(config), sets, neds.systemProperties()), space,
                trials, out, System.out, Terminal.attached()).run();
        results.files().forEach(f -> System.out.println("wrote " + f));
        return 0;
    }
}
