package org.nedsj.model.fused;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.ParameterStore;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.model.graph.ModalityScope;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.SessionGroups;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The adapter for a decoder that supplies only a SameDiff graph: that modality's head and loss as a
 * graph of their own, fed the modality's slice of the backbone output, differentiated by SameDiff.
 */
final class GraphDecoderPass implements DecoderPass {

    private final SameDiff sd = SameDiff.create();
    private final GraphParts parts;
    private final String output;
    private final String prediction;
    private final String loss;
    private final long salt;
    private GraphSync sync;
    private ParameterStore store;

    GraphDecoderPass(ModalityBinding m, GraphParts.Factory graphs, ParameterStore.Builder builder) {
        this.parts = graphs.create(sd);
        String name = m.name();
        this.output = name + "/output";
        this.prediction = ModalityGraphs.prediction(name);
        this.loss = ModalityGraphs.loss(name);
        this.salt = name.hashCode() + 1;
        int t = m.spec().tokensPerTrial();
        ModalityScope scope = new ModalityScope(parts, m.spec());
        SDVariable hidden = sd.placeHolder(output, parts.type(), -1, t, parts.config().hidden());
        SDVariable values = sd.placeHolder(ModalityGraphs.values(name), parts.type(), -1, t,
                m.spec().isStatic() ? m.spec().classes() : scope.width());
        SDVariable target = sd.placeHolder(ModalityGraphs.target(name), parts.type(), -1, t);
        SDVariable predicted = sd.identity(prediction, m.decoder().predict(scope, hidden));
        sd.identity(loss, m.decoder().loss(scope, predicted, values, target));
        sd.setLossVariables(loss);
        parts.parameters().forEach(p -> builder.add(p, sd.getArrForVarName(p.name())));
    }

    @Override
    public void attach(ParameterStore store) {
        this.store = store;
        this.sync = new GraphSync(sd, parts.parameters(), store);
    }

    @Override
    public ArrayDecoder.Decoded decode(Map<String, INDArray> inputs, INDArray hidden, SessionGroups sessions,
                                       boolean gradients, long noiseSeed) {
        sync.parametersIn();
        Map<String, INDArray> feed = new HashMap<>(GraphParts.placeholdersOf(sd, inputs));
        feed.put(output, hidden);
        GraphSync.seedNoise(noiseSeed, salt);
        if (!gradients) {
            Map<String, INDArray> out = sd.output(feed, prediction, loss);
            return new ArrayDecoder.Decoded(out.get(prediction), out.get(loss).getDouble(0), null);
        }
        GraphParts.prepareGradients(sd, output);
        List<String> wanted = new ArrayList<>(sync.names());
        wanted.add(output);
        OutAndGrad result = sd.calculateGradientsAndOutputs(feed, List.of(prediction, loss), wanted);
        sync.gradientsOut(result.getGradients());
        return new ArrayDecoder.Decoded(result.getOutputs().get(prediction), result.getOutputs().get(loss).getDouble(0),
                result.getGradients().get(output));
    }

    @Override
    public Iterable<INDArray> gradients() {
        return sync.names().stream().map(store::gradient).toList();
    }

    @Override
    public boolean graph() {
        return true;
    }
}
