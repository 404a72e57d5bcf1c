package org.nedsj.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.MetricNames;
import org.nedsj.eval.ScoreTable;

/**
 * One metric of the model beside the linear baseline's: the rows of the comparison tables.
 *
 * @param session  a session id, or {@link #MEAN} for the mean over sessions
 * @param baseline NaN when the baseline has no value for this metric
 */
record Comparison(String scheme, String key, String session, double model, double baseline) {

    static final String MEAN = "mean";

    /** The model is not strictly better than a baseline that has a value. */
    boolean belowBaseline() {
        return Double.isFinite(baseline) && !MetricNames.better(key, model, baseline);
    }

    /** model − baseline, NaN if either is missing. */
    double difference() {
        return model - baseline;
    }

    static List<Comparison> means(EvaluationReport r) {
        var out = new ArrayList<Comparison>();
        Map<String, Map<String, Double>> model = r.model().mean();
        Map<String, Map<String, Double>> base = r.baselines().mean();
        for (String scheme : r.schemes()) {
            model.getOrDefault(scheme, Map.of()).forEach((key, v) ->
                    out.add(new Comparison(scheme, key, MEAN, v, base.getOrDefault(scheme, Map.of()).getOrDefault(key, Double.NaN))));
        }
        return out;
    }

    static List<Comparison> perSession(EvaluationReport r) {
        var out = new ArrayList<Comparison>();
        for (String session : r.model().sessionIds()) {
            for (String scheme : r.schemes()) {
                r.model().get(session, scheme).ifPresent(s -> s.metrics().forEach((key, v) -> out.add(new Comparison(
                        scheme, key, session, v, baselineOf(r.baselines(), session, scheme, key)))));
            }
        }
        return out;
    }

    private static double baselineOf(ScoreTable t, String session, String scheme, String key) {
        return t.get(session, scheme).map(s -> s.metric(key)).orElse(Double.NaN);
    }

    /** Four decimals; n/a for NaN. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Signed four decimals; blank when either side is missing. */
    static String signed(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%+.4f", v);
    }

    /** Baseline cell: "–" when there is none. */
    static String baselineCell(double v) {
        return Double.isNaN(v) ? "–" : number(v);
    }
}
