package org.nedsj.data.alf;

import java.nio.file.Path;
import java.util.Map;

/**
 * The per-trial attributes of a session (NaN where an event is missing), each as long as the table.
 *
 * @param collection where the trials came from, e.g. {@code alf}
 * @param attributes attribute name → one value per trial
 * @param sources    attribute name → the file it was read from
 */
public record TrialsTable(String collection, Map<String, double[]> attributes, Map<String, Path> sources) {

    public TrialsTable {
        attributes = Map.copyOf(attributes);
        sources = Map.copyOf(sources);
    }

    public int size() {
        return attributes.values().stream().findFirst().map(a -> a.length).orElse(0);
    }

    /** The values of {@code attribute} (the array itself; do not modify). */
    public double[] get(String attribute) {
        double[] v = attributes.get(attribute);
        if (v == null) {
            throw new IllegalArgumentException("trials of " + collection + " have no attribute " + attribute + "; they have "
                    + attributes.keySet());
        }
        return v;
    }
}
