package org.nedsj.dist;

import java.util.Optional;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.parallel.ClusterMaster;
import org.nedsj.trainer.train.TrainRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code neds train}: trains a model from an experiment, or resumes a run. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a model; prints progress; writes checkpoints, metrics and the resolved configuration under RUN.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Neds neds;

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

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Compute each step's gradient with the tasks of Apache Spark: local[N] (embedded), "
                    + "spark://HOST:PORT (a standalone cluster); needs the Spark bundle (spark/ beside lib/). "
                    + "Tasks per step: train.spark.tasks.")
    String spark;

    @Override
    public Integer call() throws Exception {
        Optional<ClusterMaster> cluster = Optional.ofNullable(spark).map(master -> new ClusterMaster("spark", master));
        if (start.resume != null) {
            TrainRun.resume(start.resume, sets, System.out, Terminal.attached(), Integer.MAX_VALUE, cluster);
            return 0;
        }
        Path run = out != null ? out : RunFolders.fresh("runs", "train");
        try (Experiment experiment = Experiment.open(new ExperimentSources(Optional.of(start.config), sets,
                neds.systemProperties()))) {
            TrainRun.start(experiment, run, System.out, Terminal.attached(), Integer.MAX_VALUE, cluster);
        }
        System.out.println("next: neds eval --run " + run);
        return 0;
    }
}
