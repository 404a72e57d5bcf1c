package org.nedsj.dist;

import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.prep.store.PrepareResult;
import org.nedsj.data.synth.IdealObserver;
import org.nedsj.data.synth.SyntheticIbl;
import org.nedsj.data.synth.SyntheticTruth;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.config.ConfigOverrides;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.evaluate.EvaluationRun;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.train.FinetuneRun;
import org.nedsj.trainer.train.TrainRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code neds demo}: the method's point on the built-in synthetic data. Writes synthetic sessions that
 * share latent dynamics, pretrains on all but one, fine-tunes the pretrained model on the held-out
 * session (new stitchers, backbone frozen), trains the same recipe on the held-out session alone,
 * and prints the model beside the per-session linear baselines, and pretrained beside trained alone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The method on the built-in synthetic data: synth -> prepare -> pretrain on all sessions but one -> "
                + "fine-tune on the held-out session -> train on it alone -> evaluate, then one table: the model beside the "
                + "linear baselines, pretrained+fine-tuned beside trained alone.",
                "The data seed is drawn at run time unless --seed is given; the table names it."})
final class DemoCommand implements Callable<Integer> {

    static final int TRIALS = 300;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the data, the runs and the reports (default: a new folder under demo/).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the synthetic data and the runs (default: drawn now).")
    Long seed;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "6",
            description = "Synthetic sessions to write: all but the last pretrain, the last is held out (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--set", paramLabel = "KEY=VALUE", converter = ConfigAssignment.class,
            description = "Override one key of conf/demo.conf for every run of the demo (repeatable).")
    List<String> sets = new ArrayList<>();

    @ParentCommand
    Neds neds;

    @Override
    public Integer call() throws Exception {
        if (sessions < 2) {
            throw new IllegalArgumentException("--sessions " + sessions + ": give at least 2, one to pretrain on and one to hold out");
        }
        Path root = (out != null ? out : RunFolders.fresh("demo", "demo")).toAbsolutePath();
        long dataSeed = seed != null ? seed : new SplittableRandom().nextLong(1, 1_000_000);
        Path alf = root.resolve("alf");
        Path data = root.resolve("data");
        Path conf = distributionFile("demo.conf");
        long start = System.nanoTime();
        step(1, String.format(Locale.ROOT, "%d synthetic IBL-style sessions sharing latent dynamics (seed %d) into %s",
                sessions, dataSeed, alf));
        SyntheticIbl.Options defaults = SyntheticIbl.Options.defaults();
        SyntheticIbl.Options synthetic = new SyntheticIbl.Options(sessions, TRIALS, dataSeed, defaults.minNeurons(), defaults.maxNeurons());
        SyntheticIbl.write(alf, synthetic);
        step(2, "prepare: align, bin and split them into " + data);
        List<String> ids = prepare(conf, alf, data);
        String heldOut = ids.get(ids.size() - 1);
        List<String> pretraining = ids.subList(0, ids.size() - 1);
        List<String> common = new ArrayList<>(sets);
        common.add(ConfigOverrides.setString("data.path", data.toString()));
        common.add("train.seed=" + dataSeed);

        Path pretrained = root.resolve("pretrained");
        step(3, "pretrain on " + pretraining.size() + " sessions (" + heldOut + " held out) with " + conf);
        train(conf, with(common, ConfigOverrides.setStrings("train.held-out-sessions", List.of(heldOut))), pretrained);
        Path finetuned = root.resolve("finetuned");
        step(4, "fine-tune the pretrained model on " + heldOut + " (new stitchers; finetune.* of " + conf.getFileName() + ")");
        FinetuneRun.start(pretrained, data, List.of(heldOut), sets, finetuned, System.out, Terminal.attached());
        Path alone = root.resolve("alone");
        step(5, "train the same recipe on " + heldOut + " alone");
        train(conf, with(common, ConfigOverrides.setStrings("train.held-out-sessions", pretraining)), alone);

        step(6, "evaluate on the test splits");
        List<SyntheticTruth> truth = SyntheticIbl.truth(synthetic);
        DemoTable table = new DemoTable(dataSeed, pretraining, heldOut,
                evaluate(pretrained, List.of()), evaluate(finetuned, List.of(heldOut)), evaluate(alone, List.of(heldOut)),
                new DemoTable.IdealObservers(IdealObserverScores.of(IdealObserver.read(truth, data, pretraining)),
                        IdealObserverScores.of(IdealObserver.read(truth, data, List.of(heldOut)))));
        String text = table.render();
        System.out.println(text);
        Files.writeString(root.resolve("demo-table.txt"), text);
        Files.writeString(root.resolve("demo.json"), table.json());
        System.out.printf(Locale.ROOT, "demo done in %.1f minutes; reports: %s, %s, %s (report.html in each)%n",
                (System.nanoTime() - start) / 6e10, pretrained.resolve("report"), finetuned.resolve("report"),
                alone.resolve("report"));
        return 0;
    }

    private List<String> prepare(Path conf, Path alf, Path data) throws IOException {
        ExperimentSources sources = new ExperimentSources(Optional.of(conf),
                with(sets, ConfigOverrides.setString("data.path", data.toString())), neds.systemProperties());
        try (Experiment experiment = Experiment.open(sources)) {
            PrepareResult prepared = new DatasetPreparer(experiment.config().getConfig("data")).prepare(alf, data, line -> { });
            System.out.println(prepared.describe());
            return experiment.data().sessions().stream().map(SessionInfo::id).sorted().toList();
        }
    }

    private void train(Path conf, List<String> sets, Path run) throws IOException {
        try (Experiment experiment = Experiment.open(new ExperimentSources(Optional.of(conf), sets, neds.systemProperties()))) {
            TrainRun.start(experiment, run, System.out, Terminal.attached());
        }
    }

    private static EvaluationRun.Result evaluate(Path run, List<String> sessions) throws IOException {
        return EvaluationRun.evaluate(run, null, Split.TEST, List.of(), List.of(), sessions, null, System.out);
    }

    private static List<String> with(List<String> sets, String more) {
        List<String> all = new ArrayList<>(sets);
        all.add(more);
        return all;
    }

    private static void step(int n, String what) {
        System.out.printf(Locale.ROOT, "== %d/6 %s%n", n, what);
    }

    /** A file of the distribution's conf/ folder. */
    private Path distributionFile(String name) {
        String home = neds.systemProperties().getProperty("neds.home");
        if (home == null) {
            throw new IllegalStateException("neds demo reads conf/" + name + " of the distribution; run it through bin/neds"
                    + " (or ./neds from the source tree)");
        }
        Path conf = Path.of(home, "conf", name);
        if (!Files.isRegularFile(conf)) {
            throw new IllegalStateException("the distribution at " + home + " has no conf/" + name);
        }
        return conf;
    }
}
