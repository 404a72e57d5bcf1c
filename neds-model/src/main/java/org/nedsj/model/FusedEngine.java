package org.nedsj.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nedsj.model.fused.CodecPasses;
import org.nedsj.model.fused.DecoderPass;
import org.nedsj.model.fused.EncoderPass;
import org.nedsj.model.fused.FusedTransformer;
import org.nedsj.model.fused.TokenAssembly;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.model.graph.ModalityScope;
import org.nedsj.model.graph.ParameterInit;
import org.nedsj.model.graph.TokenLayout;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.SessionGroups;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The engine. Each modality's encoder and decoder run as their array-level versions, or, for a
 * plugin that supplies only a SameDiff graph, as that modality's graph alone; token assembly (mask
 * tokens, modality, session and time embeddings) and the shared transformer, where nearly all the
 * arithmetic is, run as {@link TokenAssembly} and {@link FusedTransformer} over reused buffers. A
 * step chains them by the chain rule: encoders forward; assembly and backbone forward; heads forward
 * and backward (to each modality's slice of the backbone output); backbone and assembly backward (to
 * each modality's encoder tokens); encoders backward. Every parameter and gradient lives in one
 * {@link ParameterStore}.
 */
final class FusedEngine implements ModelEngine {

    private final List<ModalityBinding> modalities;
    private final List<EncoderPass> encoders = new ArrayList<>();
    private final List<DecoderPass> decoders = new ArrayList<>();
    private final TokenAssembly assembly;
    private final FusedTransformer backbone;
    private final ParameterStore store;
    private final Map<String, Integer> widths = new LinkedHashMap<>();
    private final StepProfile profile;
    private final int hidden;
    private final Map<String, INDArray> headInputs = new HashMap<>();
    /** Out of training, per modality whose fitted readout reads them: the mean of its read tokens' inputs [B, H]. */
    private final Map<String, INDArray> inputTokenMeans = new HashMap<>();
    private INDArray backboneGradient;
    private final TokenLayout layout;
    private final boolean anySharedReadout;

    FusedEngine(ModelConfig config, List<ModalityBinding> modalities, SessionTable sessions, long seed, StepProfile profile) {
        this.modalities = List.copyOf(modalities);
        this.profile = profile;
        this.hidden = config.hidden();
        this.layout = config.layout(modalities);
        this.anySharedReadout = modalities.stream().anyMatch(m -> layout.sharedReadout(m.name()));
        ParameterStore.Builder declared = new ParameterStore.Builder();
        CodecPasses passes = new CodecPasses(sd -> new GraphParts(sd, config, sessions, seed),
                new ParameterInit(seed, config.dataType()), config.dataType(), declared);
        List<CodecSizes> sizes = new ArrayList<>();
        for (ModalityBinding m : modalities) {
            CodecSizes s = ModalityScope.sizes(m.spec(), sessions, hidden);
            sizes.add(s);
            encoders.add(passes.encoder(m, s, widths));
        }
        this.assembly = new TokenAssembly(modalities, layout, hidden, sessions.size(), config.sessionEmbedding(),
                config.timeEmbedding(), config.dataType(), seed, declared);
        this.backbone = new FusedTransformer(config, layout.positions(), layout.timeBins(), seed, declared);
        backbone.profileInto(profile);
        for (int i = 0; i < modalities.size(); i++) {
            decoders.add(passes.decoder(modalities.get(i), sizes.get(i)));
            requireNeuralReadout(modalities.get(i), decoders.get(i));
        }
        this.store = declared.build(config.dataType());
        encoders.forEach(e -> e.attach(store));
        assembly.attach(store);
        backbone.attach(store);
        decoders.forEach(d -> d.attach(store));
    }

    /**
     * A backbone none of whose parameters train (fine-tuning a new session with the backbone frozen) skips its
     * linear layers' weight gradients; the rest is computed as always.
     */
    @Override
    public void trainOnly(Predicate<String> trainable) {
        backbone.linearWeightGradients(backbone.anyParameter(trainable));
    }

    /** A fitted readout of the input tokens reads spike embeddings only: other tokens' inputs may hold the behaviour it decodes. */
    private void requireNeuralReadout(ModalityBinding m, DecoderPass decoder) {
        if (decoder.fitReadsInputTokens() && !layout.readsNeuralTokens(m.name())) {
            throw new IllegalArgumentException("model.modalities." + m.name() + ".fit-reads: a readout of the input tokens "
                    + "needs model.static-readout = neural (the head reading the neural tokens); set it, or fit-reads = head");
        }
    }

    /** The modalities whose encoder or decoder runs as a SameDiff graph (a plugin without an array-level codec). */
    List<String> graphModalities() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < modalities.size(); i++) {
            if (encoders.get(i).graph() || decoders.get(i).graph()) {
                names.add(modalities.get(i).name());
            }
        }
        return names;
    }

    @Override
    public ParameterStore store() {
        return store;
    }

    @Override
    public Map<String, Integer> widths() {
        return widths;
    }

    @Override
    public StepResult step(Map<String, INDArray> placeholders, List<String> modalityNames, long noiseSeed,
                           BatchShard shard) {
        profile.start();
        SessionGroups groups = SessionGroups.fromOneHot(placeholders.get(GraphParts.SESSION));
        store.gradients().assign(0);
        INDArray out = forward(placeholders, groups, true, noiseSeed, shard.firstTrial());
        profile.start();
        Map<String, Double> losses = new LinkedHashMap<>();
        double total = 0;
        INDArray dOut = backboneGradient(out);
        if (anySharedReadout) {
            dOut.assign(0);   // a shared readout's own tokens are read by no decoder: they get only its share, if any
        }
        List<Runnable> sharedShares = new ArrayList<>();
        for (int i = 0; i < modalities.size(); i++) {
            ModalityBinding m = modalities.get(i);
            ArrayDecoder.Decoded r = decoders.get(i).decode(placeholders, headInput(out, m, false), groups, true, noiseSeed);
            losses.put(m.name(), r.loss());
            total += m.lossWeight() * r.loss();
            double scale = m.lossWeight() * shard.share(m.name());
            if (layout.sharedReadout(m.name())) {
                // it reads other modalities' tokens: its share is added once theirs are written
                INDArray perToken = r.hiddenGradient().reshape(dOut.size(0), hidden).mul(scale / layout.readTokens(m.name()));
                sharedShares.add(() -> addToEveryReadToken(dOut, m, perToken));
            } else {
                spreadGradient(dOut, m, r.hiddenGradient(), scale);
            }
            if (scale != 1.0) {
                decoders.get(i).gradients().forEach(g -> g.muli(scale));
            }
            mark(decoders.get(i).graph(), m, "heads forward+backward");
        }
        sharedShares.forEach(Runnable::run);
        INDArray dTokens = backbone.backward(dOut);
        profile.start();
        Map<String, INDArray> dRaw = assembly.backward(dTokens, masks(placeholders), placeholders.get(GraphParts.SESSION));
        profile.mark("token assembly backward");
        for (int i = 0; i < modalities.size(); i++) {
            ModalityBinding m = modalities.get(i);
            encoders.get(i).backward(placeholders, groups, dRaw.get(m.name()), noiseSeed);
            mark(encoders.get(i).graph(), m, "encoders backward");
        }
        return new StepResult(total, losses, store.gradientViews(), store.gradients());
    }

    /** Charges a codec's time to its phase; a graph codec's to a phase of its own, so a profile shows it apart. */
    private void mark(boolean graph, ModalityBinding m, String phase) {
        profile.mark(graph ? "graph codecs (" + m.name() + ")" : phase);
    }

    @Override
    public Map<String, INDArray> outputs(Map<String, INDArray> placeholders, List<String> names) {
        SessionGroups groups = SessionGroups.fromOneHot(placeholders.get(GraphParts.SESSION));
        INDArray out = forward(placeholders, groups, false, 0, 0);
        Map<String, INDArray> results = new HashMap<>();
        double total = 0;
        for (int i = 0; i < modalities.size(); i++) {
            ModalityBinding m = modalities.get(i);
            ArrayDecoder.Decoded r = decoders.get(i).decode(placeholders, headInput(out, m, true), groups, false, 0);
            results.put(ModalityGraphs.prediction(m.name()), r.prediction());
            results.put(ModalityGraphs.loss(m.name()), Nd4j.scalar(out.dataType(), r.loss()));
            total += m.lossWeight() * r.loss();
        }
        results.put(ModalityGraphs.LOSS, Nd4j.scalar(out.dataType(), total));
        Map<String, INDArray> wanted = new LinkedHashMap<>();
        names.forEach(n -> wanted.put(n, results.get(n)));
        return wanted;
    }

    @Override
    public List<INDArray> attention() {
        return backbone.attention();
    }

    @Override
    public boolean fitsSessionReadout(String modality) {
        return decoders.get(index(modality)).fitsSessionReadout();
    }

    @Override
    public Map<String, INDArray> headInputs(Map<String, INDArray> placeholders, List<String> names) {
        SessionGroups groups = SessionGroups.fromOneHot(placeholders.get(GraphParts.SESSION));
        INDArray out = forward(placeholders, groups, false, 0, 0);
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        names.forEach(m -> inputs.put(m, headInput(out, modalities.get(index(m)), true).dup()));
        return inputs;
    }

    @Override
    public ReadoutFit fitSessionReadout(String modality, HeadInputs training, HeadInputs validation) {
        return decoders.get(index(modality)).fitSessionReadout(training, validation);
    }

    private int index(String modality) {
        for (int i = 0; i < modalities.size(); i++) {
            if (modalities.get(i).name().equals(modality)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the model has no modality " + modality);
    }

    /** Encoders, token assembly and backbone: the backbone's output [B, L, H]. */
    private INDArray forward(Map<String, INDArray> placeholders, SessionGroups groups, boolean training, long noiseSeed,
                             int firstTrial) {
        Map<String, INDArray> raw = new HashMap<>();
        for (int i = 0; i < modalities.size(); i++) {
            ModalityBinding m = modalities.get(i);
            raw.put(m.name(), encoders.get(i).forward(placeholders, groups, training, noiseSeed));
            mark(encoders.get(i).graph(), m, "encoders forward");
        }
        INDArray tokens = assembly.forward(raw, masks(placeholders), placeholders.get(GraphParts.SESSION));
        profile.mark("token assembly forward");
        if (!training) {
            keepInputTokenMeans(tokens);
        }
        return backbone.forward(tokens, training, noiseSeed, firstTrial);
    }

    /** The tokens the modality's decoder reads in {@code x} [B, L, H], a view [B, n, H]. */
    private INDArray slice(INDArray x, ModalityBinding m) {
        int offset = layout.readOffset(m.name());
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + layout.readTokens(m.name())), NDArrayIndex.all());
    }

    /** Before the backbone (which may reuse their buffer): the mean of the read tokens of each modality whose fitted readout reads them. */
    private void keepInputTokenMeans(INDArray tokens) {
        for (int i = 0; i < modalities.size(); i++) {
            ModalityBinding m = modalities.get(i);
            if (decoders.get(i).fitReadsInputTokens()) {
                inputTokenMeans.put(m.name(), slice(tokens, m).sum(1).divi(layout.readTokens(m.name())));
            }
        }
    }

    /**
     * The tokens of the backbone output the modality's decoder reads, copied to its own array (the heads
     * read it whole); a pooled static modality's tokens (its copies, or the whole trial) averaged into its
     * one token [B, 1, H]. Out of {@code training}, a decoder whose fitted readout reads the input tokens gets
     * their mean after it, [B, 1, 2H].
     */
    private INDArray headInput(INDArray out, ModalityBinding m, boolean withInputTokens) {
        INDArray means = withInputTokens ? inputTokenMeans.get(m.name()) : null;
        long width = means == null ? hidden : 2L * hidden;
        INDArray own = headInputs.get(m.name());
        if (own == null || own.size(0) != out.size(0) || own.size(2) != width) {
            own = Nd4j.create(out.dataType(), out.size(0), m.spec().tokensPerTrial(), width);
            headInputs.put(m.name(), own);
        }
        if (!layout.pooled(m.name())) {
            return own.assign(slice(out, m));
        }
        INDArray pooled = slice(out, m).sum(1).divi(layout.readTokens(m.name()));
        if (means == null) {
            return own.assign(pooled.reshape(out.size(0), 1, hidden));
        }
        INDArray rows = own.reshape(out.size(0), width);
        rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden)).assign(pooled);
        rows.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden, width)).assign(means);
        return own;
    }

    /**
     * Writes {@code scale} × the gradient of the modality's head input [B, T, H] into its slice of
     * {@code dOut}; a repeated static modality's copies each get 1/n of its one token's gradient.
     */
    private void spreadGradient(INDArray dOut, ModalityBinding m, INDArray gradient, double scale) {
        if (!layout.repeated(m.name())) {
            slice(dOut, m).assign(gradient).muli(scale);
            return;
        }
        int n = layout.tokens(m.name());
        INDArray perCopy = gradient.reshape(dOut.size(0), hidden);
        for (int k = 0; k < n; k++) {
            dOut.get(NDArrayIndex.all(), NDArrayIndex.point(layout.offset(m.name()) + k), NDArrayIndex.all())
                    .assign(perCopy).muli(scale / n);
        }
    }

    /** Adds a shared readout's gradient per token [B, H] to every token of {@code dOut} [B, L, H] that it read. */
    private void addToEveryReadToken(INDArray dOut, ModalityBinding m, INDArray perToken) {
        int offset = layout.readOffset(m.name());
        var read = NDArrayIndex.interval(offset, offset + layout.readTokens(m.name()));
        for (int b = 0; b < dOut.size(0); b++) {
            dOut.get(NDArrayIndex.point(b), read, NDArrayIndex.all()).addiRowVector(perToken.getRow(b));
        }
    }

    /** The buffer for the gradient of the backbone output, shaped like {@code out}. */
    private INDArray backboneGradient(INDArray out) {
        if (backboneGradient == null || backboneGradient.size(0) != out.size(0)) {
            backboneGradient = Nd4j.create(out.dataType(), out.shape());
        }
        return backboneGradient;
    }

    private Map<String, INDArray> masks(Map<String, INDArray> placeholders) {
        Map<String, INDArray> masks = new HashMap<>();
        modalities.forEach(m -> masks.put(m.name(), placeholders.get(ModalityGraphs.hidden(m.name()))));
        return masks;
    }
}
