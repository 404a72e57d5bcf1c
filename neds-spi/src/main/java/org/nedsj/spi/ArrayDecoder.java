package org.nedsj.spi;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * A decoder and its loss written on arrays (see {@link ArrayEncoder}): it declares its parameters,
 * predicts, scores, and for training fills its parameters' gradients and returns the gradient of
 * its loss with respect to its hidden states. Predictions follow {@link ModalityDecoder}'s
 * conventions. {@link ModalityDecoder#predict} and {@link ModalityDecoder#loss} are optional here:
 * the graph form the model's tests check the array form against.
 */
public interface ArrayDecoder extends ModalityDecoder {

    /** What one modality's head computed. */
    record Decoded(INDArray prediction, double loss, INDArray hiddenGradient) {
    }

    /** The parameters this decoder trains, for a model of the given sizes. */
    List<ParameterSpec> parameters(CodecSizes sizes);

    /**
     * @param hidden the backbone's output for this modality's tokens {@code [B, tokens, H]}
     * @param truth  the true values, shaped as the encoder's input
     * @param target {@code [B, tokens]}: 1 where the token is a loss target
     * @return the prediction, the mean loss over target values (zero when there is none) and, when the
     *         scope wants gradients, d loss / d hidden {@code [B, tokens, H]} (with the parameter
     *         gradients filled); null otherwise
     */
    Decoded decode(CodecScope scope, INDArray hidden, INDArray truth, INDArray target);

    /**
     * Whether this decoder fits a readout of its own per session after training ({@link #fitSessionReadout});
     * the trainer then collects the trained model's {@link HeadInputs} for it.
     */
    default boolean fitsSessionReadout() {
        return false;
    }

    /**
     * Whether the readout {@link #fitSessionReadout} fits reads, besides the head input, the mean of the
     * input tokens the head's pooled tokens were made from (the trial's stitched spike embedding, before the
     * transformer). Only out of training: there {@link #decode}'s {@code hidden} and the {@link HeadInputs}
     * have {@code 2H} columns, the head input and then that mean; in training the head input alone.
     */
    default boolean fitReadsInputTokens() {
        return false;
    }

    /**
     * After training: fits this decoder's per-session readout parameters to what the trained model
     * gives it on the training tokens, choosing any penalty, and whether to fit a session at all, on
     * those alone, and reports its loss on the validation tokens before and after the fit.
     * Writes through {@link CodecScope#parameter}; called only where {@link #fitsSessionReadout()}.
     */
    default ReadoutFit fitSessionReadout(CodecScope scope, HeadInputs training, HeadInputs validation) {
        throw new UnsupportedOperationException(getClass().getName() + " fits no session readout");
    }

    @Override
    default SDVariable predict(TokenGraph graph, SDVariable hidden) {
        throw new UnsupportedOperationException(getClass().getName() + " is an array-level decoder without a graph form");
    }

    @Override
    default SDVariable loss(TokenGraph graph, SDVariable prediction, SDVariable truth, SDVariable target) {
        throw new UnsupportedOperationException(getClass().getName() + " is an array-level decoder without a graph form");
    }
}
