package org.nedsj.model.fused;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.ParameterStore;
import org.nedsj.spi.SessionGroups;

import java.util.Map;

/** One modality's encoder as the fused engine runs it: on arrays, or as its plugin's SameDiff graph. */
public interface EncoderPass {

    /** Points the pass at the model's parameter store, once it is laid out. */
    void attach(ParameterStore store);

    /** Tokens [B, T, H] from the inputs (as {@code GraphInputs} fills them). */
    INDArray forward(Map<String, INDArray> inputs, SessionGroups sessions, boolean training, long noiseSeed);

    /** Fills the gradients of the encoder's parameters in the store from the tokens' gradient [B, T, H]. */
    void backward(Map<String, INDArray> inputs, SessionGroups sessions, INDArray tokenGradient, long noiseSeed);

    /** Whether this encoder runs as a SameDiff graph. */
    boolean graph();
}
