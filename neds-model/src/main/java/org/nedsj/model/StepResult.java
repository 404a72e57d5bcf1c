package org.nedsj.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The losses of one forward pass (total and per modality, each the mean over that modality's
 * targets) and, after a backward pass, the gradient of the total loss: the model's flat gradient
 * buffer (laid out as its {@link ParameterStore}) and its view per parameter. Both are the model's
 * live arrays, overwritten by its next step.
 */
public record StepResult(double loss, Map<String, Double> modalityLosses, Map<String, INDArray> gradients,
                         INDArray gradientBuffer) {

    /** Losses only (evaluation), or gradients by name without a flat buffer. */
    public StepResult(double loss, Map<String, Double> modalityLosses, Map<String, INDArray> gradients) {
        this(loss, modalityLosses, gradients, null);
    }
}
