package org.nedsj.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.graph.ModalityGraphs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.spi.Batch;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The NEDS model: every modality of a trial as tokens through one shared transformer, each
 * masked token predicted by its modality's head. Knows the sessions it was built with; per-session
 * stitchers are rows of per-session parameters.
 */
public final class NedsModel {

    private final ModelConfig config;
    private final List<ModalityBinding> modalities;
    private final SessionTable sessions;
    private final long seed;
    private final ModelEngine engine;
    private final GraphInputs inputs;
    private final List<String> lossOutputs;
    private final List<String> names;
    private final StepProfile profile = new StepProfile();
    private Predicate<String> trainable = name -> true;

    private NedsModel(ModelConfig config, List<ModalityBinding> modalities, SessionTable sessions, long seed) {
        this.config = config;
        this.modalities = List.copyOf(modalities);
        this.sessions = sessions;
        this.seed = seed;
        this.engine = config.engine().equals(ModelConfig.SAMEDIFF)
                ? new SameDiffEngine(config, this.modalities, sessions, seed)
                : new FusedEngine(config, this.modalities, sessions, seed, profile);
        this.inputs = new GraphInputs(this.modalities, engine.widths(), sessions, config.dataType());
        this.names = this.modalities.stream().map(ModalityBinding::name).toList();
        List<String> outs = new ArrayList<>();
        outs.add(ModalityGraphs.LOSS);
        names.forEach(m -> outs.add(ModalityGraphs.loss(m)));
        this.lossOutputs = List.copyOf(outs);
    }

    /** A freshly initialised model; parameter values depend only on {@code seed} and names. */
    public static NedsModel create(ModelConfig config, List<ModalityBinding> modalities, SessionTable sessions, long seed) {
        if (modalities.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one modality");
        }
        return new NedsModel(config, modalities, sessions, seed);
    }

    public ModelConfig config() {
        return config;
    }

    public List<ModalityBinding> modalities() {
        return modalities;
    }

    public List<ModalitySpec> specs() {
        return modalities.stream().map(ModalityBinding::spec).toList();
    }

    public SessionTable sessions() {
        return sessions;
    }

    public long seed() {
        return seed;
    }

    /** The width of each modality's values in a batch for this model (the widest session). */
    public int width(String modality) {
        Integer w = engine.widths().get(modality);
        if (w == null) {
            throw new IllegalArgumentException("the model has no modality " + modality);
        }
        return w;
    }

    public List<Parameter> parameters() {
        return engine.store().parameters();
    }

    /** Every parameter and gradient of this model, in two flat buffers. */
    public ParameterStore store() {
        return engine.store();
    }

    /** The live array of a parameter, a view into the store (updating it in place updates the model). */
    public INDArray parameter(String name) {
        INDArray a = engine.store().value(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return a;
    }

    public long parameterCount() {
        return engine.store().size();
    }

    /**
     * Forward and backward pass in training mode: losses and the gradient of the total loss, written
     * to the store's gradient buffer. The result depends only on the parameter values, the batch, the
     * plan and {@code noiseSeed} (which seeds dropout): no global random state is read or changed and
     * no work array is shared with another model, so two models may step at once in two threads.
     */
    public StepResult step(Batch batch, MaskPlan plan, long noiseSeed) {
        return step(batch, plan, noiseSeed, BatchShard.WHOLE);
    }

    /**
     * A step on one shard of a larger batch: as {@link #step(Batch, MaskPlan, long)}, with dropout noise
     * drawn for the trials' positions in the whole batch and the gradient of the shard's share of the
     * whole batch's loss, so that the gradients of all shards sum to the whole batch's. The losses
     * returned are the shard's own means.
     */
    public StepResult step(Batch shard, MaskPlan plan, long noiseSeed, BatchShard part) {
        profile.start();
        Map<String, INDArray> placeholders = inputs.fill(shard, plan, true);
        profile.mark("inputs");
        return engine.step(placeholders, names, noiseSeed, part);
    }

    /**
     * By modality, the number of target values of {@code batch} under {@code plan}: what a modality's
     * loss is a mean over. A target token of a per-session modality counts its session's real width
     * (neurons, not padding), one of a fixed-width modality its width, one of a static (one-class-per-
     * trial) modality 1. The built-in decoders normalise by exactly this; {@link BatchShard}'s shares
     * are ratios of it.
     */
    public Map<String, Double> targetValues(Batch batch, MaskPlan plan) {
        Map<String, Double> counts = new LinkedHashMap<>();
        for (ModalityBinding m : modalities) {
            ModalitySpec spec = m.spec();
            int[] widths = spec.isStatic() ? null : sessions.widths(spec);
            double n = 0;
            for (int trial = 0; trial < batch.size(); trial++) {
                int perToken = widths == null ? 1 : widths[batch.session(trial)];
                for (int k = 0; k < spec.tokensPerTrial(); k++) {
                    if (plan.isTarget(m.name(), trial, k)) {
                        n += perToken;
                    }
                }
            }
            counts.put(m.name(), n);
        }
        return counts;
    }

    /**
     * Trials [start, end) of {@code batch} as a shard whose step adds up with its siblings' to the whole
     * batch's step: each modality's share is the shard's target values over {@code totals}, the whole
     * batch's {@link #targetValues} (0 where the whole batch has none).
     */
    public ShardSlice shard(Batch batch, MaskPlan plan, int start, int end, Map<String, Double> totals) {
        Batch shard = BatchSlices.trials(batch, start, end);
        MaskPlan shardPlan = BatchSlices.trials(plan, batch.modalities(), start, end);
        Map<String, Double> shares = new LinkedHashMap<>();
        targetValues(shard, shardPlan).forEach((m, count) -> shares.put(m, totals.get(m) > 0 ? count / totals.get(m) : 0.0));
        return new ShardSlice(shard, shardPlan, new BatchShard(start, shares));
    }

    /**
     * The modalities whose encoder or decoder runs through its SameDiff graph (a plugin without an
     * array-level codec); each costs its own share of a step, the others stay on arrays.
     */
    public List<String> graphModalities() {
        return engine instanceof FusedEngine fused ? fused.graphModalities() : names;
    }

    /**
     * Which parameters the training steps train (all, unless told): the engine may then leave the gradients of the
     * others as they were instead of computing them (a frozen backbone's). Replicas made after inherit it.
     */
    public void trainOnly(Predicate<String> trainable) {
        this.trainable = trainable;
        engine.trainOnly(trainable);
    }

    /** Another model with the same structure and parameter values, and buffers of its own, training the same parameters (a replica). */
    public NedsModel replica() {
        NedsModel copy = new NedsModel(config, modalities, sessions, seed);
        copy.store().values().assign(store().values());
        copy.trainOnly(trainable);
        return copy;
    }

    /** Where the steps' time went, by phase (the fused engine reports its phases). */
    public StepProfile profile() {
        return profile;
    }

    /** Losses in evaluation mode (no dropout, no gradients). */
    public StepResult evaluate(Batch batch, MaskPlan plan) {
        Map<String, INDArray> outputs = engine.outputs(inputs.fill(batch, plan, false), lossOutputs);
        return Engines.result(outputs, names, Map.of());
    }

    /**
     * Predictions in evaluation mode, by modality: log rates [B, T, W] for counts, values
     * [B, T, W] for continuous modalities, logits [B, C] for categorical ones (W the model's width).
     */
    public Map<String, INDArray> predict(Batch batch, MaskPlan plan) {
        List<String> wanted = names.stream().map(ModalityGraphs::prediction).toList();
        Map<String, INDArray> outputs = engine.outputs(inputs.fill(batch, plan, false), wanted);
        Map<String, INDArray> byModality = new LinkedHashMap<>();
        for (String m : names) {
            byModality.put(m, outputs.get(ModalityGraphs.prediction(m)));
        }
        return byModality;
    }

    /**
     * The attention probabilities of every layer, [B, heads, L, L] (query token, key token), in
     * evaluation mode; tokens are in modality order, each modality's tokens in bin order.
     *
     * @throws UnsupportedOperationException on an engine that does not keep them
     */
    public List<INDArray> attention(Batch batch, MaskPlan plan) {
        engine.outputs(inputs.fill(batch, plan, false), List.of(ModalityGraphs.LOSS));
        return engine.attention();
    }

    /**
     * Whether {@code modality}'s decoder fits a readout per session after training (on the fused engine,
     * where a decoder's plugin asks for it; see {@link org.nedsj.spi.ArrayDecoder#fitSessionReadout}).
     */
    public boolean fitsSessionReadout(String modality) {
        return engine.fitsSessionReadout(modality);
    }

    /**
     * Fits the per-session readouts of {@code modalities} to what this model gives their decoders, in
     * evaluation mode, on the tokens the plans score: {@code training}'s to fit, {@code validation}'s to check.
     */
    public Map<String, ReadoutFit> fitSessionReadouts(List<String> modalities, List<Batch> training,
                                                      List<MaskPlan> trainingPlans, List<Batch> validation,
                                                      List<MaskPlan> validationPlans) {
        Map<String, HeadInputs> train = headInputs(modalities, training, trainingPlans);
        Map<String, HeadInputs> val = headInputs(modalities, validation, validationPlans);
        Map<String, ReadoutFit> fits = new LinkedHashMap<>();
        modalities.forEach(m -> fits.put(m, engine.fitSessionReadout(m, train.get(m), val.get(m))));
        return fits;
    }

    /** By modality, the decoder's input, the truth and the session of every token that the plans score. */
    Map<String, HeadInputs> headInputs(List<String> modalities, List<Batch> batches, List<MaskPlan> plans) {
        Map<String, TokenRows> rows = new LinkedHashMap<>();
        modalities.forEach(m -> rows.put(m, new TokenRows()));
        for (int i = 0; i < batches.size(); i++) {
            Map<String, INDArray> placeholders = inputs.fill(batches.get(i), plans.get(i), false);
            Map<String, INDArray> hidden = engine.headInputs(placeholders, modalities);
            for (String m : modalities) {
                rows.get(m).add(hidden.get(m), placeholders.get(ModalityGraphs.values(m)),
                        placeholders.get(ModalityGraphs.target(m)), batches.get(i));
            }
        }
        Map<String, HeadInputs> out = new LinkedHashMap<>();
        rows.forEach((m, r) -> out.put(m, r.inputs(config.hidden(), engine.widths().get(m))));
        return out;
    }

    /** The scored tokens' rows of one modality, gathered batch by batch. */
    private static final class TokenRows {
        private final List<float[]> in = new ArrayList<>();
        private final List<float[]> truth = new ArrayList<>();
        private final List<Integer> session = new ArrayList<>();

        /** Reads the arrays once in bulk: a spike modality scores every bin of every trial, thousands of rows a batch. */
        void add(INDArray hidden, INDArray values, INDArray target, Batch batch) {
            int trials = (int) hidden.size(0);
            int tokens = (int) hidden.size(1);
            int h = (int) hidden.size(2);
            int w = (int) values.size(2);
            float[] x = hidden.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] v = values.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] scored = target.castTo(DataType.FLOAT).dup('c').data().asFloat();
            for (int b = 0; b < trials; b++) {
                for (int t = 0; t < tokens; t++) {
                    int token = b * tokens + t;
                    if (scored[token] > 0) {
                        in.add(Arrays.copyOfRange(x, token * h, (token + 1) * h));
                        truth.add(Arrays.copyOfRange(v, token * w, (token + 1) * w));
                        session.add(batch.session(b));
                    }
                }
            }
        }

        /** @param hidden the inputs' width where there are none (a readout of the input tokens reads 2H) */
        HeadInputs inputs(int hidden, int width) {
            return new HeadInputs(rows(in, in.isEmpty() ? hidden : in.get(0).length), rows(truth, width), session.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static INDArray rows(List<float[]> rows, int width) {
        float[][] table = rows.toArray(new float[0][]);
        return table.length == 0 ? Nd4j.create(DataType.FLOAT, 0, width) : Nd4j.create(table);
    }

    /**
     * Sets the leading values of session {@code row}'s slice of per-session parameters of
     * {@code modality}'s plugins: {@code values} maps a plugin's parameter name (without the modality
     * prefix) to the values, as {@link org.nedsj.spi.ModalityDecoder#sessionStart} gives them.
     */
    public void startSession(int row, String modality, Map<String, float[]> values) {
        for (var e : values.entrySet()) {
            String name = modality + "/" + e.getKey();
            Parameter p = parameters().stream().filter(q -> q.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the model has no parameter " + name));
            if (!p.perSession()) {
                throw new IllegalArgumentException(name + " is not a per-session parameter");
            }
            INDArray slice = parameter(name).slice(row);
            float[] v = e.getValue();
            if (v.length > slice.length()) {
                throw new IllegalArgumentException(name + ": " + v.length + " starting values for a row of " + slice.length());
            }
            for (int i = 0; i < v.length; i++) {
                slice.putScalar(i, v[i]);
            }
        }
    }

    /**
     * This model with {@code added} sessions appended to its table: new stitcher rows start from
     * their own initialisation, everything else keeps its trained values.
     */
    public NedsModel withSessions(List<SessionInfo> added) {
        SessionTable table = sessions.plus(added);
        NedsModel grown = new NedsModel(config, modalities, table, seed);
        grown.copyFrom(this);
        return grown;
    }

    /** Copies every parameter of {@code other} into this model; per-session rows by session id. */
    void copyFrom(NedsModel other) {
        int[] rowOf = new int[other.sessions.size()];
        for (int s = 0; s < rowOf.length; s++) {
            rowOf[s] = sessions.indexOf(other.sessions.get(s).id());
        }
        store().copyFrom(other.store(), rowOf);
    }

    GraphInputs inputs() {
        return inputs;
    }

    ModelEngine engine() {
        return engine;
    }
}
