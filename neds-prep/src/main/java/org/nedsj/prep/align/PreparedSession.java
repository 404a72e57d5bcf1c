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
 * @param regions    brain region of each neuron column ({@value #UNKNOWN_REGION} where not known), aligned with {@code units}
 */
public record PreparedSession(SessionSummary summary, int bins, byte[] spikes, Map<String, float[]> dynamic,
                              Map<String, Categories> statics, long[] trialIndex, long[] units, byte[] split, List<String> regions) {

    /** The neural modality's name in every prepared dataset. */
    public static final String SPIKES = "spikes";

    /** The region of a unit whose location was not recorded. */
    public static final String UNKNOWN_REGION = "unknown";

    /** A session whose units' regions are not known. */
    public PreparedSession(SessionSummary summary, int bins, byte[] spikes, Map<String, float[]> dynamic,
                           Map<String, Categories> statics, long[] trialIndex, long[] units, byte[] split) {
        this(summary, bins, spikes, dynamic, statics, trialIndex, units, split, java.util.Collections.nCopies(units.length, UNKNOWN_REGION));
    }

    /** @param classes number of classes @param values {@code int8 [trials]} class index of each trial */
    public record Categories(int classes, byte[] values) {
    }

    public PreparedSession {
        dynamic = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dynamic));
        statics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statics));
        regions = List.copyOf(regions);
        if (regions.size() != units.length) {
            throw new IllegalArgumentException("session " + summary.id() + ": " + regions.size() + " regions for " + units.length + " units");
        }
    }

    /**
     * This session with each neuron's region looked up by its unit id.
     *
     * @param regionOfUnit region per unit id 0 … units−1 of the source (null where not known)
     */
    public PreparedSession withUnitRegions(String[] regionOfUnit) {
        List<String> r = new ArrayList<>(units.length);
        for (long unit : units) {
            String region = unit < regionOfUnit.length ? regionOfUnit[(int) unit] : null;
            r.add(region == null || region.isBlank() ? UNKNOWN_REGION : region.strip());
        }
        return new PreparedSession(summary, bins, spikes, dynamic, statics, trialIndex, units, split, r);
    }

    /** The distinct regions of the neurons, sorted, with their neuron counts. */
    public Map<String, Integer> regionCounts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        regions.forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
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
