package org.nedsj.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nedsj.model.direct.DirectDecoding;
import org.nedsj.model.direct.DirectEncoding;
import org.nedsj.model.direct.DirectScope;
import org.nedsj.model.direct.SessionGroups;
import org.nedsj.model.fused.FusedTransformer;
import org.nedsj.model.fused.TokenAssembly;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.model.graph.TokenLayout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default engine ({@code model.engine = fused}). The plugins' parts, encoders and decoders with
 * their losses, stay SameDiff graphs; the core between them, token assembly (mask tokens, modality
 * and session embeddings) and the shared transformer where nearly all the arithmetic is, runs as
 * {@link TokenAssembly} and {@link FusedTransformer} over reused buffers. A step chains them by the
 * chain rule: encoders forward; assembly and backbone forward; heads forward and backward (to each
 * modality's slice of the backbone output); backbone and assembly backward (to each modality's
 * encoder tokens); encoders backward through the surrogate Σ tokens ⊙ ∂loss/∂tokens.
 */
final class FusedEngine implements ModelEngine {

    private static final String SURROGATE = "surrogate";

    private final List<ModalityBinding> modalities;
    private final SameDiff encoders;
    private final SameDiff heads;
    private final TokenAssembly assembly;
    private final FusedTransformer backbone;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<String> encoderParameters;
    private final List<String> headParameters;
    private final Map<String, Integer> widths = new LinkedHashMap<>();
    private final StepProfile profile;
    private final int hidden;
    private final Map<String, INDArray> headInputs = new HashMap<>();
    private INDArray backboneGradient;
    private final boolean direct;
    private final Map<String, INDArray> directGradients = new LinkedHashMap<>();
    private final Map<String, int[]> sessionWidths = new HashMap<>();
    private final TokenLayout layout;
    private final Map<String, Map<String, INDArray>> localGradients = new HashMap<>();

    FusedEngine(ModelConfig config, List<ModalityBinding> modalities, SessionTable sessions, long seed, StepProfile profile) {
        this.modalities = List.copyOf(modalities);
        this.profile = profile;
        this.hidden = config.hidden();
        this.layout = config.layout(modalities);
        this.encoders = SameDiff.create();
        GraphParts in = new GraphParts(encoders, config, sessions, seed);
        SDVariable surrogate = null;
        for (ModalityBinding m : modalities) {
            SDVariable tokens = encoders.identity(tokens(m.name()), ModalityGraphs.encoderTokens(in, m, widths));
            SDVariable gradient = encoders.placeHolder(tokenGradient(m.name()), config.dataType(), -1,
                    m.spec().tokensPerTrial(), hidden);
            SDVariable term = tokens.mul(gradient).sum();
            surrogate = surrogate == null ? term : surrogate.add(term);
        }
        encoders.identity(SURROGATE, surrogate);
        encoders.setLossVariables(SURROGATE);
        this.heads = SameDiff.create();
        GraphParts out = new GraphParts(heads, config, sessions, seed);
        ModalityGraphs.heads(out, modalities, m -> heads.placeHolder(output(m.name()), config.dataType(), -1,
                m.spec().tokensPerTrial(), hidden));
        this.assembly = new TokenAssembly(modalities, layout, hidden, sessions.size(), config.sessionEmbedding(),
                config.timeEmbedding(), config.dataType(), seed);
        this.backbone = new FusedTransformer(config, layout.positions(), layout.timeBins(), seed);
        backbone.profileInto(profile);
        this.encoderParameters = in.parameters().stream().map(Parameter::name).toList();
        this.headParameters = out.parameters().stream().map(Parameter::name).toList();
        parameters.addAll(in.parameters());
        parameters.addAll(assembly.parameters());
        parameters.addAll(backbone.parameters());
        parameters.addAll(out.parameters());
        this.direct = modalities.stream().allMatch(m -> m.encoder() instanceof DirectEncoding
                && m.decoder() instanceof DirectDecoding);
        for (ModalityBinding m : modalities) {
            sessionWidths.put(m.name(), new org.nedsj.model.graph.ModalityScope(in, m.spec()).sessionWidths());
        }
        if (direct) {
            for (String name : encoderParameters) {
                addDirectGradient(name, encoders.getArrForVarName(name), config);
            }
            for (String name : headParameters) {
                addDirectGradient(name, heads.getArrForVarName(name), config);
            }
        }
    }

    /** A gradient array for a plugin parameter, also filed under its modality by its local name. */
    private void addDirectGradient(String name, INDArray parameter, ModelConfig config) {
        INDArray gradient = Nd4j.create(config.dataType(), parameter.shape());
        directGradients.put(name, gradient);
        int slash = name.indexOf('/');
        localGradients.computeIfAbsent(name.substring(0, slash), k -> new HashMap<>()).put(name.substring(slash + 1), gradient);
    }

    /** Whether the plugins' parts run as their direct (graph-free) versions. */
    boolean direct() {
        return direct;
    }

    private static String tokens(String modality) {
        return modality + "/tokens";
    }

    private static String tokenGradient(String modality) {
        return modality + "/tokens/gradient";
    }

    private static String output(String modality) {
        return modality + "/output";
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public INDArray parameter(String name) {
        if (backbone.has(name)) {
            return backbone.parameter(name);
        }
        if (assembly.has(name)) {
            return assembly.parameter(name);
        }
        INDArray a = encoders.getArrForVarName(name);
        return a != null ? a : heads.getArrForVarName(name);
    }

    @Override
    public Map<String, Integer> widths() {
        return widths;
    }

    @Override
    public StepResult step(Map<String, INDArray> placeholders, List<String> modalityNames) {
        return direct ? directStep(placeholders) : graphStep(placeholders, modalityNames);
    }

    private StepResult graphStep(Map<String, INDArray> placeholders, List<String> modalityNames) {
        String[] outputs = modalities.stream().map(m -> output(m.name())).toArray(String[]::new);
        SameDiffEngine.prepareGradients(heads, outputs);
        SameDiffEngine.prepareGradients(encoders);
        profile.start();
        Map<String, INDArray> encoderInputs = Engines.placeholdersOf(encoders, placeholders);
        INDArray out = forward(encoderInputs, placeholders, true);
        profile.start();

        Map<String, INDArray> headFeed = headInputs(placeholders, out);
        List<String> losses = new ArrayList<>();
        losses.add(ModalityGraphs.LOSS);
        modalityNames.forEach(m -> losses.add(ModalityGraphs.loss(m)));
        List<String> wanted = new ArrayList<>(headParameters);
        wanted.addAll(List.of(outputs));
        OutAndGrad head = heads.calculateGradientsAndOutputs(headFeed, losses, wanted);
        INDArray dOut = outputGradient(head.getGradients(), out);
        profile.mark("heads forward+backward");

        INDArray dTokens = backbone.backward(dOut);
        profile.start();
        Map<String, INDArray> dRaw = assembly.backward(dTokens, masks(placeholders), placeholders.get(GraphParts.SESSION));
        profile.mark("token assembly backward");
        Map<String, INDArray> gradients = new HashMap<>();
        if (!encoderParameters.isEmpty()) {
            dRaw.forEach((m, g) -> encoderInputs.put(tokenGradient(m), g));
            gradients.putAll(encoders.calculateGradients(encoderInputs, encoderParameters));
        }
        profile.mark("encoders backward");
        gradients.putAll(assembly.gradients());
        gradients.putAll(backbone.gradients());
        headParameters.forEach(p -> gradients.put(p, head.getGradients().get(p)));
        return Engines.result(head.getOutputs(), modalityNames, gradients);
    }

    @Override
    public Map<String, INDArray> outputs(Map<String, INDArray> placeholders, List<String> names) {
        if (direct) {
            return directOutputs(placeholders, names);
        }
        INDArray out = forward(Engines.placeholdersOf(encoders, placeholders), placeholders, false);
        return heads.output(headInputs(placeholders, out), names);
    }

    @Override
    public List<INDArray> attention() {
        return backbone.attention();
    }

    /** A training step with the plugins' direct versions: no graph is run. */
    private StepResult directStep(Map<String, INDArray> placeholders) {
        profile.start();
        SessionGroups groups = SessionGroups.fromOneHot(placeholders.get(GraphParts.SESSION));
        INDArray out = directForward(placeholders, groups, true);
        profile.start();
        directGradients.values().forEach(g -> g.assign(0));
        Map<String, Double> losses = new LinkedHashMap<>();
        double total = 0;
        INDArray dOut = backboneGradient(out);
        for (ModalityBinding m : modalities) {
            DirectDecoding.Result r = decode(m, placeholders, headInput(out, m), groups, true);
            losses.put(m.name(), r.loss());
            total += m.lossWeight() * r.loss();
            spreadGradient(dOut, m, r.hiddenGradient(), m.lossWeight());
            if (m.lossWeight() != 1.0) {
                headParameters.stream().filter(p -> p.startsWith(m.name() + "/"))
                        .forEach(p -> directGradients.get(p).muli(m.lossWeight()));
            }
        }
        profile.mark("heads forward+backward");
        INDArray dTokens = backbone.backward(dOut);
        profile.start();
        Map<String, INDArray> dRaw = assembly.backward(dTokens, masks(placeholders), placeholders.get(GraphParts.SESSION));
        profile.mark("token assembly backward");
        for (ModalityBinding m : modalities) {
            ((DirectEncoding) m.encoder()).backward(scope(m, encoders, true), placeholders.get(ModalityGraphs.values(m.name())),
                    groups, dRaw.get(m.name()));
        }
        profile.mark("encoders backward");
        Map<String, INDArray> gradients = new HashMap<>(directGradients);
        gradients.putAll(assembly.gradients());
        gradients.putAll(backbone.gradients());
        return new StepResult(total, losses, gradients);
    }

    private Map<String, INDArray> directOutputs(Map<String, INDArray> placeholders, List<String> names) {
        SessionGroups groups = SessionGroups.fromOneHot(placeholders.get(GraphParts.SESSION));
        INDArray out = directForward(placeholders, groups, false);
        Map<String, INDArray> results = new HashMap<>();
        double total = 0;
        for (ModalityBinding m : modalities) {
            DirectDecoding.Result r = decode(m, placeholders, headInput(out, m), groups, false);
            results.put(ModalityGraphs.prediction(m.name()), r.prediction());
            results.put(ModalityGraphs.loss(m.name()), Nd4j.scalar(out.dataType(), r.loss()));
            total += m.lossWeight() * r.loss();
        }
        results.put(ModalityGraphs.LOSS, Nd4j.scalar(out.dataType(), total));
        Map<String, INDArray> wanted = new LinkedHashMap<>();
        names.forEach(n -> wanted.put(n, results.get(n)));
        return wanted;
    }

    private INDArray directForward(Map<String, INDArray> placeholders, SessionGroups groups, boolean training) {
        Map<String, INDArray> raw = new HashMap<>();
        for (ModalityBinding m : modalities) {
            raw.put(m.name(), ((DirectEncoding) m.encoder()).forward(scope(m, encoders, false),
                    placeholders.get(ModalityGraphs.values(m.name())), groups));
        }
        return assembleAndRun(raw, placeholders, training);
    }

    private DirectDecoding.Result decode(ModalityBinding m, Map<String, INDArray> placeholders, INDArray own,
                                         SessionGroups groups, boolean gradients) {
        return ((DirectDecoding) m.decoder()).decode(scope(m, heads, gradients), own,
                placeholders.get(ModalityGraphs.values(m.name())), placeholders.get(ModalityGraphs.target(m.name())), groups);
    }

    /** The modality's tokens in {@code x} [B, L, H], a view [B, n, H]. */
    private INDArray slice(INDArray x, ModalityBinding m) {
        int offset = layout.offset(m.name());
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + layout.tokens(m.name())), NDArrayIndex.all());
    }

    /**
     * The modality's slice of the backbone output, copied to its own array (the heads read it whole);
     * a repeated static modality's copies averaged into its one token [B, 1, H].
     */
    private INDArray headInput(INDArray out, ModalityBinding m) {
        INDArray own = headInputs.get(m.name());
        if (own == null || own.size(0) != out.size(0)) {
            own = Nd4j.create(out.dataType(), out.size(0), m.spec().tokensPerTrial(), hidden);
            headInputs.put(m.name(), own);
        }
        if (layout.repeated(m.name())) {
            return own.assign(slice(out, m).sum(1).divi(layout.tokens(m.name())).reshape(out.size(0), 1, hidden));
        }
        return own.assign(slice(out, m));
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

    /** The buffer for the gradient of the backbone output, shaped like {@code out}. */
    private INDArray backboneGradient(INDArray out) {
        if (backboneGradient == null || backboneGradient.size(0) != out.size(0)) {
            backboneGradient = Nd4j.create(out.dataType(), out.shape());
        }
        return backboneGradient;
    }

    /** The direct view of a modality's parameters in {@code graph} (and their gradient arrays). */
    private DirectScope scope(ModalityBinding m, SameDiff graph, boolean gradients) {
        String prefix = m.name() + "/";
        Map<String, INDArray> grads = gradients ? localGradients.getOrDefault(m.name(), Map.of()) : null;
        return new DirectScope(m.spec(), hidden, widths.get(m.name()), sessionWidths.get(m.name()),
                local -> graph.getArrForVarName(prefix + local), grads);
    }

    /** Encoders, token assembly and backbone: the backbone's output [B, L, H]. */
    private INDArray forward(Map<String, INDArray> encoderInputs, Map<String, INDArray> placeholders, boolean training) {
        String[] names = modalities.stream().map(m -> tokens(m.name())).toArray(String[]::new);
        Map<String, INDArray> encoded = encoders.output(encoderInputs, names);
        Map<String, INDArray> raw = new HashMap<>();
        modalities.forEach(m -> raw.put(m.name(), encoded.get(tokens(m.name()))));
        return assembleAndRun(raw, placeholders, training);
    }

    /** Token assembly and backbone on the encoders' tokens: the backbone's output [B, L, H]. */
    private INDArray assembleAndRun(Map<String, INDArray> raw, Map<String, INDArray> placeholders, boolean training) {
        profile.mark("encoders forward");
        INDArray tokens = assembly.forward(raw, masks(placeholders), placeholders.get(GraphParts.SESSION));
        profile.mark("token assembly forward");
        return backbone.forward(tokens, training);
    }

    private Map<String, INDArray> masks(Map<String, INDArray> placeholders) {
        Map<String, INDArray> masks = new HashMap<>();
        modalities.forEach(m -> masks.put(m.name(), placeholders.get(ModalityGraphs.hidden(m.name()))));
        return masks;
    }

    /** The heads' placeholders: each modality's slice of the backbone output, copied to its own array. */
    private Map<String, INDArray> headInputs(Map<String, INDArray> placeholders, INDArray out) {
        Map<String, INDArray> feed = Engines.placeholdersOf(heads, placeholders);
        modalities.forEach(m -> feed.put(output(m.name()), headInput(out, m)));
        return feed;
    }

    /** The gradient of the whole backbone output, from the gradients of each modality's slice. */
    private INDArray outputGradient(Map<String, INDArray> gradients, INDArray out) {
        INDArray dOut = backboneGradient(out);
        modalities.forEach(m -> spreadGradient(dOut, m, gradients.get(output(m.name())), 1.0));
        return dOut;
    }
}
