package org.nedsj.trainer.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.CodecCatalog;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.NedsModel;
import org.nedsj.model.ParameterStore;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.BatchOrder;
import org.nedsj.trainer.batch.TrialRef;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.optim.GlobalNormClipping;
import org.nedsj.trainer.optim.LearningRateSchedule;
import org.nedsj.trainer.parallel.GradientStep;
import org.nedsj.trainer.parallel.GradientSteps;
import org.nedsj.trainer.run.EpochSummary;
import org.nedsj.trainer.run.LossTally;
import org.nedsj.trainer.run.MetricsLog;
import org.nedsj.trainer.run.ProgressLine;
import org.nedsj.trainer.run.RunDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The training loop: session-aware batches, a masking plan per batch, forward and backward,
 * global-norm clipping, AdamW on the warm-up–cosine schedule, a validation pass per epoch,
 * {@code metrics.csv}, latest and best checkpoints, early stopping, and a stop with the step,
 * batch and modality named when the loss or a gradient is not finite.
 */
public final class Trainer {

    private static final long VALIDATION_SALT = 0x5EEDL;

    private final NedsModel model;
    private final AdamW optimizer;
    private final BatchAssembler assembler;
    private final MaskingScheme scheme;
    private final TaskValidation tasks;
    private final TrainingOptions options;
    private final RunDirectory run;
    private final Map<String, List<TrialRef>> train;
    private final Map<String, List<TrialRef>> val;
    private final Predicate<String> trainable;
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Integer> widths = new LinkedHashMap<>();
    private final Map<String, Double> lossWeights = new LinkedHashMap<>();
    private final List<ParameterStore.Run> trained;
    private WeightAverage average;
    private INDArray resumedStepped;
    private final MetricsLog metrics;
    private TrainerState state;
    private GradientSteps steps = GradientSteps.IN_PROCESS;
    private GradientStep parallel;
    private int stopAfterEpoch = Integer.MAX_VALUE;

    /**
     * A trainer that validates every modality under the training scheme.
     *
     * @param trainable which parameters the optimiser updates (all, for pre-training)
     */
    public Trainer(NedsModel model, AdamW optimizer, TrainerState state, BatchAssembler assembler, MaskingScheme scheme,
                   TrainingOptions options, RunDirectory run, Map<String, List<TrialRef>> train,
                   Map<String, List<TrialRef>> val, Predicate<String> trainable, PrintStream out, boolean terminal) {
        this(model, optimizer, state, assembler, scheme, TaskValidation.under(model.modalities(), scheme), options, run,
                train, val, trainable, out, terminal);
    }

    /**
     * @param tasks     the scheme each modality's validation loss is measured under
     * @param trainable which parameters the optimiser updates (all, for pre-training)
     */
    public Trainer(NedsModel model, AdamW optimizer, TrainerState state, BatchAssembler assembler, MaskingScheme scheme,
                   TaskValidation tasks, TrainingOptions options, RunDirectory run, Map<String, List<TrialRef>> train,
                   Map<String, List<TrialRef>> val, Predicate<String> trainable, PrintStream out, boolean terminal) {
        this.model = model;
        this.optimizer = optimizer;
        this.state = state;
        this.assembler = assembler;
        this.scheme = scheme;
        this.tasks = tasks;
        this.options = options;
        this.run = run;
        this.train = train;
        this.val = val;
        this.trainable = trainable;
        this.out = out;
        this.terminal = terminal;
        for (ModalityBinding m : model.modalities()) {
            lossWeights.put(m.name(), m.lossWeight());
        }
        model.sessions().sessions().forEach(s -> widths.put(s.id(), s.neurons()));
        this.trained = model.store().runs(p -> trainable.test(p.name()));
        this.metrics = new MetricsLog(run.metrics(), List.copyOf(lossWeights.keySet()));
    }

    public TrainerState state() {
        return state;
    }

    public int batchesPerEpoch() {
        int n = BatchOrder.epoch(train, widths, mode(), options.stepTrials(), options.seed(), 0).size();
        return options.maxStepsPerEpoch() > 0 ? Math.min(n, options.maxStepsPerEpoch()) : n;
    }

    private BatchOrder.Mode mode() {
        return BatchOrder.mode(options.batching());
    }

    /**
     * Stops {@link #run()} after this epoch, though the epoch budget (and so the learning-rate schedule, the
     * warm-up and the first selectable epoch) stays {@code train.epochs}: a run stopped here and resumed later
     * continues the very schedule an unbroken run follows (a sweep trains its trials rung by rung this way).
     */
    public Trainer stopAfterEpoch(int epoch) {
        this.stopAfterEpoch = epoch;
        return this;
    }

    /** Computes each optimiser step's gradient with {@code steps} (a cluster engine's tasks) instead of this process's replicas. */
    public Trainer computedBy(GradientSteps steps) {
        this.steps = steps;
        return this;
    }

    /**
     * Continues a run whose checkpoint kept its stepped weights beside the averaged ones it holds as its model
     * ({@code train.average-epochs}): the optimiser steps these, the average goes on from the model's.
     */
    public Trainer continuingSteppedWeights(INDArray stepped) {
        this.resumedStepped = stepped;
        return this;
    }

    /**
     * The weight average, when {@code train.average-epochs} asks for one, starting from the model's weights; a
     * second {@link #run()} of this trainer goes on with the average it has, the stepped weights back in the store.
     */
    private void startAverage(int perEpoch) {
        INDArray values = model.store().values();
        if (average != null) {
            average.hide(values);
            return;
        }
        average = options.averageEpochs() > 0
                ? new WeightAverage(values, WeightAverage.decayOver(options.averageEpochs() * perEpoch), state.step())
                : null;
        if (resumedStepped != null) {
            values.assign(resumedStepped);
        }
    }

    /** Trains until the epoch budget is spent or validation stops improving; returns the final state. */
    public TrainerState run() throws IOException {
        int perEpoch = batchesPerEpoch();
        LearningRateSchedule schedule = new LearningRateSchedule(options.lr(), (long) perEpoch * options.epochs(),
                options.warmup(), options.warmupStartFactor(), options.endFactor());
        metrics.truncateAfter(state.epoch());
        startAverage(perEpoch);
        model.trainOnly(trainable);     // before the replicas are made: they take it from the model
        try (GradientStep step = steps.open(model, options.replicas(), options.batchSize())) {
            parallel = step;
            while (state.epoch() < Math.min(options.epochs(), stopAfterEpoch) && state.stale() < options.patience()) {
                EpochSummary summary = epoch(state.epoch() + 1, perEpoch, schedule);
                finishEpoch(summary);
            }
        } finally {
            parallel = null;
        }
        if (average != null) {
            average.show(model.store().values());
        }
        if (state.stale() >= options.patience()) {
            out.printf(Locale.ROOT, "early stop: validation loss has not improved for %d epochs (best %.4f at epoch %d)%n",
                    state.stale(), state.bestValLoss(), state.bestEpoch());
        }
        if (options.keepsLast() && finished() && state.epoch() > 0) {
            Checkpoints.copyToBest(run);
        }
        return state;
    }

    /** Whether the run has spent its epoch budget or stopped early (not paused by {@link #stopAfterEpoch}). */
    private boolean finished() {
        return state.epoch() >= options.epochs() || state.stale() >= options.patience();
    }

    /**
     * Once the run has finished (its epoch budget spent, or stopped early), fits the per-session readouts of
     * the decoders that fit one in the run's best checkpoints ({@link SessionReadouts}); a run stopped before
     * then ({@link #stopAfterEpoch}) is left as it is, to be fitted when it finishes.
     */
    public void fitSessionReadouts(CodecCatalog codecs) throws IOException {
        if (!finished()) {
            return;
        }
        new SessionReadouts(train, val, assembler, tasks, options.seed() ^ VALIDATION_SALT)
                .fitIn(run, model, codecs, out);
    }

    private EpochSummary epoch(int epoch, int perEpoch, LearningRateSchedule schedule) {
        List<List<TrialRef>> batches = BatchOrder.epoch(train, widths, mode(), options.stepTrials(), options.seed(), epoch)
                .subList(0, perEpoch);
        LossTally tally = new LossTally(lossWeights);
        ProgressLine progress = new ProgressLine(out, terminal, String.format(Locale.ROOT, "epoch %d/%d", epoch,
                options.epochs()), batches.size());
        long start = System.nanoTime();
        int trials = 0;
        long step = state.step();
        long batchIndex = state.batches();
        double lr = schedule.at(step);
        for (int b = 0; b < batches.size(); b++) {
            lr = schedule.at(step);
            Batch batch = assembler.assemble(batchIndex, batches.get(b));
            trainStep(batch, epoch, b, lr, tally);
            step++;
            batchIndex++;
            trials += batch.size();
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.update(b + 1, tally.total(), trials / seconds);
        }
        progress.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        state = state.withProgress(epoch, step, batchIndex, state.seconds() + seconds);
        long validationStart = System.nanoTime();
        if (average != null) {
            average.show(model.store().values());
        }
        LossTally val = validate();
        return new EpochSummary(epoch, step, lr, seconds, trials / seconds, tally, val,
                (System.nanoTime() - validationStart) / 1e9);
    }

    private void trainStep(Batch batch, int epoch, int b, double lr, LossTally tally) {
        requireFiniteInput(batch, epoch, b);
        MaskPlan plan = scheme.plan(batch, options.seed());
        Map<String, Double> losses = parallel.step(batch, plan, noiseSeed(batch.index()));
        for (var e : losses.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new NonFiniteTrainingException(String.format(Locale.ROOT,
                        "the %s loss became %s at step %d (epoch %d, batch %d: %s); the run stopped; %s. Check that "
                                + "modality's input values, or lower train.lr.",
                        e.getKey(), e.getValue(), state.step() + b + 1, epoch, b + 1, describe(batch), kept()));
            }
            tally.add(e.getKey(), e.getValue(), plan.targetCount(e.getKey()));
        }
        ParameterStore store = model.store();
        double norm = GlobalNormClipping.clip(store.gradients(), trained, options.clipNorm());
        if (!Double.isFinite(norm)) {
            String bad = store.firstNonFinite(store.gradients()).map(ParameterStore.Slot::name).orElse("?");
            throw new NonFiniteTrainingException(String.format(Locale.ROOT,
                    "the gradient of %s (modality %s) became non-finite at step %d (epoch %d, batch %d: %s); the run "
                            + "stopped; %s. Lower train.lr or train.clip-norm.",
                    bad, bad.contains("/") ? bad.substring(0, bad.indexOf('/')) : "shared", state.step() + b + 1, epoch,
                    b + 1, describe(batch), kept()));
        }
        optimizer.step(store, trained, lr);
        if (average != null) {
            average.update(store.values());
        }
        parallel.publishWeights();
    }

    /** A NaN or infinity in the data would poison every loss; name where it is instead. */
    private void requireFiniteInput(Batch batch, int epoch, int b) {
        for (var m : batch.modalities()) {
            java.nio.FloatBuffer values = batch.values(m.name());
            int perTrial = values.limit() / batch.size();
            for (int i = 0; i < values.limit(); i++) {
                float v = values.get(i);
                if (!Float.isFinite(v)) {
                    int trial = i / perTrial;
                    throw new NonFiniteTrainingException(String.format(Locale.ROOT,
                            "the %s values of trial %d of session %s hold %s (step %d, epoch %d, batch %d); the run stopped; "
                                    + "%s. Fix or drop that trial in the data.",
                            m.name(), batch.trial(trial), batch.sessionId(trial), v, state.step() + b + 1, epoch, b + 1,
                            kept()));
                }
            }
        }
    }

    /** What a stopped run keeps: its last checkpoint, or nothing yet when it stopped in its first epoch. */
    private String kept() {
        return Files.isRegularFile(run.latestCheckpoint())
                ? "its last good checkpoint is " + run.latestCheckpoint() + " (epoch " + state.epoch() + ")"
                : "no checkpoint was written yet (it stopped in its first epoch)";
    }

    private static String describe(Batch batch) {
        Set<String> sessions = new java.util.TreeSet<>();
        for (int i = 0; i < batch.size(); i++) {
            sessions.add(batch.sessionId(i));
        }
        return batch.size() + " trials of " + sessions;
    }

    private long noiseSeed(long batchIndex) {
        return options.seed() * 0x9E3779B97F4A7C15L + batchIndex;
    }

    /**
     * The validation loss, with fixed masks so epochs compare: each modality's loss under the scheme
     * {@link TaskValidation} gives it (one pass over the validation trials per scheme), the total their
     * weighted sum.
     */
    public LossTally validate() {
        LossTally tally = new LossTally(lossWeights);
        for (var e : tasks.modalitiesByScheme(List.copyOf(lossWeights.keySet())).entrySet()) {
            LossTally pass = loss(val, e.getKey(), Set.copyOf(e.getValue()));
            for (String m : e.getValue()) {
                tally.add(m, pass.modality(m), Double.isNaN(pass.modality(m)) ? 0 : 1);
            }
        }
        return tally;
    }

    /** The loss on the training trials in evaluation mode (no dropout), with the validation's fixed masks. */
    public LossTally trainLoss() {
        return loss(train, scheme, lossWeights.keySet());
    }

    /** During a run the replicas share the batches, as many at a time as there are replicas. */
    private LossTally loss(Map<String, List<TrialRef>> trials, MaskingScheme masks, Set<String> kept) {
        LossTally tally = new LossTally(lossWeights);
        List<Batch> batches = new ArrayList<>();
        List<MaskPlan> plans = new ArrayList<>();
        long index = 0;
        for (List<TrialRef> session : trials.values()) {
            for (int i = 0; i < session.size(); i += options.batchSize()) {
                Batch batch = assembler.assemble(index++, session.subList(i, Math.min(session.size(), i + options.batchSize())));
                batches.add(batch);
                plans.add(masks.plan(batch, options.seed() ^ VALIDATION_SALT));
                if (batches.size() == options.replicas()) {
                    tallyLosses(batches, plans, kept, tally);
                }
            }
        }
        tallyLosses(batches, plans, kept, tally);
        return tally;
    }

    /** Adds the batches' losses to the tally in the batches' order, then empties both lists. */
    private void tallyLosses(List<Batch> batches, List<MaskPlan> plans, Set<String> kept, LossTally tally) {
        List<Map<String, Double>> losses = parallel != null ? parallel.evaluate(batches, plans)
                : GradientStep.evaluateInTurn(model, batches, plans);
        for (int i = 0; i < losses.size(); i++) {
            MaskPlan plan = plans.get(i);
            losses.get(i).forEach((m, loss) -> {
                if (kept.contains(m)) {
                    tally.add(m, loss, plan.targetCount(m));
                }
            });
        }
        batches.clear();
        plans.clear();
    }

    private void finishEpoch(EpochSummary e) throws IOException {
        Map<String, Double> byTask = new LinkedHashMap<>();
        e.val().modalities().forEach(m -> byTask.put(m, e.val().modality(m)));
        state = state.afterValidation(e.val().total(), byTask, options.valSmoothing(), options.minDelta(),
                e.epoch() >= firstSelectableEpoch());
        boolean improved = state.bestEpoch() == state.epoch();
        metrics.append(e);
        Checkpoints.save(run.latestCheckpoint(), model, optimizer, state,
                average == null ? Map.of() : Map.of(Checkpoints.STEPPED, average.steppedWeights()));
        if (!options.keepsLast()) {     // a run that keeps its last epoch copies it once, when it has finished
            if (improved) {
                Checkpoints.copyToBest(run);
            }
            for (String task : state.tasksImprovedNow()) {
                Checkpoints.copyLatestTo(run, run.bestCheckpoint(task));
            }
        }
        if (average != null) {
            average.hide(model.store().values());
            parallel.publishWeights();      // the replicas validated the average
        }
        String line = epochLine(e, improved);
        out.println(line);
        Files.writeString(run.log(), java.time.LocalDateTime.now().withNano(0) + " " + line + "\n",
                java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** The line a finished run ends with: its epochs, its best validation loss and the weights it keeps. */
    public static String doneLine(TrainerState done, TrainingOptions options, Path checkpoints) {
        String kept = options.keepsLast()
                ? String.format(Locale.ROOT, "; best.zip holds the last epoch's weights (epoch %d, train.select = last)",
                        done.epoch())
                : "";
        return String.format(Locale.ROOT, "done: %d epochs, best validation loss %.4f at epoch %d%s; checkpoints in %s",
                done.epoch(), done.bestValLoss(), done.bestEpoch(), kept, checkpoints);
    }

    /** The first epoch after the learning-rate warm-up (the last epoch at the latest) may be a best one. */
    private int firstSelectableEpoch() {
        return Math.min(options.epochs(), (int) Math.floor(options.warmup() * options.epochs()) + 1);
    }

    private String epochLine(EpochSummary e, boolean improved) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  train %.4f (", e.epoch(),
                options.epochs(), e.train().total()));
        appendModalities(s, e.train());
        s.append(String.format(Locale.ROOT, ")  val %.4f (", e.val().total()));
        appendModalities(s, e.val());
        s.append(String.format(Locale.ROOT, ")  lr %.2e  %.1f trials/s  %.1fs%s", e.lr(), e.trialsPerSecond(),
                e.seconds(), improved ? "  *best" : ""));
        return s.toString();
    }

    private static void appendModalities(StringBuilder s, LossTally t) {
        String sep = "";
        for (String m : t.modalities()) {
            s.append(sep).append(m).append(String.format(Locale.ROOT, " %.4f", t.modality(m)));
            sep = ", ";
        }
    }
}
