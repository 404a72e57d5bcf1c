package org.nedsj.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One recording session as a data source describes it.
 *
 * @param id          stable identifier, e.g. {@code cortexlab_KS023_2019-12-10_001}
 * @param neurons     neurons (units) kept, the width of the neural-counts modality
 * @param widths      widths of any other per-session modality, by modality name (often empty)
 * @param trainTrials trials in the train split
 * @param valTrials   trials in the validation split
 * @param testTrials  trials in the test split
 * @param source      where the session came from (a path or URI), for provenance
 */
public record SessionInfo(String id, int neurons, Map<String, Integer> widths,
                          int trainTrials, int valTrials, int testTrials, String source) {

    public SessionInfo {
        Objects.requireNonNull(id, "id");
        widths = Map.copyOf(widths);
        if (neurons < 0 || trainTrials < 0 || valTrials < 0 || testTrials < 0) {
            throw new IllegalArgumentException("session " + id + ": negative count");
        }
    }

    public SessionInfo(String id, int neurons, int trainTrials, int valTrials, int testTrials, String source) {
        this(id, neurons, Map.of(), trainTrials, valTrials, testTrials, source);
    }

    public int trials() {
        return trainTrials + valTrials + testTrials;
    }

    public int trials(Split split) {
        return switch (split) {
            case TRAIN -> trainTrials;
            case VAL -> valTrials;
            case TEST -> testTrials;
        };
    }

    /** The width of {@code modality} in this session: fixed, the neuron count, or from {@link #widths()}. */
    public int width(ModalitySpec modality) {
        if (!modality.perSessionWidth()) {
            return modality.width();
        }
        if (modality.kind() == ModalitySpec.Kind.NEURAL_COUNTS && !widths.containsKey(modality.name())) {
            return neurons;
        }
        Integer w = widths.get(modality.name());
        if (w == null) {
            throw new IllegalArgumentException("session " + id + " has no width for modality " + modality.name());
        }
        return w;
    }
}
