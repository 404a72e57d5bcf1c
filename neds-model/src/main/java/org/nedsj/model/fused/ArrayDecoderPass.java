package org.nedsj.model.fused;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.ParameterStore;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.SessionGroups;

import java.util.List;
import java.util.Map;

/** An {@link ArrayDecoder} run directly on the model's arrays. */
final class ArrayDecoderPass implements DecoderPass {

    private final ArrayDecoder decoder;
    private final String values;
    private final String target;
    private final StoreScope scope;
    private final List<ParameterSpec> declared;

    ArrayDecoderPass(ArrayDecoder decoder, StoreScope scope, List<ParameterSpec> declared) {
        this.decoder = decoder;
        String m = scope.modality().name();
        this.values = ModalityGraphs.values(m);
        this.target = ModalityGraphs.target(m);
        this.scope = scope;
        this.declared = declared;
    }

    @Override
    public void attach(ParameterStore store) {
        scope.attach(store, declared);
    }

    @Override
    public ArrayDecoder.Decoded decode(Map<String, INDArray> inputs, INDArray hidden, SessionGroups sessions,
                                       boolean gradients, long noiseSeed) {
        return decoder.decode(scope.call(sessions, gradients), hidden, inputs.get(values), inputs.get(target));
    }

    @Override
    public Iterable<INDArray> gradients() {
        return scope.gradientViews();
    }

    @Override
    public boolean graph() {
        return false;
    }

    @Override
    public boolean fitsSessionReadout() {
        return decoder.fitsSessionReadout();
    }

    @Override
    public boolean fitReadsInputTokens() {
        return decoder.fitReadsInputTokens();
    }

    @Override
    public ReadoutFit fitSessionReadout(HeadInputs training, HeadInputs validation) {
        return decoder.fitSessionReadout(scope.call(null, false), training, validation);
    }
}
