package org.nedsj.trainer.tune;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.train.TrainRun;
import org.nedsj.trainer.train.TrainerState;

/**
 * {@code neds tune}: a hyper-parameter sweep over an experiment on this machine. Each trial is an ordinary run
 * under {@code <out>/trials/trial-NNN}, trained rung by rung: to a rung's epoch, then (when the scheduler
 * lets it go on) resumed from its checkpoint to the next, always with {@code train.epochs = tune.max-epochs},
 * so its learning-rate schedule is the one an unbroken run to the budget follows. Every judgement goes to
 * {@code journal.tsv} as it is made; rerunning the same command replays it and continues where the sweep
 * stopped. Trials run one at a time: ND4J's CPU thread budgets are process-wide (see
 * {@code parallel/CoreShare}), so trials sharing the process would fight over them.
 */
public final class TuneRun {

    public static final String JOURNAL = "journal.tsv";
    public static final String SWEEP = "sweep.conf";

    private final ExperimentSources sources;
    private final Path spaceFile;
    private final Integer trials;
    private final Path out;
    private final PrintStream console;
    private final boolean terminal;
    private int jobLimit = Integer.MAX_VALUE;

    /** @param trials {@code --trials}, or null for {@code tune.trials} */
    public TuneRun(ExperimentSources sources, Path spaceFile, Integer trials, Path out, PrintStream console,
                   boolean terminal) {
        this.sources = sources;
        this.spaceFile = spaceFile;
        this.trials = trials;
        this.out = out.toAbsolutePath();
        this.console = console;
        this.terminal = terminal;
    }

    /**
     * Ends the sweep after this many training jobs (a job trains one trial to its next rung), leaving it as a
     * kill between two jobs would: for staged sweeps and for tests of resuming.
     */
    public TuneRun limitJobs(int jobs) {
        this.jobLimit = jobs;
        return this;
    }

    /** Runs (or continues) the sweep; returns its outcome, written to results.csv, report.html and best.conf. */
    public SweepResults run() throws IOException {
        TuneSettings settings;
        String identity;
        try (ExperimentContext context = ExperimentContext.open(sources)) {
            Config tune = context.check(spaceLayer()).config().getConfig("tune");
            settings = TuneSettings.from(tune, trials);
            new SpaceCheck(context).check(settings);
            identity = identity(tune);
        }
        noteConcurrency(settings);
        claimFolder(identity);
        SweepJournal journal = SweepJournal.open(out.resolve(JOURNAL));
        AshaScheduler asha = new AshaScheduler(settings.graceEpochs(), settings.reduction(), settings.maxEpochs());
        replay(journal, asha, settings);
        List<Integer> rungs = settings.rungs();
        int jobs = 0;
        for (int trial = 0; trial < settings.trialCount(); trial++) {
            List<SweepJournal.Entry> past = journal.of(trial);
            if (!past.isEmpty() && past.get(past.size() - 1).event().isFinal()) {
                continue;
            }
            int reached = past.isEmpty() ? 0 : past.get(past.size() - 1).epoch();
            for (int rung = 0; rung < rungs.size(); rung++) {
                if (rungs.get(rung) <= reached) {
                    continue;
                }
                if (jobs++ == jobLimit) {
                    return SweepResults.write(out, settings, journal);
                }
                progress(settings, journal, trial, rungs.get(rung));
                SweepJournal.Entry entry = trainTo(settings, asha, trial, rung, rungs.get(rung));
                journal.append(entry);
                console.printf(Locale.ROOT, "tune: %s %s at epoch %d%s%n", trialName(trial), entry.event().label(),
                        entry.epoch(), entry.event() == SweepJournal.Event.FAILED ? ": " + entry.detail()
                                : String.format(Locale.ROOT, " (%s %.4f)", settings.metric(), entry.metric()));
                if (entry.event().isFinal()) {
                    break;
                }
            }
        }
        SweepResults results = SweepResults.write(out, settings, journal);
        results.best().ifPresentOrElse(
                b -> console.printf(Locale.ROOT, "tune: best %s, %s %.4f; %s runs it with neds train --config%n",
                        trialName(b.trial()), settings.metric(), b.metric(), out.resolve(SweepResults.BEST)),
                () -> console.println("tune: no trial finished; see " + out.resolve(SweepResults.RESULTS)));
        return results;
    }

    /** The space file's layer: the tune section alone. */
    private Config spaceLayer() {
        if (!Files.isRegularFile(spaceFile)) {
            throw new IllegalArgumentException("space file " + spaceFile + " does not exist or is not a file");
        }
        Config layer = ConfigFactory.parseFile(spaceFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        for (String key : layer.root().keySet()) {
            if (!key.equals("tune")) {
                throw new IllegalArgumentException(spaceFile + ": a space file holds the tune section only, but it sets '"
                        + key + "'; set it in the experiment file, or vary it in tune.space");
            }
        }
        if (!layer.hasPath("tune")) {
            throw new IllegalArgumentException(spaceFile + " has no tune section; e.g. tune { space { train.lr = "
                    + "\"loguniform(1e-4, 1e-3)\" } }");
        }
        return layer;
    }

    /** What makes this sweep this sweep: the experiment, its overrides and the tune section but its trial count. */
    private String identity(Config tune) {
        return "# neds tune: the sweep this folder holds; the same command continues it\n"
                + "experiment = " + quoted(sources.file().map(p -> p.toAbsolutePath().normalize().toString()).orElse("")) + "\n"
                + "sets = " + com.typesafe.config.ConfigValueFactory.fromIterable(sources.sets()).render(ConfigRenderOptions.concise())
                + "\ntune = " + tune.withoutPath("trials").root().render(ConfigRenderOptions.concise()) + "\n";
    }

    private static String quoted(String s) {
        return com.typesafe.config.ConfigValueFactory.fromAnyRef(s).render(ConfigRenderOptions.concise());
    }

    /** Takes {@code out} for this sweep, or finds this sweep there; refuses a folder holding anything else. */
    private void claimFolder(String identity) throws IOException {
        Path sweep = out.resolve(SWEEP);
        if (Files.isRegularFile(sweep)) {
            if (!Files.readString(sweep).equals(identity)) {
                throw new IllegalArgumentException(out + " holds another sweep (its " + SWEEP + " differs: another "
                        + "experiment, --set or tune section); rerun that sweep's command, or choose another --out");
            }
            return;
        }
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty and holds no sweep; choose another --out");
                }
            }
        }
        Files.createDirectories(out);
        RunDirectory.writeAtomically(sweep, identity);
    }

    private void noteConcurrency(TuneSettings settings) {
        if (settings.concurrency() > 1) {
            console.printf(Locale.ROOT, "tune: tune.concurrency = %d, but trials run one at a time in this version: ND4J's "
                    + "CPU thread budgets are process-wide; each trial uses every core%n", settings.concurrency());
        }
    }

    /** Feeds the recorded rung results to the scheduler in the order they came. */
    private static void replay(SweepJournal journal, AshaScheduler asha, TuneSettings settings) {
        if (!settings.scheduler().equals("asha")) {
            return;
        }
        for (SweepJournal.Entry e : journal.entries()) {
            if (e.event() == SweepJournal.Event.PROMOTED || e.event() == SweepJournal.Event.STOPPED) {
                asha.report(asha.rungs().indexOf(e.epoch()), e.metric());
            }
        }
    }

    private SweepJournal.Entry trainTo(TuneSettings settings, AshaScheduler asha, int trial, int rung, int epoch) {
        Path dir = trialDir(out, trial);
        TrainerState state;
        try {
            if (Files.isRegularFile(dir.resolve("resolved.conf"))) {
                state = TrainRun.resume(dir, List.of(), console, terminal, epoch);
            } else {
                List<String> sets = new ArrayList<>(sources.sets());
                sets.addAll(trialSets(settings, trial));
                try (Experiment experiment = Experiment.open(new ExperimentSources(sources.file(), sets,
                        sources.systemProperties()))) {
                    state = TrainRun.start(experiment, dir, console, terminal, epoch);
                }
            }
            double metric = TrialMetrics.read(dir.resolve("metrics.csv"), settings.metric()).at(state.epoch());
            if (state.epoch() < epoch) {
                return new SweepJournal.Entry(trial, state.epoch(), SweepJournal.Event.EARLY_STOPPED, metric,
                        "validation loss stopped improving (train.patience)");
            }
            if (epoch == settings.maxEpochs()) {
                return new SweepJournal.Entry(trial, epoch, SweepJournal.Event.COMPLETED, metric, "");
            }
            boolean goesOn = asha.report(rung, metric);
            return new SweepJournal.Entry(trial, epoch, goesOn ? SweepJournal.Event.PROMOTED : SweepJournal.Event.STOPPED,
                    metric, "");
        } catch (IOException | RuntimeException e) {
            return new SweepJournal.Entry(trial, epochReached(dir), SweepJournal.Event.FAILED, Double.NaN,
                    e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /** The trial's values as {@code --set} arguments, with the budget that defines its schedule. */
    static List<String> trialSets(TuneSettings settings, int trial) {
        List<String> sets = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : settings.values(trial).entrySet()) {
            sets.add(e.getKey() + "=" + e.getValue().render(ConfigRenderOptions.concise()));
        }
        sets.add("train.epochs=" + settings.maxEpochs());
        return sets;
    }

    private static int epochReached(Path dir) {
        try {
            double[] epochs = TrialMetrics.read(dir.resolve("metrics.csv"), "val.loss").epochs();
            return epochs.length == 0 ? 0 : (int) epochs[epochs.length - 1];
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void progress(TuneSettings settings, SweepJournal journal, int trial, int epoch) {
        SweepResults now = SweepResults.of(out, settings, journal);
        long finished = now.trials().stream().filter(t -> !t.status().equals("pending") && !t.status().equals("promoted")).count();
        String best = now.best().map(b -> String.format(Locale.ROOT, "best %s %s %.4f", trialName(b.trial()),
                settings.metric(), b.metric())).orElse("no best yet");
        console.printf(Locale.ROOT, "tune: running %s (%s) to epoch %d | %d/%d trials finished | %s%n", trialName(trial),
                SpaceCheck.describe(settings.values(trial)), epoch, finished, settings.trialCount(), best);
    }

    static String trialName(int trial) {
        return String.format(Locale.ROOT, "trial-%03d", trial);
    }

    static Path trialDir(Path out, int trial) {
        return out.resolve("trials").resolve(trialName(trial));
    }
}
