package org.nedsj.model.fused;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.ParameterStore;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.spi.SessionGroups;

import java.util.HashMap;
import java.util.Map;

/**
 * The adapter for an encoder that supplies only a SameDiff graph: that modality's graph alone,
 * differentiated by SameDiff through the surrogate Σ tokens ⊙ ∂loss/∂tokens. Its parameters live in
 * the store like every other; the graph's own arrays are refreshed from the store before each run
 * and its gradients copied into the store after.
 */
final class GraphEncoderPass implements EncoderPass {

    private static final String SURROGATE = "surrogate";

    private final SameDiff sd = SameDiff.create();
    private final GraphParts parts;
    private final String tokens;
    private final String tokenGradient;
    private final long salt;
    private GraphSync sync;

    GraphEncoderPass(ModalityBinding m, GraphParts.Factory graphs, Map<String, Integer> widths, ParameterStore.Builder store) {
        this.parts = graphs.create(sd);
        this.tokens = m.name() + "/tokens";
        this.tokenGradient = m.name() + "/tokens/gradient";
        this.salt = m.name().hashCode();
        SDVariable out = sd.identity(tokens, ModalityGraphs.encoderTokens(parts, m, widths));
        SDVariable gradient = sd.placeHolder(tokenGradient, parts.type(), -1, m.spec().tokensPerTrial(), parts.config().hidden());
        sd.identity(SURROGATE, out.mul(gradient).sum());
        sd.setLossVariables(SURROGATE);
        parts.parameters().forEach(p -> store.add(p, sd.getArrForVarName(p.name())));
    }

    @Override
    public void attach(ParameterStore store) {
        this.sync = new GraphSync(sd, parts.parameters(), store);
    }

    @Override
    public INDArray forward(Map<String, INDArray> inputs, SessionGroups sessions, boolean training, long noiseSeed) {
        sync.parametersIn();
        GraphSync.seedNoise(noiseSeed, salt);
        return sd.output(GraphParts.placeholdersOf(sd, inputs), tokens).get(tokens);
    }

    @Override
    public void backward(Map<String, INDArray> inputs, SessionGroups sessions, INDArray gradient, long noiseSeed) {
        if (sync.empty()) {
            return;
        }
        GraphParts.prepareGradients(sd);
        Map<String, INDArray> feed = new HashMap<>(GraphParts.placeholdersOf(sd, inputs));
        feed.put(tokenGradient, gradient);
        GraphSync.seedNoise(noiseSeed, salt);
        sync.gradientsOut(sd.calculateGradients(feed, sync.names()));
    }

    @Override
    public boolean graph() {
        return true;
    }
}
