package org.nedsj.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The losses of one forward pass (total and per modality, each the mean over that modality's
 * targets) and, after a backward pass, the gradient of the total loss for every parameter.
 */
public record StepResult(double loss, Map<String, Double> modalityLosses, Map<String, INDArray> gradients) {
}
