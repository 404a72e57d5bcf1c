package org.nedsj.dist;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.data.prepared.PrepareResult;
import org.nedsj.data.synth.SyntheticIbl;
import org.nedsj.spi.Split;
import org.nedsj.trainer.config.ConfigOverrides;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.evaluate.EvaluationRun;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.train.TrainRun;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds demo}: the main job on the built-in default data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job on the built-in default: synth -> prepare -> train (quickstart) -> eval, then prints where the report is.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the data, the run and the report (default: a new folder under demo/).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path root = (out != null ? out : RunFolders.fresh("demo", "demo")).toAbsolutePath();
        Path alf = root.resolve("alf");
        Path data = root.resolve("data");
        Path run = root.resolve("run");
        Path quickstart = quickstart();
        long start = System.nanoTime();
        step(1, "synthetic IBL-style sessions (ALF files) into " + alf);
        SyntheticIbl.write(alf, SyntheticIbl.Options.defaults());
        step(2, "prepare: align, bin and split them into " + data);
        ExperimentSources sources = new ExperimentSources(Optional.of(quickstart), List.of(ConfigOverrides.setString("data.path", data.toString())),
                neds.systemProperties());
        try (Experiment experiment = Experiment.open(sources)) {
            PrepareResult prepared = new DatasetPreparer(experiment.config().getConfig("data"))
                    .prepare(alf, data, line -> { });
            System.out.println(prepared.describe());
            step(3, "train the small model with " + quickstart + " into " + run);
            TrainRun.start(experiment, run, System.out, Terminal.attached());
        }
        step(4, "evaluate on the test split");
        EvaluationRun.Result result = EvaluationRun.evaluate(run, null, Split.TEST, List.of(), List.of(), null, System.out);
        for (Path f : result.files()) {
            if (f.getFileName().toString().equals("report.txt")) {
                System.out.println(java.nio.file.Files.readString(f));
            }
        }
        System.out.printf(Locale.ROOT, "demo done in %.1f minutes; open %s%n", (System.nanoTime() - start) / 6e10,
                run.resolve("report").resolve("report.html"));
        return 0;
    }

    private static void step(int n, String what) {
        System.out.printf(Locale.ROOT, "== %d/4 %s%n", n, what);
    }

    /** The distribution's conf/quickstart.conf. */
    private Path quickstart() {
        String home = neds.systemProperties().getProperty("neds.home");
        if (home == null) {
            throw new IllegalStateException("neds demo reads conf/quickstart.conf of the distribution; run it through bin/neds"
                    + " (or ./neds from the source tree)");
        }
        Path conf = Path.of(home, "conf", "quickstart.conf");
        if (!java.nio.file.Files.isRegularFile(conf)) {
            throw new IllegalStateException("the distribution at " + home + " has no conf/quickstart.conf");
        }
        return conf;
    }

    @ParentCommand
    Neds neds;
}
