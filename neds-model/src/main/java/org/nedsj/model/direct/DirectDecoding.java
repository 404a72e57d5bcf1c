package org.nedsj.model.direct;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph-free version of a decoder and its loss, for the fused engine (see {@link DirectEncoding}).
 */
public interface DirectDecoding {

    /** What one modality's head computed. */
    record Result(INDArray prediction, double loss, INDArray hiddenGradient) {
    }

    /**
     * @param hidden the backbone's output for this modality's tokens [B, T, H]
     * @param truth  the true values, shaped as the encoder's input
     * @param target [B, T]: 1 where the token is a loss target
     * @return the prediction (as the graph's {@code m/prediction}), the masked mean loss, and, when
     *         the scope wants gradients, d loss / d hidden [B, T, H] (parameter gradients filled too)
     */
    Result decode(DirectScope scope, INDArray hidden, INDArray truth, INDArray target, SessionGroups sessions);
}
