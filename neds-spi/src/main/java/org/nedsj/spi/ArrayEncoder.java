package org.nedsj.spi;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * An encoder written on arrays: it declares its parameters and computes its tokens and, for
 * training, its parameters' gradients itself. This is the fast contract: the model runs it
 * directly, with no graph interpreter. An encoder may also implement
 * {@link ModalityEncoder#embed} (the same function as a SameDiff graph); the model's tests use that
 * form as the reference the array form is checked against.
 */
public interface ArrayEncoder extends ModalityEncoder {

    /** The parameters this encoder trains, for a model of the given sizes. */
    List<ParameterSpec> parameters(CodecSizes sizes);

    /**
     * @param values {@code [B, tokens, width]} for continuous and count modalities (padding columns zero);
     *               {@code [B, 1, classes]} one-hot for a static categorical modality
     * @return tokens {@code [B, tokens, H]}
     */
    INDArray forward(CodecScope scope, INDArray values);

    /** Fills {@code scope.gradient(name)} of every declared parameter from the tokens' gradient {@code [B, tokens, H]}. */
    void backward(CodecScope scope, INDArray values, INDArray tokenGradient);

    @Override
    default SDVariable embed(TokenGraph graph, SDVariable values) {
        throw new UnsupportedOperationException(getClass().getName() + " is an array-level encoder without a graph form");
    }
}
