package org.nedsj.model.direct;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.ModalitySpec;

import java.util.Map;
import java.util.function.Function;

/**
 * What a direct (graph-free) encoder or decoder sees of one modality: its parameters, which the
 * graph built by {@code embed}/{@code predict} created, looked up by the local names given there;
 * gradient arrays of the same shapes to fill; and the sizes.
 *
 * @param spec           the modality
 * @param hidden         the hidden size H
 * @param width          the values width (widest session; classes for categorical modalities)
 * @param sessionWidths  the modality's width in each session of the table
 * @param parameters     local name → live parameter array
 * @param gradients      local name → gradient array to fill (zero on entry), or null when no gradient is wanted
 */
public record DirectScope(ModalitySpec spec, int hidden, int width, int[] sessionWidths,
                          Function<String, INDArray> parameters, Map<String, INDArray> gradients) {

    public INDArray parameter(String local) {
        INDArray p = parameters.apply(local);
        if (p == null) {
            throw new IllegalStateException("modality " + spec.name() + " has no parameter " + local);
        }
        return p;
    }

    public INDArray gradient(String local) {
        return gradients.get(local);
    }

    public boolean wantsGradients() {
        return gradients != null;
    }
}
