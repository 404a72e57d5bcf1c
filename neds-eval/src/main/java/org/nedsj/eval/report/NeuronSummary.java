package org.nedsj.eval.report;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.Evaluator;
import org.nedsj.eval.ScoreTable;

/** Per-neuron bits per spike of one modality under encoding, pooled over sessions (neurons without spikes left out). */
record NeuronSummary(double[] values) {

    static List<String> modalities(EvaluationReport r) {
        var out = new LinkedHashSet<String>();
        for (String s : r.model().sessionIds()) {
            r.model().get(s, Evaluator.ENCODING).ifPresent(sc -> out.addAll(sc.neuronBitsPerSpike().keySet()));
        }
        return List.copyOf(out);
    }

    static NeuronSummary of(ScoreTable t, String modality) {
        Map<String, double[]> bySession = t.neuronBitsPerSpike(Evaluator.ENCODING, modality);
        return new NeuronSummary(bySession.values().stream().flatMapToDouble(Arrays::stream).filter(Double::isFinite).toArray());
    }

    int count() {
        return values.length;
    }

    double median() {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    double fractionPositive() {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).filter(v -> v > 0).count() / (double) values.length;
    }

    String describe() {
        return String.format(Locale.ROOT, "%d neurons, median %s bits/spike, %.1f%% above 0", count(),
                Comparison.number(median()), 100 * fractionPositive());
    }
}
