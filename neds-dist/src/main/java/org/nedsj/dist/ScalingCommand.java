package org.nedsj.dist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nedsj.eval.report.ScalingTable;
import org.nedsj.trainer.scaling.ScalingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds scaling}: performance on held-out sessions against the number of pretraining sessions. */
@Command(name = "scaling", mixinStandardHelpOptions = true,
        description = {"Pretrains on growing subsets of the training sessions (the first N in id order), fine-tunes each "
                + "model on the same held-out sessions, evaluates them on their test trials, and writes a table (scaling.txt, "
                + "scaling.csv) and a plot (scaling.html) of every metric against the number of pretraining sessions.",
                "Rerunning with the same --out and settings reuses finished runs and resumes an interrupted pretraining."})
final class ScalingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "F", description = "Experiment file (HOCON).")
    Path config;

    @Option(names = "--sessions", required = true, paramLabel = "N,N,…",
            description = "Numbers of pretraining sessions, e.g. 1,2,4,8.")
    String sizes;

    @Option(names = "--held-out", paramLabel = "ID", split = ",", arity = "1..*",
            description = "Sessions to fine-tune and evaluate on (default: the experiment's train.held-out-sessions, "
                    + "else the last session of the data).")
    List<String> heldOut = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", converter = ConfigAssignment.class,
            description = "Override one configuration key for every run (repeatable); the value is HOCON.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the runs and the table (default: a new folder under runs/).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : RunFolders.fresh("runs", "scaling");
        List<Path> files = ScalingRun.run(config, ScalingRun.parseSizes(sizes), heldOut, sets, target, System.out,
                Terminal.attached());
        System.out.println(Files.readString(target.resolve(ScalingTable.TEXT)));
        files.forEach(f -> System.out.println("wrote " + f));
        return 0;
    }
}
