package org.nedsj.prep.align;

import org.nedsj.spi.ModalitySpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's trial-aligned arrays, as stored in a prepared dataset (row-major).
 *
 * @param summary    what was kept and dropped
 * @param bins       bins per trial
 * @param spikes     {@code uint8 [trials, bins, neurons]} spike counts
 * @param dynamic    per dynamic behaviour, in modality order: {@code float32 [trials, bins]}, scaled
 * @param statics    per static behaviour, in modality order: its class index per trial
 * @param trialIndex {@code int64 [trials]} row of each trial in the session's trials table
 * @param units      {@code int64 [neurons]} unit id of each neuron column
 * @param split      {@code int8 [trials]} 0 train, 1 val, 2 test
 */
public record PreparedSession(SessionSummary summary, int bins, byte[] spikes, Map<String, float[]> dynamic,
                              Map<String, Categories> statics, long[] trialIndex, long[] units, byte[] split) {

    /** The neural modality's name in every prepared dataset. */
    public static final String SPIKES = "spikes";

    /** @param classes number of classes @param values {@code int8 [trials]} class index of each trial */
    public record Categories(int classes, byte[] values) {
    }

    public PreparedSession {
        dynamic = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dynamic));
        statics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statics));
    }

    public int trials() {
        return trialIndex.length;
    }

    public int neurons() {
        return units.length;
    }

    /** The values of dynamic behaviour {@code name}. */
    public float[] dynamic(String name) {
        float[] v = dynamic.get(name);
        if (v == null) {
            throw new IllegalArgumentException("session " + summary.id() + " has no dynamic behaviour " + name + "; it has " + dynamic.keySet());
        }
        return v;
    }

    /** The class indices of static behaviour {@code name}. */
    public byte[] category(String name) {
        Categories c = statics.get(name);
        if (c == null) {
            throw new IllegalArgumentException("session " + summary.id() + " has no static behaviour " + name + "; it has " + statics.keySet());
        }
        return c.values();
    }

    /** spikes, then the dynamic behaviours, then the static ones. */
    public List<ModalitySpec> modalities() {
        List<ModalitySpec> m = new ArrayList<>();
        m.add(ModalitySpec.neuralCounts(SPIKES, bins));
        dynamic.keySet().forEach(n -> m.add(ModalitySpec.dynamicBehaviour(n, bins)));
        statics.forEach((n, c) -> m.add(ModalitySpec.staticBehaviour(n, c.classes())));
        return m;
    }
}
