package org.nedsj.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a trained model's decoder read for a set of scored tokens, one row each: its input from the
 * backbone, the true values and the session of the trial the token belongs to. A decoder that fits
 * its readout after training ({@link ArrayDecoder#fitSessionReadout}) learns from these.
 *
 * @param inputs   {@code [n, H]} the decoder's input (a pooled static token's mean, as the decoder reads it; {@code [n, 2H]}
 *                 with the mean of its input tokens after it, where the decoder {@link ArrayDecoder#fitReadsInputTokens})
 * @param truth    {@code [n, width]} the true values (one-hot classes for a categorical modality)
 * @param sessions the row of each token's session in the model's session table, {@code n} entries
 */
public record HeadInputs(INDArray inputs, INDArray truth, int[] sessions) {

    public HeadInputs {
        if (inputs.rows() != truth.rows() || inputs.rows() != sessions.length) {
            throw new IllegalArgumentException("head inputs: " + inputs.rows() + " inputs, " + truth.rows() + " truths and "
                    + sessions.length + " sessions; give one of each per token");
        }
    }

    public int size() {
        return sessions.length;
    }
}
