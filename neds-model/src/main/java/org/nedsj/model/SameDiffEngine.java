package org.nedsj.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.model.graph.TokenLayout;
import org.nedsj.model.graph.TransformerBackbone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole model as one SameDiff graph, differentiated by SameDiff: the reference
 * ({@code model.engine = samediff}) that gradient checks and equivalence tests hold the engine to.
 * Its parameters live in a {@link ParameterStore} like the engine's; the graph's own arrays are
 * refreshed from the store before each run. Its dropout noise comes from the calling thread's ND4J
 * generator, seeded by the step.
 */
final class SameDiffEngine implements ModelEngine {

    private final SameDiff sd;
    private final ParameterStore store;
    private final List<String> names;
    private final Map<String, Integer> widths = new LinkedHashMap<>();

    SameDiffEngine(ModelConfig config, List<ModalityBinding> modalities, SessionTable sessions, long seed) {
        refuseFittedReadouts(modalities);
        this.sd = SameDiff.create();
        GraphParts parts = new GraphParts(sd, config, sessions, seed);
        TokenLayout layout = config.layout(modalities);
        int[] positions = layout.positions();
        int hidden = config.hidden();
        SDVariable x = ModalityGraphs.tokens(parts, modalities, widths);
        x = parts.dropout(x.reshape(-1, hidden), config.embedDropout());
        SDVariable out = new TransformerBackbone(parts, positions, layout.timeBins()).apply(x).reshape(-1, positions.length, hidden);
        ModalityGraphs.heads(parts, modalities, out);
        ParameterStore.Builder declared = new ParameterStore.Builder();
        parts.parameters().forEach(p -> declared.add(p, sd.getArrForVarName(p.name())));
        this.store = declared.build(config.dataType());
        this.names = store.parameters().stream().map(Parameter::name).toList();
    }

    /** A readout fitted after training stays out of the gradient on arrays; a SameDiff graph would train it. */
    private static void refuseFittedReadouts(List<ModalityBinding> modalities) {
        for (ModalityBinding m : modalities) {
            if (m.decoder() instanceof org.nedsj.spi.ArrayDecoder a && a.fitsSessionReadout()) {
                throw new IllegalArgumentException("model.modalities." + m.name() + ": a readout fitted after training "
                        + "(fit-session-offsets or fit-session-readout = true) needs model.engine = fused (the samediff engine "
                        + "would train it); set model.engine = fused");
            }
        }
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
    public StepResult step(Map<String, INDArray> placeholders, List<String> modalities, long noiseSeed, BatchShard shard) {
        if (!shard.whole()) {
            throw new UnsupportedOperationException("model.engine = samediff steps whole batches only; data-parallel "
                    + "replicas and gradient accumulation need model.engine = fused");
        }
        GraphParts.prepareGradients(sd);
        parametersIn();
        Nd4j.getRandom().setSeed(noiseSeed);
        List<String> outputs = new ArrayList<>();
        outputs.add(ModalityGraphs.LOSS);
        modalities.forEach(m -> outputs.add(ModalityGraphs.loss(m)));
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders, outputs, names);
        for (String name : names) {
            store.gradient(name).assign(result.getGradients().get(name));
        }
        StepResult losses = Engines.result(result.getOutputs(), modalities, Map.of());
        return new StepResult(losses.loss(), losses.modalityLosses(), store.gradientViews(), store.gradients());
    }

    @Override
    public Map<String, INDArray> outputs(Map<String, INDArray> placeholders, List<String> names) {
        parametersIn();
        return sd.output(placeholders, names);
    }

    private void parametersIn() {
        for (String name : names) {
            sd.getArrForVarName(name).assign(store.value(name));
        }
    }
}
