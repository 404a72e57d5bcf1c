package org.nedsj.model.fused;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.Parameter;
import org.nedsj.model.ParameterStore;

import java.util.List;
import java.util.Map;

/** Keeps a plugin graph's parameter arrays in step with the parameter store, which owns the values. */
final class GraphSync {

    private final SameDiff sd;
    private final List<String> names;
    private final ParameterStore store;

    GraphSync(SameDiff sd, List<Parameter> parameters, ParameterStore store) {
        this.sd = sd;
        this.names = parameters.stream().map(Parameter::name).toList();
        this.store = store;
    }

    List<String> names() {
        return names;
    }

    boolean empty() {
        return names.isEmpty();
    }

    /** The store's current values into the graph. */
    void parametersIn() {
        for (String name : names) {
            sd.getArrForVarName(name).assign(store.value(name));
        }
    }

    /** The graph's gradients into the store's gradient buffer. */
    void gradientsOut(Map<String, INDArray> gradients) {
        for (String name : names) {
            store.gradient(name).assign(gradients.get(name));
        }
    }

    /**
     * A plugin graph draws its dropout noise from the calling thread's ND4J generator (SameDiff
     * offers no other); it is seeded from the step's seed right before the graph runs, so forward
     * and backward draw the same noise and a step repeats exactly on any thread.
     */
    static void seedNoise(long noiseSeed, long salt) {
        Nd4j.getRandom().setSeed(noiseSeed * 0x9E3779B97F4A7C15L + salt);
    }
}
