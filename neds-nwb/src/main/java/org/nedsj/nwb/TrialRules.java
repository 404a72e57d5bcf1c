package org.nedsj.nwb;

import org.nedsj.prep.align.TrialSelection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trial rules of a mapping, applied to an NWB trials table: the alignment event and the required
 * columns present ({@code missing-event}), each static behaviour's value one of its classes
 * ({@code <name>-value}), each limit met ({@code <to>-after-<from>}; a NaN event does not drop, as in
 * brainbox). A dropped trial is counted once, for the first rule in this order.
 */
final class TrialRules {

    static final String MISSING_EVENT = "missing-event";

    private TrialRules() {
    }

    /**
     * @param classOfRow per static behaviour (in the mapping's order), the class of each row or −1
     */
    static TrialSelection select(TrialsTable trials, NwbMapping mapping, List<int[]> classOfRow) {
        List<double[]> present = new java.util.ArrayList<>();
        present.add(trials.numbers(mapping.alignTo(), NwbMapping.PREFIX + ".align-to"));
        for (String r : mapping.required()) {
            present.add(trials.numbers(r, NwbMapping.PREFIX + ".trials.required"));
        }
        List<double[][]> limits = mapping.limits().stream().map(l -> new double[][]{
                trials.numbers(l.from(), NwbMapping.PREFIX + ".trials.limits"), trials.numbers(l.to(), NwbMapping.PREFIX + ".trials.limits")}).toList();
        Map<String, Integer> dropped = new LinkedHashMap<>();
        dropped.put(MISSING_EVENT, 0);
        mapping.statics().forEach(s -> dropped.put(s.name() + "-value", 0));
        mapping.limits().forEach(l -> dropped.put(l.reason(), 0));
        int[] kept = new int[trials.size()];
        int n = 0;
        for (int i = 0; i < trials.size(); i++) {
            String reason = reasonToDrop(i, present, mapping, classOfRow, limits);
            if (reason == null) {
                kept[n++] = i;
            } else {
                dropped.merge(reason, 1, Integer::sum);
            }
        }
        return new TrialSelection(java.util.Arrays.copyOf(kept, n), dropped);
    }

    private static String reasonToDrop(int i, List<double[]> present, NwbMapping mapping, List<int[]> classOfRow, List<double[][]> limits) {
        for (double[] column : present) {
            if (Double.isNaN(column[i])) {
                return MISSING_EVENT;
            }
        }
        for (int s = 0; s < classOfRow.size(); s++) {
            if (classOfRow.get(s)[i] < 0) {
                return mapping.statics().get(s).name() + "-value";
            }
        }
        for (int l = 0; l < limits.size(); l++) {
            double gap = limits.get(l)[1][i] - limits.get(l)[0][i];
            NwbMapping.Limit limit = mapping.limits().get(l);
            if (gap < limit.min() || gap > limit.max()) {
                return limit.reason();
            }
        }
        return null;
    }

    /** The class of each row of a static behaviour's column, −1 where the value is none of the classes. */
    static int[] classes(TrialsTable trials, NwbMapping.Static s) {
        String key = NwbMapping.PREFIX + ".static." + s.name() + ".column";
        int[] out = new int[trials.size()];
        if (trials.isText(s.column(), key)) {
            String[] labels = trials.labels(s.column(), key);
            for (int i = 0; i < out.length; i++) {
                out[i] = s.classes().indexOf(labels[i]);
            }
            return out;
        }
        double[] values = trials.numbers(s.column(), key);
        double[] levels = new double[s.classes().size()];
        for (int k = 0; k < levels.length; k++) {
            try {
                levels[k] = Double.parseDouble(s.classes().get(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(NwbMapping.PREFIX + ".static." + s.name() + ".classes holds '" + s.classes().get(k)
                        + "', but the column " + s.column() + " holds numbers; list numeric values");
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = -1;
            for (int k = 0; k < levels.length && out[i] < 0; k++) {
                if (Math.abs(values[i] - levels[k]) <= 1e-6) {
                    out[i] = k;
                }
            }
        }
        return out;
    }
}
