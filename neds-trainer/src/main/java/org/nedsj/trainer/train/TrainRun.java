package org.nedsj.trainer.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.NedsModel;
import org.nedsj.model.SessionTable;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.TrialRef;
import org.nedsj.trainer.batch.TrialSplits;
import org.nedsj.trainer.config.CheckpointedModelSettings;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.parallel.ClusterMaster;
import org.nedsj.trainer.parallel.ClusterSteps;
import org.nedsj.trainer.parallel.GradientSteps;
import org.nedsj.trainer.run.FailureLog;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.run.RunProvenance;
import org.nedsj.trainer.run.SessionTableFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code neds train}: a new run from an experiment, or the continuation of an interrupted one. */
public final class TrainRun {

    private TrainRun() {
    }

    /** Trains a new model into {@code out}; every setting is checked before the run folder is made. */
    public static TrainerState start(Experiment experiment, Path out, PrintStream console, boolean terminal)
            throws IOException {
        return start(experiment, out, console, terminal, Integer.MAX_VALUE);
    }

    /**
     * As {@link #start(Experiment, Path, PrintStream, boolean)}, stopping after epoch {@code stopAfterEpoch}
     * with the schedule of the whole {@code train.epochs} budget (see {@link Trainer#stopAfterEpoch}).
     */
    public static TrainerState start(Experiment experiment, Path out, PrintStream console, boolean terminal,
                                     int stopAfterEpoch) throws IOException {
        return start(experiment, out, console, terminal, stopAfterEpoch, Optional.empty());
    }

    /**
     * As {@link #start(Experiment, Path, PrintStream, boolean, int)}, each optimiser step's gradient computed
     * by the tasks of {@code cluster} when given ({@code neds train --spark MASTER}); this process keeps the
     * optimiser, the run directory and the checkpoints. The engine is connected before the run folder is made.
     */
    public static TrainerState start(Experiment experiment, Path out, PrintStream console, boolean terminal,
                                     int stopAfterEpoch, Optional<ClusterMaster> cluster) throws IOException {
        TrainingOptions options = experiment.training();
        List<SessionInfo> sessions = experiment.trainingSessions();
        SessionTable table = new SessionTable(sessions);
        String fingerprint = experiment.data().fingerprint();
        experiment.trainingScheme();
        NedsModel model = newModel(experiment, table, sessions, options);
        requireEngineForParallel(model, options, cluster);
        ClusterSteps clusterSteps = connect(experiment, cluster);
        try (RunDirectory run = RunDirectory.create(out)) {
            experiment.context().writeResolvedConfig(run.root());
            SessionTableFile.write(run.sessions(), table, SessionTableFile.unitsOf(experiment.data(), sessions));
            RunProvenance.write(run.provenance(), RunProvenance.describe(run.config(), options.seed(), fingerprint,
                    experiment.trainingSchemeName()));
            console.printf(Locale.ROOT, "training %s on %d session(s), %d parameters, into %s%n",
                    experiment.trainingSchemeName(), sessions.size(), model.parameterCount(), run.root());
            noteParallel(options, clusterSteps, console);
            AdamW optimizer = new AdamW(options.beta1(), options.beta2(), options.epsilon(), options.weightDecay());
            return train(experiment, run, model, optimizer, TrainerState.start(), options, console, terminal,
                    stopAfterEpoch, steps(clusterSteps), Optional.empty());
        } finally {
            release(clusterSteps);
        }
    }

    /**
     * Continues the run in {@code runDir} from its latest checkpoint (or from its start when it stopped
     * before the first one), with its own resolved configuration; {@code sets} are recorded in
     * {@code resolved.conf} and in {@code run.json}'s {@code resumed} entries.
     */
    public static TrainerState resume(Path runDir, List<String> sets, PrintStream console, boolean terminal)
            throws IOException {
        return resume(runDir, sets, console, terminal, Integer.MAX_VALUE);
    }

    /** As {@link #resume(Path, List, PrintStream, boolean)}, stopping after epoch {@code stopAfterEpoch}. */
    public static TrainerState resume(Path runDir, List<String> sets, PrintStream console, boolean terminal,
                                      int stopAfterEpoch) throws IOException {
        return resume(runDir, sets, console, terminal, stopAfterEpoch, Optional.empty());
    }

    /** As {@link #resume(Path, List, PrintStream, boolean, int)}, the steps computed by {@code cluster} when given. */
    public static TrainerState resume(Path runDir, List<String> sets, PrintStream console, boolean terminal,
                                      int stopAfterEpoch, Optional<ClusterMaster> cluster) throws IOException {
        try (RunDirectory run = RunDirectory.resume(runDir);
             Experiment experiment = openResumed(run, sets)) {
            TrainingOptions options = experiment.training();
            if (!Files.isRegularFile(run.latestCheckpoint())) {
                return restart(experiment, run, options, sets, console, terminal, stopAfterEpoch, cluster);
            }
            Checkpoints.Restored restored = Checkpoints.load(run.latestCheckpoint(), experiment.codecs());
            Checkpoints.repairBest(run, restored.state());
            requireEngineForParallel(restored.model(), options, cluster);
            ClusterSteps clusterSteps = connect(experiment, cluster);
            try {
                recordResume(experiment, run, sets);
                console.printf(Locale.ROOT, "resuming %s after epoch %d (step %d)%n", run.root(), restored.state().epoch(),
                        restored.state().step());
                noteCluster(options, clusterSteps, console);
                return train(experiment, run, restored.model(), restored.optimizer(options), restored.state(), options,
                        console, terminal, stopAfterEpoch, steps(clusterSteps), restored.steppedWeights());
            } finally {
                release(clusterSteps);
            }
        }
    }

    /** The resumed run's experiment; a model setting that differs from the run's is refused first. */
    private static Experiment openResumed(RunDirectory run, List<String> sets) {
        CheckpointedModelSettings.refuseChanges(run.config(), sets, "neds train --resume");
        return Experiment.open(run.config(), sets);
    }

    /** A run killed before its first checkpoint starts again from its seed, as it first did. */
    private static TrainerState restart(Experiment experiment, RunDirectory run, TrainingOptions options, List<String> sets,
                                        PrintStream console, boolean terminal, int stopAfterEpoch,
                                        Optional<ClusterMaster> cluster) throws IOException {
        List<SessionInfo> sessions = experiment.trainingSessions();
        SessionTable table = new SessionTable(sessions);
        NedsModel model = newModel(experiment, table, sessions, options);
        requireEngineForParallel(model, options, cluster);
        ClusterSteps clusterSteps = connect(experiment, cluster);
        try {
            return restart(experiment, run, sessions, table, model, options, sets, console, terminal, stopAfterEpoch,
                    clusterSteps);
        } finally {
            release(clusterSteps);
        }
    }

    private static TrainerState restart(Experiment experiment, RunDirectory run, List<SessionInfo> sessions,
                                        SessionTable table, NedsModel model, TrainingOptions options, List<String> sets,
                                        PrintStream console, boolean terminal, int stopAfterEpoch,
                                        ClusterSteps clusterSteps) throws IOException {
        if (!Files.isRegularFile(run.provenance())) {
            SessionTableFile.write(run.sessions(), table, SessionTableFile.unitsOf(experiment.data(), sessions));
            RunProvenance.write(run.provenance(), RunProvenance.describe(run.config(), options.seed(),
                    experiment.data().fingerprint(), experiment.trainingSchemeName()));
        }
        recordResume(experiment, run, sets);
        console.printf(Locale.ROOT, "resuming %s from its start: it stopped before its first checkpoint%n", run.root());
        noteCluster(options, clusterSteps, console);
        AdamW optimizer = new AdamW(options.beta1(), options.beta2(), options.epsilon(), options.weightDecay());
        return train(experiment, run, model, optimizer, TrainerState.start(), options, console, terminal,
                stopAfterEpoch, steps(clusterSteps), Optional.empty());
    }

    /** A fresh model from the seed, each session's decoder parameters started from its training data. */
    private static NedsModel newModel(Experiment experiment, SessionTable table, List<SessionInfo> sessions,
                                      TrainingOptions options) {
        NedsModel model = NedsModel.create(experiment.modelConfig(), experiment.bindings(experiment.data().modalities()),
                table, options.seed());
        SessionStarts.apply(model, experiment.data(), sessions);
        return model;
    }

    /**
     * The whole-model SameDiff graph steps whole batches only: no shards, no micro-batches, no cluster
     * tasks; and a cluster engine's tasks take the place of in-process replicas.
     */
    static void requireEngineForParallel(NedsModel model, TrainingOptions options, Optional<ClusterMaster> cluster) {
        if (cluster.isPresent() && options.replicas() > 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "train.parallel.replicas = %d and --%s: "
                    + "the %s tasks take the place of in-process replicas (set their number with train.%s.tasks); "
                    + "set train.parallel.replicas = 1", options.replicas(), cluster.get().engine(),
                    cluster.get().engine(), cluster.get().engine()));
        }
        boolean samediff = model.config().engine().equals(org.nedsj.model.ModelConfig.SAMEDIFF);
        if (samediff && cluster.isPresent()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--%s needs model.engine = fused (its tasks "
                    + "step shards of each batch; the samediff engine steps whole batches only); set model.engine = fused",
                    cluster.get().engine()));
        }
        if (samediff && (options.replicas() > 1 || options.accumulate() > 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "train.parallel.replicas = %d and "
                            + "train.accumulate = %d need model.engine = fused (the samediff engine steps whole batches only); "
                            + "set model.engine = fused, or both to 1", options.replicas(), options.accumulate()));
        }
    }

    /** The engine's steps, connected before anything is written; null without a cluster. */
    private static ClusterSteps connect(Experiment experiment, Optional<ClusterMaster> cluster) {
        return cluster.map(c -> c.connect(experiment.config().getConfig("train"))).orElse(null);
    }

    private static GradientSteps steps(ClusterSteps cluster) {
        return cluster != null ? cluster : GradientSteps.IN_PROCESS;
    }

    private static void release(ClusterSteps cluster) {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void noteCluster(TrainingOptions options, ClusterSteps cluster, PrintStream console) {
        if (cluster != null) {
            console.printf(Locale.ROOT, "each optimiser step: %d trials in %d micro-batch(es) of %d, each shared by the "
                    + "tasks of %s%n", options.stepTrials(), options.accumulate(), options.batchSize(), cluster.describe());
        }
    }

    private static void noteParallel(TrainingOptions options, ClusterSteps cluster, PrintStream console) {
        if (cluster != null) {
            noteCluster(options, cluster, console);
        } else if (options.replicas() > 1 || options.accumulate() > 1) {
            console.printf(Locale.ROOT, "each optimiser step: %d trials in %d micro-batch(es) of %d, each shared by %d "
                            + "replica(s)%n", options.stepTrials(), options.accumulate(), options.batchSize(),
                    options.replicas());
        }
    }

    /** Names the modalities whose plugins supply only a SameDiff graph: each step runs those through an interpreter. */
    private static void noteGraphCodecs(NedsModel model, PrintStream console) {
        if (model.config().engine().equals(org.nedsj.model.ModelConfig.FUSED) && !model.graphModalities().isEmpty()) {
            console.printf(Locale.ROOT, "note: %s run%s through %s plugin's SameDiff graph (no array-level codec), slower than "
                            + "the other modalities; see \"Writing a plugin\" in the README%n",
                    String.join(", ", model.graphModalities()), model.graphModalities().size() == 1 ? "s" : "",
                    model.graphModalities().size() == 1 ? "its" : "their");
        }
    }

    private static void recordResume(Experiment experiment, RunDirectory run, List<String> sets) throws IOException {
        if (!sets.isEmpty()) {
            experiment.context().writeResolvedConfig(run.root());
        }
        RunProvenance.recordResume(run.provenance(), run.config(), sets);
    }

    private static TrainerState train(Experiment experiment, RunDirectory run, NedsModel model, AdamW optimizer,
                                      TrainerState state, TrainingOptions options, PrintStream console, boolean terminal,
                                      int stopAfterEpoch, GradientSteps steps, Optional<INDArray> stepped)
            throws IOException {
        List<SessionInfo> sessions = model.sessions().sessions();
        Map<String, List<TrialRef>> train = TrialSplits.of(experiment.data(), model.sessions(), sessions, Split.TRAIN);
        Map<String, List<TrialRef>> val = TrialSplits.of(experiment.data(), model.sessions(), sessions, Split.VAL);
        BatchAssembler assembler = new BatchAssembler(experiment.data(), model.specs(), model::width);
        MaskingScheme scheme = experiment.trainingScheme();
        TaskValidation tasks = TaskValidation.forTraining(experiment.trainingSchemeName(), scheme, model.modalities(),
                experiment::scheme);
        Trainer trainer = new Trainer(model, optimizer, state, assembler, scheme, tasks, options, run, train, val,
                name -> true, console, terminal).stopAfterEpoch(stopAfterEpoch).computedBy(steps);
        stepped.ifPresent(trainer::continuingSteppedWeights);
        noteGraphCodecs(model, console);
        TrainerState done;
        try {
            done = trainer.run();
            trainer.fitSessionReadouts(experiment.codecs());
        } catch (IOException | RuntimeException e) {
            FailureLog.append(run.log(), e);
            throw e;
        }
        console.println(Trainer.doneLine(done, options, run.checkpoints()));
        return done;
    }
}
