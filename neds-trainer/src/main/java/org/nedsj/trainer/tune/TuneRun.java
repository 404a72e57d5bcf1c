package org.nedsj.trainer.tune;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.run.RunDirectory;

/**
 * {@code neds tune}: a hyper-parameter sweep over an experiment. Each trial is an ordinary run
 * under {@code <out>/trials/trial-NNN}, trained rung by rung: to a rung's epoch, then (when the scheduler
 * lets it go on) resumed from its checkpoint to the next, always with {@code train.epochs = tune.max-epochs},
 * so its learning-rate schedule is the one an unbroken run to the budget follows. Every judgement goes to
 * {@code journal.tsv} as it is made; rerunning the same command replays it and continues where the sweep
 * stopped. This process schedules and alone writes the journal; the training jobs ({@link TrialSegment}s) run
 * one at a time in this process, several at once in child processes ({@link TrialProcesses}), or as the tasks
 * of a {@link TrialCluster}.
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
    private TrialCluster cluster;
    private String master;

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
     * Starts no more than this many training jobs (a job trains one trial to its next rung) and ends the sweep when
     * the started ones have come back, leaving it as a kill between jobs would: for staged sweeps and for tests of
     * resuming.
     */
    public TuneRun limitJobs(int jobs) {
        this.jobLimit = jobs;
        return this;
    }

    /**
     * Runs the sweep's trials on {@code cluster} ({@code neds tune --spark MASTER}) instead of this machine; the
     * scheduler and the journal stay in this process.
     */
    public TuneRun onCluster(TrialCluster cluster, String master) {
        this.cluster = cluster;
        this.master = master;
        return this;
    }

    /** Runs (or continues) the sweep; returns its outcome, written to results.csv, report.html and best.conf. */
    public SweepResults run() throws IOException {
        TuneSettings settings;
        String identity;
        String formerIdentity;
        try (ExperimentContext context = ExperimentContext.open(sources)) {
            Config tune = context.check(spaceLayer()).config().getConfig("tune");
            settings = TuneSettings.from(tune, trials);
            new SpaceCheck(context).check(settings);
            identity = identity(tune.withoutPath("concurrency"));
            formerIdentity = identity(tune);
        }
        TuneMetric metric = checkMetric(settings);
        claimFolder(identity, formerIdentity);
        SweepJournal journal = SweepJournal.open(out.resolve(JOURNAL));
        AshaScheduler asha = new AshaScheduler(settings.graceEpochs(), settings.reduction(), settings.maxEpochs());
        replay(journal, asha, settings, metric);
        try (TrialExecutor executor = executor(settings)) {
            if (executor.slots() > 1 || cluster != null) {
                console.println("tune: " + executor.describe());
            }
            new SegmentLoop(settings, metric, journal, asha, executor).run();
        }
        SweepResults results = SweepResults.write(out, settings, journal);
        results.best().ifPresentOrElse(
                b -> console.printf(Locale.ROOT, "tune: best %s, %s %.4f; %s runs it with neds train --config%n",
                        trialName(b.trial()), settings.metric(), b.metric(), out.resolve(SweepResults.BEST)),
                () -> console.println("tune: no trial finished; see " + out.resolve(SweepResults.RESULTS)));
        return results;
    }

    /** The metric, checked against the experiment's modalities and report before any trial starts. */
    private TuneMetric checkMetric(TuneSettings settings) {
        try (Experiment experiment = Experiment.open(sources)) {
            return TuneMetric.check(settings.metric(), experiment.data().modalities(),
                    experiment.config().getStringList("eval.schemes"));
        }
    }

    /** This machine's trials ({@code tune.concurrency}; auto: {@link #autoConcurrency}), or the cluster's. */
    private TrialExecutor executor(TuneSettings settings) {
        if (cluster != null) {
            return cluster.connect(master, settings.concurrency(), console);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int slots = Math.min(settings.trialCount(),
                settings.concurrency() == 0 ? autoConcurrency(cores) : settings.concurrency());
        return slots <= 1 ? new InProcessTrials(console, terminal)
                : new TrialProcesses(slots, Math.max(1, cores / slots));
    }

    /** {@code tune.concurrency = auto}: one trial per two cores, at least one. */
    static int autoConcurrency(int cores) {
        return Math.max(1, cores / 2);
    }

    /**
     * Hands segments to the executor as slots free up and judges each as it comes back (asynchronous ASHA): the
     * lowest-numbered trial that is neither finished nor running goes next, so a promoted trial goes on before
     * a new one starts, and at one slot the trials run one after another as an unbroken sequence would.
     */
    private final class SegmentLoop {
        private final TuneSettings settings;
        private final TuneMetric metric;
        private final SweepJournal journal;
        private final AshaScheduler asha;
        private final TrialExecutor executor;
        private final List<Integer> rungs;
        private final Map<Integer, Integer> running = new TreeMap<>();

        private record Done(int trial, int rung, int epoch, TrialSegment.Outcome outcome) {
        }

        SegmentLoop(TuneSettings settings, TuneMetric metric, SweepJournal journal, AshaScheduler asha,
                    TrialExecutor executor) {
            this.settings = settings;
            this.metric = metric;
            this.journal = journal;
            this.asha = asha;
            this.executor = executor;
            this.rungs = settings.rungs();
        }

        void run() throws IOException {
            ExecutorService threads = Executors.newFixedThreadPool(executor.slots(), r -> {
                Thread t = new Thread(r, "neds-tune-slot");
                t.setDaemon(true);
                return t;
            });
            CompletionService<Done> done = new ExecutorCompletionService<>(threads);
            int jobs = 0;
            try {
                while (true) {
                    while (running.size() < executor.slots() && jobs < jobLimit) {
                        int trial = nextTrial();
                        if (trial < 0) {
                            break;
                        }
                        jobs++;
                        start(done, trial);
                    }
                    if (running.isEmpty()) {
                        return;
                    }
                    judge(done.take().get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the sweep was interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException("a trial's thread failed", e.getCause());
            } finally {
                threads.shutdownNow();
            }
        }

        /** The lowest-numbered trial neither finished nor running, or -1. */
        private int nextTrial() {
            for (int trial = 0; trial < settings.trialCount(); trial++) {
                List<SweepJournal.Entry> past = journal.of(trial);
                boolean finished = !past.isEmpty() && past.get(past.size() - 1).event().isFinal();
                if (!finished && !running.containsKey(trial)) {
                    return trial;
                }
            }
            return -1;
        }

        private void start(CompletionService<Done> done, int trial) {
            List<SweepJournal.Entry> past = journal.of(trial);
            int reached = past.isEmpty() ? 0 : past.get(past.size() - 1).epoch();
            int rung = 0;
            while (rungs.get(rung) <= reached) {
                rung++;
            }
            int epoch = rungs.get(rung);
            int judgedAt = rung;
            running.put(trial, epoch);
            progress(settings, journal, trial, epoch, running.keySet());
            TrialSegment segment = segment(settings, trial, epoch);
            done.submit(() -> {
                TrialSegment.Outcome outcome;
                try {
                    outcome = executor.run(segment);
                } catch (Exception e) { // an executor's failure is the trial's, never the sweep's
                    outcome = TrialSegment.Outcome.failed(TrialMetrics.epochReached(trialDir(out, trial)),
                            e.getMessage() != null ? e.getMessage() : e.toString());
                }
                return new Done(trial, judgedAt, epoch, outcome);
            });
        }

        private void judge(Done done) throws IOException {
            running.remove(done.trial());
            SweepJournal.Entry entry = entry(settings, metric, asha, done.trial(), done.rung(), done.epoch(), done.outcome());
            journal.append(entry);
            console.printf(Locale.ROOT, "tune: %s %s at epoch %d%s%n", trialName(entry.trial()), entry.event().label(),
                    entry.epoch(), entry.event() == SweepJournal.Event.FAILED ? ": " + entry.detail()
                            : String.format(Locale.ROOT, " (%s %.4f)", settings.metric(), entry.metric()));
        }
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

    /**
     * What makes this sweep this sweep: the experiment, its overrides and the tune section but its trial count and
     * its concurrency (how many trials run at once is scheduling, not the sweep).
     */
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
    private void claimFolder(String identity, String formerIdentity) throws IOException {
        Path sweep = out.resolve(SWEEP);
        if (Files.isRegularFile(sweep)) {
            String held = Files.readString(sweep);
            if (!held.equals(identity) && !held.equals(formerIdentity)) {
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

    /** Feeds the recorded rung results to the scheduler in the order they came. */
    private static void replay(SweepJournal journal, AshaScheduler asha, TuneSettings settings, TuneMetric metric) {
        if (!settings.scheduler().equals("asha")) {
            return;
        }
        for (SweepJournal.Entry e : journal.entries()) {
            if (e.event() == SweepJournal.Event.PROMOTED || e.event() == SweepJournal.Event.STOPPED) {
                asha.report(asha.rungs().indexOf(e.epoch()), metric.score(e.metric()));
            }
        }
    }

    /** The scheduler's judgement of a segment's outcome. */
    private static SweepJournal.Entry entry(TuneSettings settings, TuneMetric metric, AshaScheduler asha, int trial,
                                            int rung, int epoch, TrialSegment.Outcome outcome) {
        if (outcome.isFailure()) {
            return new SweepJournal.Entry(trial, outcome.epoch(), SweepJournal.Event.FAILED, Double.NaN, outcome.error());
        }
        if (outcome.epoch() < epoch) {
            return new SweepJournal.Entry(trial, outcome.epoch(), SweepJournal.Event.EARLY_STOPPED, outcome.metric(),
                    "validation loss stopped improving (train.patience)");
        }
        if (epoch == settings.maxEpochs()) {
            return new SweepJournal.Entry(trial, epoch, SweepJournal.Event.COMPLETED, outcome.metric(), "");
        }
        boolean goesOn = asha.report(rung, metric.score(outcome.metric()));
        return new SweepJournal.Entry(trial, epoch, goesOn ? SweepJournal.Event.PROMOTED : SweepJournal.Event.STOPPED,
                outcome.metric(), "");
    }

    /** Trial {@code trial} trained to {@code epoch}, as a job any executor runs. */
    private TrialSegment segment(TuneSettings settings, int trial, int epoch) {
        List<String> sets = new ArrayList<>(sources.sets());
        sets.addAll(trialSets(settings, trial));
        Properties neds = new Properties();
        sources.systemProperties().stringPropertyNames().stream().filter(k -> k.startsWith("neds."))
                .forEach(k -> neds.setProperty(k, sources.systemProperties().getProperty(k)));
        return new TrialSegment(trial, trialDir(out, trial).toString(),
                sources.file().map(p -> p.toAbsolutePath().normalize().toString()).orElse(null), sets, neds, epoch,
                settings.metric());
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

    private void progress(TuneSettings settings, SweepJournal journal, int trial, int epoch, Set<Integer> running) {
        SweepResults now = SweepResults.of(out, settings, journal);
        long finished = now.trials().stream().filter(t -> !t.status().equals("pending") && !t.status().equals("promoted")).count();
        String best = now.best().map(b -> String.format(Locale.ROOT, "best %s %s %.4f", trialName(b.trial()),
                settings.metric(), b.metric())).orElse("no best yet");
        String others = running.size() < 2 ? "" : " | running " + String.join(", ",
                running.stream().map(TuneRun::trialName).toList());
        console.printf(Locale.ROOT, "tune: running %s (%s) to epoch %d | %d/%d trials finished | %s%s%n", trialName(trial),
                SpaceCheck.describe(settings.values(trial)), epoch, finished, settings.trialCount(), best, others);
    }

    static String trialName(int trial) {
        return String.format(Locale.ROOT, "trial-%03d", trial);
    }

    static Path trialDir(Path out, int trial) {
        return out.resolve("trials").resolve(trialName(trial));
    }
}
