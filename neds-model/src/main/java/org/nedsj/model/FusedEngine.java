package org.nedsj.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.fused.FusedTransformer;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ModalityGraphs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default engine ({@code model.engine = fused}): the modality ends (encoders, embeddings,
 * decoders and losses, all plugins) stay SameDiff graphs, and the shared transformer, where nearly
 * all the arithmetic is, runs as {@link FusedTransformer}. A step chains them by the chain rule:
 * tokens forward; backbone forward; heads forward and backward (to the backbone output); backbone
 * backward (to the tokens); encoders backward through the surrogate Σ tokens ⊙ ∂loss/∂tokens.
 */
final class FusedEngine implements ModelEngine {

    private static final String TOKENS = "tokens";
    private static final String TOKEN_GRADIENT = "tokens/gradient";
    private static final String SURROGATE = "surrogate";
    private static final String BACKBONE_OUT = "backbone/out";

    private final SameDiff encoders;
    private final SameDiff heads;
    private final FusedTransformer backbone;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<String> encoderParameters;
    private final List<String> headParameters;
    private final Map<String, Integer> widths = new LinkedHashMap<>();
    private final StepProfile profile;

    FusedEngine(ModelConfig config, List<ModalityBinding> modalities, SessionTable sessions, long seed, StepProfile profile) {
        this.profile = profile;
        int[] positions = ModalityGraphs.positions(modalities, config.staticPosition());
        int hidden = config.hidden();
        this.encoders = SameDiff.create();
        GraphParts in = new GraphParts(encoders, config, sessions, seed);
        SDVariable tokens = encoders.identity(TOKENS, ModalityGraphs.tokens(in, modalities, widths));
        SDVariable gradient = encoders.placeHolder(TOKEN_GRADIENT, config.dataType(), -1, positions.length, hidden);
        encoders.identity(SURROGATE, tokens.mul(gradient).sum());
        encoders.setLossVariables(SURROGATE);
        this.heads = SameDiff.create();
        GraphParts out = new GraphParts(heads, config, sessions, seed);
        SDVariable backboneOut = heads.placeHolder(BACKBONE_OUT, config.dataType(), -1, positions.length, hidden);
        ModalityGraphs.heads(out, modalities, backboneOut);
        this.backbone = new FusedTransformer(config, positions, seed);
        this.encoderParameters = in.parameters().stream().map(Parameter::name).toList();
        this.headParameters = out.parameters().stream().map(Parameter::name).toList();
        parameters.addAll(in.parameters());
        parameters.addAll(backbone.parameters());
        parameters.addAll(out.parameters());
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
        INDArray a = encoders.getArrForVarName(name);
        return a != null ? a : heads.getArrForVarName(name);
    }

    @Override
    public Map<String, Integer> widths() {
        return widths;
    }

    @Override
    public StepResult step(Map<String, INDArray> placeholders, List<String> modalities) {
        SameDiffEngine.prepareGradients(heads, BACKBONE_OUT);
        SameDiffEngine.prepareGradients(encoders);
        profile.start();
        Map<String, INDArray> encoderInputs = Engines.placeholdersOf(encoders, placeholders);
        INDArray tokens = encoders.outputSingle(encoderInputs, TOKENS);
        profile.mark("encoders forward");
        INDArray out = backbone.forward(tokens, true);
        profile.mark("backbone forward");

        Map<String, INDArray> headInputs = Engines.placeholdersOf(heads, placeholders);
        headInputs.put(BACKBONE_OUT, out);
        List<String> outputs = new ArrayList<>();
        outputs.add(ModalityGraphs.LOSS);
        modalities.forEach(m -> outputs.add(ModalityGraphs.loss(m)));
        List<String> wanted = new ArrayList<>(headParameters);
        wanted.add(BACKBONE_OUT);
        OutAndGrad head = heads.calculateGradientsAndOutputs(headInputs, outputs, wanted);
        profile.mark("heads forward+backward");

        INDArray tokenGradient = backbone.backward(head.getGradients().get(BACKBONE_OUT));
        profile.mark("backbone backward");
        encoderInputs.put(TOKEN_GRADIENT, tokenGradient);
        Map<String, INDArray> encoderGradients = encoders.calculateGradients(encoderInputs, encoderParameters);
        profile.mark("encoders backward");

        Map<String, INDArray> gradients = new HashMap<>(encoderGradients);
        backbone.gradients().forEach(gradients::put);
        headParameters.forEach(p -> gradients.put(p, head.getGradients().get(p)));
        return Engines.result(head.getOutputs(), modalities, gradients);
    }

    @Override
    public Map<String, INDArray> outputs(Map<String, INDArray> placeholders, List<String> names) {
        INDArray tokens = encoders.outputSingle(Engines.placeholdersOf(encoders, placeholders), TOKENS);
        Map<String, INDArray> headInputs = Engines.placeholdersOf(heads, placeholders);
        headInputs.put(BACKBONE_OUT, backbone.forward(tokens, false));
        return heads.output(headInputs, names);
    }
}
