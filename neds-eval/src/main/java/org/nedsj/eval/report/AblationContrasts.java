package org.nedsj.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.EvaluationSettings;
import org.nedsj.eval.PairedBootstrap;
import org.nedsj.eval.PairedBootstrapSettings;
import org.nedsj.eval.PairedDifferences;
import org.nedsj.eval.PairedDifferences.Interval;

/**
 * Each scheme set of an ablation against the first, paired on the same test trials: the difference of the means over
 * sessions with a paired-bootstrap interval ({@link PairedBootstrap}), from the per-trial statistics the evaluations
 * kept in memory. Empty for a scheme set whose evaluation has none (a report read back from JSON).
 */
final class AblationContrasts {

    private final Map<String, PairedDifferences> bySchemeSet = new LinkedHashMap<>();
    private final String reference;

    AblationContrasts(List<AblationTable.Row> rows) {
        AblationTable.Row first = rows.get(0);
        this.reference = first.schemeSet();
        PairedBootstrapSettings settings = settingsOf(first.report());
        for (AblationTable.Row r : rows.subList(1, rows.size())) {
            var pairs = new ArrayList<PairedBootstrap.SessionPair>();
            for (String id : r.report().sessionIds()) {
                var model = r.report().scoredTrials().session(id);
                var ref = first.report().scoredTrials().session(id);
                if (!model.isEmpty() && !ref.isEmpty()) {
                    pairs.add(new PairedBootstrap.SessionPair(id, model, ref));
                }
            }
            bySchemeSet.put(r.schemeSet(), new PairedBootstrap(settings).compare(pairs));
        }
    }

    /** The scheme set every other is paired with. */
    String reference() {
        return reference;
    }

    boolean isEmpty() {
        return bySchemeSet.values().stream().allMatch(PairedDifferences::isEmpty);
    }

    /** A scheme set's mean minus the reference's for a column {@code <scheme>/<key>}, with its interval. */
    Optional<Interval> of(String schemeSet, String column) {
        PairedDifferences d = bySchemeSet.get(schemeSet);
        if (d == null) {
            return Optional.empty();
        }
        int slash = column.indexOf('/');
        return d.mean(column.substring(0, slash), column.substring(slash + 1));
    }

    /** The intervals' coverage and resamples, e.g. "95% interval, 2000 paired resamples". */
    String describe() {
        return bySchemeSet.values().stream().filter(d -> !d.isEmpty()).findFirst()
                .map(d -> Comparison.intervalHeading(d.level()) + ", " + d.resamples() + " paired resamples")
                .orElse("");
    }

    /** "+0.0123 [−0.0010, +0.0250]", with ▲ or ▼ where the whole interval is on one side; "n/a" without one. */
    static String cell(Optional<Interval> interval, String column) {
        String key = column.substring(column.indexOf('/') + 1);
        if (interval.isEmpty() || Double.isNaN(interval.get().difference())) {
            return "n/a";
        }
        Interval i = interval.get();
        if (Double.isNaN(i.lower())) {
            return Comparison.signed(i.difference()) + " [n/a]";
        }
        String mark = i.betterBeyondNoise(key) ? " ▲" : i.worseBeyondNoise(key) ? " ▼" : "";
        return Comparison.signed(i.difference()) + " [" + Comparison.signed(i.lower()) + ", " + Comparison.signed(i.upper()) + "]" + mark;
    }

    private static PairedBootstrapSettings settingsOf(EvaluationReport report) {
        PairedBootstrapSettings defaults = EvaluationSettings.defaults().pairedBootstrap();
        PairedDifferences p = report.paired();
        return p.isEmpty() ? defaults : new PairedBootstrapSettings(p.resamples(), p.level(), defaults.seed());
    }
}
