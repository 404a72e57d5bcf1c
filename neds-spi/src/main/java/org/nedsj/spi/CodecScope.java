package org.nedsj.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an array-level codec sees of its modality during one call: the sizes, its parameters (live
 * views into the model's parameter store, by the local names it declared), the gradient arrays to
 * fill, the trials of the batch grouped by session, and work arrays it may keep between calls.
 * A scope belongs to one model: two models never share parameters, gradients or work arrays.
 */
public interface CodecScope {

    CodecSizes sizes();

    default ModalitySpec modality() {
        return sizes().modality();
    }

    default int hiddenSize() {
        return sizes().hiddenSize();
    }

    default int width() {
        return sizes().width();
    }

    default int[] sessionWidths() {
        return sizes().sessionWidths();
    }

    /** The live array of a declared parameter (per-session ones {@code [S, shape…]}). */
    INDArray parameter(String local);

    /**
     * The gradient array of a declared parameter, to be filled (assigned, not added to) by the
     * backward pass; only while {@link #wantsGradients()}.
     */
    INDArray gradient(String local);

    /** Whether this call is part of a training step (gradients wanted). */
    boolean wantsGradients();

    /** The batch's trials grouped by session. */
    SessionGroups sessions();

    /**
     * A work array of the model's data type, kept between calls under {@code purpose} while its
     * shape stays the same (fresh off-heap memory is slow to touch). Its contents are undefined.
     */
    INDArray scratch(String purpose, long... shape);
}
