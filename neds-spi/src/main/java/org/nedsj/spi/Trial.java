package org.nedsj.spi;

import java.util.Map;

/**
 * One trial's values per modality, each flat row-major [tokens, width] (a class index for a static
 * categorical modality). The arrays are copies owned by this value.
 */
public record Trial(String sessionId, int index, Split split, Map<String, float[]> values) {

    public Trial {
        var copy = new java.util.LinkedHashMap<String, float[]>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /** A copy of the values of {@code modality}. */
    public float[] get(String modality) {
        float[] v = values.get(modality);
        if (v == null) {
            throw new IllegalArgumentException("trial " + index + " of " + sessionId + " has no modality " + modality);
        }
        return v.clone();
    }
}
