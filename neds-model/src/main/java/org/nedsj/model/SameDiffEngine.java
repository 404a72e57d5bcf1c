package org.nedsj.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.model.graph.TransformerBackbone;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nedsj.model.graph.TokenLayout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole model as one SameDiff graph, differentiated by SameDiff: the reference engine
 * ({@code model.engine = samediff}) the fused engine is checked against.
 */
final class SameDiffEngine implements ModelEngine {

    private final SameDiff sd;
    private final List<Parameter> parameters;
    private final Map<String, Integer> widths = new LinkedHashMap<>();
    private boolean gradientsReady;

    SameDiffEngine(ModelConfig config, List<ModalityBinding> modalities, SessionTable sessions, long seed) {
        this.sd = SameDiff.create();
        GraphParts parts = new GraphParts(sd, config, sessions, seed);
        TokenLayout layout = config.layout(modalities);
        int[] positions = layout.positions();
        int hidden = config.hidden();
        SDVariable x = ModalityGraphs.tokens(parts, modalities, widths);
        x = parts.dropout(x.reshape(-1, hidden), config.embedDropout());
        SDVariable out = new TransformerBackbone(parts, positions, layout.timeBins()).apply(x).reshape(-1, positions.length, hidden);
        ModalityGraphs.heads(parts, modalities, out);
        this.parameters = parts.parameters();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public INDArray parameter(String name) {
        return sd.getArrForVarName(name);
    }

    @Override
    public Map<String, Integer> widths() {
        return widths;
    }

    @Override
    public StepResult step(Map<String, INDArray> placeholders, List<String> modalities) {
        prepareGradients(sd);
        List<String> outputs = new ArrayList<>();
        outputs.add(ModalityGraphs.LOSS);
        modalities.forEach(m -> outputs.add(ModalityGraphs.loss(m)));
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders, outputs,
                parameters.stream().map(Parameter::name).toList());
        return Engines.result(result.getOutputs(), modalities, result.getGradients());
    }

    @Override
    public Map<String, INDArray> outputs(Map<String, INDArray> placeholders, List<String> names) {
        return sd.output(placeholders, names);
    }

    /** SameDiff prints a line per differentiated op when it builds the gradient graph; keep that off the console. */
    static void prepareGradients(SameDiff sd, String... placeholdersNeedingGradients) {
        PrintStream out = System.out;
        try (PrintStream silent = new PrintStream(OutputStream.nullOutputStream())) {
            System.setOut(silent);
            if (sd.getFunction("grad") == null) {
                sd.createGradFunction(placeholdersNeedingGradients);
            }
        } finally {
            System.setOut(out);
        }
    }

    SameDiff sameDiff() {
        return sd;
    }
}
