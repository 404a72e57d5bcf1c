package org.nedsj.dist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.tune.SweepResults;
import org.nedsj.trainer.tune.TrialCluster;
import org.nedsj.trainer.tune.TuneRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code neds tune}: a hyper-parameter sweep (ASHA, random or grid) over an experiment, on this machine or, with
 * {@code --spark}, on a Spark cluster through the {@link TrialCluster} that neds-spark provides.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Sweeps hyper-parameters of an experiment (ASHA, random or grid search) on this machine or a "
                + "Spark cluster; rerunning the same command continues an interrupted sweep.")
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

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run each trial segment as a Spark task on this master (e.g. spark://host:7077, local[4]); "
                    + "--out must be a path every worker sees.")
    String spark;

    @Override
    public Integer call() throws Exception {
        TuneRun run = new TuneRun(new ExperimentSources(Optional.of(config), sets, neds.systemProperties()), space,
                trials, out, System.out, Terminal.attached());
        if (spark != null) {
            run.onCluster(cluster(), spark);
        }
        SweepResults results = run.run();
        results.files().forEach(f -> System.out.println("wrote " + f));
        return 0;
    }

    private TrialCluster cluster() {
        return ServiceLoader.load(TrialCluster.class).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--spark " + spark + ": Spark is not on the class path: neds tune --spark needs neds-spark's jar and "
                + "Spark's jars beside neds' own (the distribution's spark/ folder, or spark-submit's class path)"));
    }
}
