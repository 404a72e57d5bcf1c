package org.nedsj.model.fused;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.ParameterStore;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.SessionGroups;

import java.util.Map;

/** One modality's decoder and loss as the fused engine runs them: on arrays, or as its plugin's SameDiff graph. */
public interface DecoderPass {

    void attach(ParameterStore store);

    /**
     * Prediction and loss from the backbone's output for the modality's tokens [B, T, H]; with
     * {@code gradients}, also d loss / d hidden, the decoder's parameter gradients written to the store.
     */
    ArrayDecoder.Decoded decode(Map<String, INDArray> inputs, INDArray hidden, SessionGroups sessions, boolean gradients,
                                long noiseSeed);

    /** The gradient views of the decoder's parameters in the store. */
    Iterable<INDArray> gradients();

    boolean graph();

    /** Whether the decoder fits a per-session readout after training ({@link ArrayDecoder#fitsSessionReadout}). */
    default boolean fitsSessionReadout() {
        return false;
    }

    /** See {@link ArrayDecoder#fitReadsInputTokens}. */
    default boolean fitReadsInputTokens() {
        return false;
    }

    /** See {@link ArrayDecoder#fitSessionReadout}. */
    default ReadoutFit fitSessionReadout(HeadInputs training, HeadInputs validation) {
        throw new UnsupportedOperationException("this decoder fits no session readout");
    }
}
