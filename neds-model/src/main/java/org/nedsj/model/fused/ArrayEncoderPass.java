package org.nedsj.model.fused;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.ParameterStore;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.spi.ArrayEncoder;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.SessionGroups;

import java.util.List;
import java.util.Map;

/** An {@link ArrayEncoder} run directly on the model's arrays. */
final class ArrayEncoderPass implements EncoderPass {

    private final ArrayEncoder encoder;
    private final String values;
    private final StoreScope scope;
    private final List<ParameterSpec> declared;

    ArrayEncoderPass(ArrayEncoder encoder, StoreScope scope, List<ParameterSpec> declared) {
        this.encoder = encoder;
        this.values = ModalityGraphs.values(scope.modality().name());
        this.scope = scope;
        this.declared = declared;
    }

    @Override
    public void attach(ParameterStore store) {
        scope.attach(store, declared);
    }

    @Override
    public INDArray forward(Map<String, INDArray> inputs, SessionGroups sessions, boolean training, long noiseSeed) {
        return encoder.forward(scope.call(sessions, false), inputs.get(values));
    }

    @Override
    public void backward(Map<String, INDArray> inputs, SessionGroups sessions, INDArray tokenGradient, long noiseSeed) {
        encoder.backward(scope.call(sessions, true), inputs.get(values), tokenGradient);
    }

    @Override
    public boolean graph() {
        return false;
    }
}
