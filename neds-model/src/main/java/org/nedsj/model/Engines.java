package org.nedsj.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.graph.ModalityGraphs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What both engines share. */
final class Engines {

    private Engines() {
    }

    static StepResult result(Map<String, INDArray> outputs, List<String> modalities, Map<String, INDArray> gradients) {
        Map<String, Double> losses = new LinkedHashMap<>();
        for (String m : modalities) {
            losses.put(m, outputs.get(ModalityGraphs.loss(m)).getDouble(0));
        }
        return new StepResult(outputs.get(ModalityGraphs.LOSS).getDouble(0), losses, gradients);
    }
}
