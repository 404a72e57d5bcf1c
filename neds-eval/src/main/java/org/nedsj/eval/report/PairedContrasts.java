package org.nedsj.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.PairedBootstrap;
import org.nedsj.eval.PairedDifferences;
import org.nedsj.eval.PairedDifferences.Interval;

/**
 * Models evaluated on the same test trials (an ablation's scheme sets, a scaling curve's points), each after the first
 * paired with the first: the difference of the means over sessions with a paired-bootstrap interval
 * ({@link PairedBootstrap}), from the per-trial statistics the evaluations kept in memory. Empty where an evaluation has
 * none (a report read back from JSON). Rendered under the tables that compare the models, one row per column.
 */
public final class PairedContrasts {

    private final Map<String, PairedDifferences> byLabel = new LinkedHashMap<>();
    private final String reference;

    /** @param labels one per report, the first the reference */
    public PairedContrasts(List<String> labels, List<EvaluationReport> reports) {
        EvaluationReport first = reports.get(0);
        this.reference = labels.get(0);
        for (int k = 1; k < reports.size(); k++) {
            var pairs = new ArrayList<PairedBootstrap.SessionPair>();
            for (String id : reports.get(k).sessionIds()) {
                var model = reports.get(k).scoredTrials().session(id);
                var ref = first.scoredTrials().session(id);
                if (!model.isEmpty() && !ref.isEmpty()) {
                    pairs.add(new PairedBootstrap.SessionPair(id, model, ref));
                }
            }
            byLabel.put(labels.get(k), new PairedBootstrap(first.scoredTrials().bootstrap()).compare(pairs));
        }
    }

    boolean isEmpty() {
        return byLabel.values().stream().allMatch(PairedDifferences::isEmpty);
    }

    /** A model's mean minus the reference's for a column {@code <scheme>/<key>}, with its interval. */
    public Optional<Interval> of(String label, String column) {
        int slash = column.indexOf('/');
        return differences(label).mean(column.substring(0, slash), column.substring(slash + 1));
    }

    /** A model's differences from the reference (empty for the reference, or without per-trial statistics). */
    public PairedDifferences differences(String label) {
        return byLabel.getOrDefault(label, PairedDifferences.empty());
    }

    /** The intervals' coverage and resamples, e.g. "95% interval, 2000 paired resamples". */
    String describe() {
        return byLabel.values().stream().filter(d -> !d.isEmpty()).findFirst()
                .map(d -> Comparison.intervalHeading(d.level()) + ", " + d.resamples() + " paired resamples")
                .orElse("");
    }

    /**
     * "+0.0123 [−0.0010, +0.0250]", with ▲ or ▼ where the whole interval is on one side; "n/a" without one. The column
     * may be {@code <scheme>/<key>} or the key alone.
     */
    public static String cell(Optional<Interval> interval, String column) {
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

    /** The contrasts as a text table, one row per column, one column per model after the first; "" when empty. */
    String text(List<String> columns) {
        if (isEmpty()) {
            return "";
        }
        var header = new ArrayList<String>();
        header.add("column");
        byLabel.keySet().forEach(label -> header.add(label + " − " + reference));
        var t = new TextTable(header);
        for (String c : columns) {
            var cells = new ArrayList<String>();
            cells.add(c);
            byLabel.keySet().forEach(label -> cells.add(cell(of(label, c), c)));
            t.add(cells);
        }
        return "\nPaired with " + reference + " on the same test trials (" + describe()
                + "; ▲/▼: the whole interval better/worse)\n\n" + t.render();
    }

    /** Rows {@code "<label> − <reference> difference|lower|upper"} with one number per column; "" when empty. */
    String csv(List<String> columns) {
        if (isEmpty()) {
            return "";
        }
        var sb = new StringBuilder();
        for (String label : byLabel.keySet()) {
            for (String part : List.of("difference", "lower", "upper")) {
                sb.append(AblationTable.quote(label + " − " + reference + " " + part));
                for (String c : columns) {
                    double v = of(label, c).map(i -> part.equals("difference") ? i.difference()
                            : part.equals("lower") ? i.lower() : i.upper()).orElse(Double.NaN);
                    sb.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** The contrasts as an HTML section; "" when empty. */
    String html(List<String> columns) {
        if (isEmpty()) {
            return "";
        }
        var sb = new StringBuilder();
        sb.append("<h2>Paired with ").append(ReportHtml.escape(reference)).append("</h2><p class=\"note\">")
                .append("Each model's mean minus the first's on the same test trials, ").append(ReportHtml.escape(describe()))
                .append("; ▲/▼: the whole interval better/worse.</p>\n<table><tr><th>column</th>");
        byLabel.keySet().forEach(label -> sb.append("<th>").append(ReportHtml.escape(label + " − " + reference)).append("</th>"));
        sb.append("</tr>\n");
        for (String c : columns) {
            sb.append("<tr><td>").append(ReportHtml.escape(c)).append("</td>");
            byLabel.keySet().forEach(label -> sb.append("<td class=\"num\">")
                    .append(ReportHtml.escape(cell(of(label, c), c))).append("</td>"));
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }
}
