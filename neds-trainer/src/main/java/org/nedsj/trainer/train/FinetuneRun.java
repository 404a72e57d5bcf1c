package org.nedsj.trainer.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nedsj.model.NedsModel;
import org.nedsj.model.Parameter;
import org.nedsj.model.ParameterStore;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.TrialSplits;
import org.nedsj.trainer.config.CheckpointedModelSettings;
import org.nedsj.trainer.config.ConfigOverrides;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.run.RunProvenance;
import org.nedsj.trainer.run.SessionTableFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code neds finetune}: adapts a trained model to sessions it has never seen, the NEDS recipe for
 * new animals. The new sessions get their own stitchers, stitch decoders and session embeddings;
 * with {@code finetune.freeze-backbone} only those rows train, otherwise every weight does. The
 * result is a new run whose model knows the old and the new sessions.
 */
public final class FinetuneRun {

    private FinetuneRun() {
    }

    public static TrainerState start(Path sourceRun, Path data, List<String> sessionIds, List<String> sets, Path out,
                                     PrintStream console, boolean terminal) throws IOException {
        RunDirectory source = RunDirectory.open(sourceRun);
        CheckpointedModelSettings.refuseChanges(source.config(), sets, "neds finetune");
        List<String> overrides = new ArrayList<>(sets);
        overrides.add(ConfigOverrides.setString("data.path", data.toAbsolutePath().toString()));
        overrides.add("train.held-out-sessions=[]");
        try (Experiment experiment = Experiment.open(source.config(), overrides)) {
            Path checkpoint = Files.exists(source.bestCheckpoint()) ? source.bestCheckpoint() : source.latestCheckpoint();
            NedsModel trained = Checkpoints.load(checkpoint, experiment.codecs()).model();
            List<SessionInfo> added = newSessions(experiment, trained, sessionIds);
            NedsModel model = trained.withSessions(added);
            SessionStarts.apply(model, experiment.data(), added);
            experiment.resolveAuto();
            Config finetune = experiment.config().getConfig("finetune");
            TrainingOptions options = options(experiment.config(), finetune);
            try (RunDirectory run = RunDirectory.create(out)) {
                experiment.context().writeResolvedConfig(run.root());
                Map<String, long[]> units = SessionTableFile.readUnits(source.sessions());
                units.putAll(SessionTableFile.unitsOf(experiment.data(), added));
                SessionTableFile.write(run.sessions(), model.sessions(), units);
                Map<String, String> provenance = RunProvenance.describe(run.config(), options.seed(),
                        experiment.data().fingerprint(), experiment.trainingSchemeName());
                provenance.put("finetuned_from", checkpoint.toString());
                RunProvenance.write(run.provenance(), provenance);

                AdamW optimizer = new AdamW(options.beta1(), options.beta2(), options.epsilon(), options.weightDecay());
                Predicate<String> trainable = name -> true;
                double backboneScale = backboneLrScale(finetune);
                if (finetune.getBoolean("freeze-backbone")) {
                    trainable = restrictToNewRows(model, trained.sessions().size(), backboneScale, optimizer);
                }
                console.printf(Locale.ROOT, "fine-tuning %s on %d new session(s) %s (%s) into %s%n", checkpoint,
                        added.size(), added.stream().map(SessionInfo::id).toList(),
                        backbone(finetune.getBoolean("freeze-backbone"), backboneScale), run.root());
                BatchAssembler assembler = new BatchAssembler(experiment.data(), model.specs(), model::width);
                MaskingScheme scheme = experiment.scheme(experiment.trainingSchemeName(), finetune.getDouble("masking-ratio"));
                Trainer trainer = new Trainer(model, optimizer, TrainerState.start(), assembler, scheme,
                        TaskValidation.forTraining(experiment.trainingSchemeName(), scheme, model.modalities(),
                                experiment::scheme), options, run,
                        TrialSplits.of(experiment.data(), model.sessions(), added, Split.TRAIN),
                        TrialSplits.of(experiment.data(), model.sessions(), added, Split.VAL), trainable, console, terminal);
                TrainerState done = trainer.run();
                trainer.fitSessionReadouts(experiment.codecs());
                console.println(Trainer.doneLine(done, options, run.checkpoints()));
                return done;
            }
        }
    }

    static double backboneLrScale(Config finetune) {
        double scale = finetune.getDouble("backbone-lr-scale");
        if (!(scale >= 0 && scale <= 1)) {
            throw new IllegalArgumentException("finetune.backbone-lr-scale = " + scale
                    + ": give a number from 0 (shared weights frozen) to 1 (shared weights at the full learning rate)");
        }
        return scale;
    }

    private static String backbone(boolean freeze, double scale) {
        if (!freeze) {
            return "every weight trained";
        }
        return scale == 0 ? "backbone frozen" : String.format(Locale.ROOT, "backbone at %.3g x lr", scale);
    }

    /** The train section with the finetune section's budget, learning rate and patience. */
    static TrainingOptions options(Config config, Config finetune) {
        Config train = config.getConfig("train")
                .withValue("epochs", ConfigValueFactory.fromAnyRef(finetune.getInt("epochs")))
                .withValue("lr", ConfigValueFactory.fromAnyRef(finetune.getDouble("lr")))
                .withValue("patience", ConfigValueFactory.fromAnyRef(finetune.getInt("patience")));
        return TrainingOptions.from(train, org.nedsj.trainer.experiment.ScalePresets.replicas(),
                org.nedsj.trainer.experiment.ScalePresets.batchSize(1));
    }

    private static List<SessionInfo> newSessions(Experiment experiment, NedsModel trained, List<String> ids) {
        List<SessionInfo> added = new ArrayList<>();
        Set<String> wanted = new HashSet<>(ids);
        for (SessionInfo s : experiment.data().sessions()) {
            boolean chosen = ids.isEmpty() ? !trained.sessions().contains(s.id()) : wanted.remove(s.id());
            if (chosen) {
                if (trained.sessions().contains(s.id())) {
                    throw new IllegalArgumentException("session " + s.id() + " is already in the model; fine-tune on sessions it has not seen");
                }
                added.add(s);
            }
        }
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("--sessions names sessions the data does not have: " + wanted
                    + "; it has " + experiment.data().sessions().stream().map(SessionInfo::id).toList());
        }
        if (added.isEmpty()) {
            throw new IllegalArgumentException("no new session to fine-tune on: the data's sessions are all in the model");
        }
        return added;
    }

    /**
     * Per-session parameters train only their new sessions' rows (from {@code oldSessions} on); the shared
     * parameters learn at the learning rate times {@code sharedScale}, or not at all when it is 0. The old
     * sessions' rows never change: they get no gradient from the new sessions' trials, and weight decay
     * alone would shrink them.
     *
     * @return which parameters the trainer passes to the optimiser
     */
    static Predicate<String> restrictToNewRows(NedsModel model, int oldSessions, double sharedScale, AdamW optimizer) {
        Set<String> updated = new HashSet<>();
        ParameterStore store = model.store();
        INDArray mask = Nd4j.zeros(store.values().dataType(), store.size());
        for (Parameter p : model.parameters()) {
            INDArray entries = store.view(mask, p.name());
            if (p.perSession()) {
                entries.get(NDArrayIndex.interval(oldSessions, entries.size(0))).assign(1);
            } else if (sharedScale > 0) {
                entries.assign(sharedScale);
            } else {
                continue;
            }
            updated.add(p.name());
        }
        optimizer.restrict(mask);
        return updated::contains;
    }
}
