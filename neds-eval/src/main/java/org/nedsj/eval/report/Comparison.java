package org.nedsj.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.MetricNames;
import org.nedsj.eval.PairedDifferences.Interval;
import org.nedsj.eval.ScoreTable;

/**
 * One metric of the model beside the linear baseline's: the rows of the comparison tables.
 *
 * @param session  a session id, or {@link #MEAN} for the mean over sessions
 * @param baseline NaN when the baseline has no value for this metric
 * @param paired   model − baseline with its paired-bootstrap interval, or null when the report has none
 */
record Comparison(String scheme, String key, String session, double model, double baseline, Interval paired) {

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
                    out.add(new Comparison(scheme, key, MEAN, v, base.getOrDefault(scheme, Map.of()).getOrDefault(key, Double.NaN),
                            r.paired().mean(scheme, key).orElse(null))));
        }
        return out;
    }

    static List<Comparison> perSession(EvaluationReport r) {
        var out = new ArrayList<Comparison>();
        for (String session : r.model().sessionIds()) {
            for (String scheme : r.schemes()) {
                r.model().get(session, scheme).ifPresent(s -> s.metrics().forEach((key, v) -> out.add(new Comparison(
                        scheme, key, session, v, baselineOf(r.baselines(), session, scheme, key),
                        r.paired().session(session, scheme, key).orElse(null)))));
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

    /** "[lower, upper]" of the paired interval, signed four decimals; blank without one. */
    String intervalCell() {
        return paired == null || Double.isNaN(paired.lower()) ? ""
                : "[" + signed(paired.lower()) + ", " + signed(paired.upper()) + "]";
    }

    /** The model is worse than the baseline beyond the interval of the trials' sampling. */
    boolean worseBeyondNoise() {
        return paired != null && paired.worseBeyondNoise(key);
    }

    /** The interval's heading, e.g. "95% interval", for a report's coverage. */
    static String intervalHeading(double level) {
        return String.format(Locale.ROOT, "%.0f%% interval", level * 100);
    }

    /** Baseline cell: "–" when there is none. */
    static String baselineCell(double v) {
        return Double.isNaN(v) ? "–" : number(v);
    }
}
