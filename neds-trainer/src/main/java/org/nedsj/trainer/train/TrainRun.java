package org.nedsj.trainer.train;

import org.nedsj.model.NedsModel;
import org.nedsj.model.SessionTable;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.TrialRef;
import org.nedsj.trainer.batch.TrialSplits;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.run.RunProvenance;
import org.nedsj.trainer.run.SessionTableFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code neds train}: a new run from an experiment, or the continuation of an interrupted one. */
public final class TrainRun {

    private TrainRun() {
    }

    /** Trains a new model into {@code out}. */
    public static TrainerState start(Experiment experiment, Path out, PrintStream console, boolean terminal)
            throws IOException {
        RunDirectory run = RunDirectory.create(out);
        experiment.context().writeResolvedConfig(run.root());
        TrainingOptions options = experiment.training();
        List<SessionInfo> sessions = experiment.trainingSessions();
        SessionTable table = new SessionTable(sessions);
        SessionTableFile.write(run.sessions(), table);
        RunProvenance.write(run.provenance(), RunProvenance.describe(run.config(), options.seed(),
                experiment.data().fingerprint(), experiment.trainingSchemeName()));
        NedsModel model = NedsModel.create(experiment.modelConfig(), experiment.bindings(experiment.data().modalities()),
                table, options.seed());
        console.printf(Locale.ROOT, "training %s on %d session(s), %d parameters, into %s%n",
                experiment.trainingSchemeName(), sessions.size(), model.parameterCount(), run.root());
        AdamW optimizer = new AdamW(options.beta1(), options.beta2(), options.epsilon(), options.weightDecay());
        return train(experiment, run, model, optimizer, TrainerState.start(), options, console, terminal);
    }

    /** Continues the run in {@code runDir} from its latest checkpoint, with its own resolved configuration. */
    public static TrainerState resume(Path runDir, List<String> sets, PrintStream console, boolean terminal)
            throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        try (Experiment experiment = Experiment.open(run.config(), sets)) {
            TrainingOptions options = experiment.training();
            Checkpoints.Restored restored = Checkpoints.load(run.latestCheckpoint(), experiment.codecs());
            console.printf(Locale.ROOT, "resuming %s after epoch %d (step %d)%n", run.root(), restored.state().epoch(),
                    restored.state().step());
            return train(experiment, run, restored.model(), restored.optimizer(options), restored.state(), options,
                    console, terminal);
        }
    }

    private static TrainerState train(Experiment experiment, RunDirectory run, NedsModel model, AdamW optimizer,
                                      TrainerState state, TrainingOptions options, PrintStream console, boolean terminal)
            throws IOException {
        List<SessionInfo> sessions = model.sessions().sessions();
        Map<String, List<TrialRef>> train = TrialSplits.of(experiment.data(), model.sessions(), sessions, Split.TRAIN);
        Map<String, List<TrialRef>> val = TrialSplits.of(experiment.data(), model.sessions(), sessions, Split.VAL);
        BatchAssembler assembler = new BatchAssembler(experiment.data(), model.specs(), model::width);
        Trainer trainer = new Trainer(model, optimizer, state, assembler, experiment.trainingScheme(), options, run,
                train, val, name -> true, console, terminal);
        TrainerState done = trainer.run();
        console.printf(Locale.ROOT, "done: %d epochs, best validation loss %.4f at epoch %d; checkpoints in %s%n",
                done.epoch(), done.bestValLoss(), done.bestEpoch(), run.checkpoints());
        return done;
    }
}
