package org.nedsj.model.direct;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph-free version of an encoder, for the fused engine: the same function as the encoder's
 * SameDiff graph, on arrays, with its backward pass written out. Optional; the fused engine uses
 * it when every modality's encoder and decoder has one, since a graph interpreter costs most on
 * many small operations. {@code EngineEquivalenceTest} holds it to the graph's values and gradients.
 */
public interface DirectEncoding {

    /** Tokens [B, T, H] from values (as the graph's {@code m/values} placeholder). */
    INDArray forward(DirectScope scope, INDArray values, SessionGroups sessions);

    /** Fills {@code scope.gradient(name)} for each parameter from the tokens' gradient [B, T, H]. */
    void backward(DirectScope scope, INDArray values, SessionGroups sessions, INDArray tokenGradient);
}
