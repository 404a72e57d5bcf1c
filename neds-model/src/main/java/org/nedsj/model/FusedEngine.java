package org.nedsj.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nedsj.model.fused.FusedTransformer;
import org.nedsj.model.fused.TokenAssembly;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ModalityGraphs;

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

    FusedEngine(ModelConfig config, List<ModalityBinding> modalities, SessionTable sessions, long seed, StepProfile profile) {
        this.modalities = List.copyOf(modalities);
        this.profile = profile;
        this.hidden = config.hidden();
        int[] positions = ModalityGraphs.positions(modalities, config.staticPosition());
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
        this.assembly = new TokenAssembly(modalities, hidden, sessions.size(), config.sessionEmbedding(),
                config.dataType(), seed);
        this.backbone = new FusedTransformer(config, positions, seed);
        backbone.profileInto(profile);
        this.encoderParameters = in.parameters().stream().map(Parameter::name).toList();
        this.headParameters = out.parameters().stream().map(Parameter::name).toList();
        parameters.addAll(in.parameters());
        parameters.addAll(assembly.parameters());
        parameters.addAll(backbone.parameters());
        parameters.addAll(out.parameters());
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
        INDArray out = forward(Engines.placeholdersOf(encoders, placeholders), placeholders, false);
        return heads.output(headInputs(placeholders, out), names);
    }

    /** Encoders, token assembly and backbone: the backbone's output [B, L, H]. */
    private INDArray forward(Map<String, INDArray> encoderInputs, Map<String, INDArray> placeholders, boolean training) {
        String[] names = modalities.stream().map(m -> tokens(m.name())).toArray(String[]::new);
        Map<String, INDArray> encoded = encoders.output(encoderInputs, names);
        Map<String, INDArray> raw = new HashMap<>();
        modalities.forEach(m -> raw.put(m.name(), encoded.get(tokens(m.name()))));
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
        long batch = out.size(0);
        int offset = 0;
        for (ModalityBinding m : modalities) {
            int t = m.spec().tokensPerTrial();
            INDArray own = headInputs.get(m.name());
            if (own == null || own.size(0) != batch) {
                own = Nd4j.create(out.dataType(), batch, t, hidden);
                headInputs.put(m.name(), own);
            }
            own.assign(out.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + t), NDArrayIndex.all()));
            feed.put(output(m.name()), own);
            offset += t;
        }
        return feed;
    }

    /** The gradient of the whole backbone output, from the gradients of each modality's slice. */
    private INDArray outputGradient(Map<String, INDArray> gradients, INDArray out) {
        if (backboneGradient == null || backboneGradient.size(0) != out.size(0)) {
            backboneGradient = Nd4j.create(out.dataType(), out.shape());
        }
        int offset = 0;
        for (ModalityBinding m : modalities) {
            int t = m.spec().tokensPerTrial();
            backboneGradient.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + t), NDArrayIndex.all())
                    .assign(gradients.get(output(m.name())));
            offset += t;
        }
        return backboneGradient;
    }
}
