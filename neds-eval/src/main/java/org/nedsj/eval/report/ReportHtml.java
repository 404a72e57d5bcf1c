package org.nedsj.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nedsj.eval.ConfusionCounts;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.Evaluator;
import org.nedsj.eval.ExampleTrace;
import org.nedsj.eval.PairedDifferences;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no external resources) with the
 * comparison to the baselines, training curves, example decoded traces, per-neuron bits per spike and
 * confusion matrices.
 */
final class ReportHtml {

    static final String STYLE = """
            body{font-family:DejaVu Sans,Arial,sans-serif;margin:24px;color:#222;max-width:1180px}
            h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc;padding-bottom:4px}
            h3{font-size:15px;margin:16px 0 6px}
            table{border-collapse:collapse;font-size:13px;margin:6px 0}
            td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.below td{background:#fde2e1}
            .badge{color:#b00020;font-weight:bold;white-space:nowrap}
            .alert{border:2px solid #b00020;background:#fde2e1;padding:8px 12px;margin:10px 0;font-weight:bold}
            .ok{border:2px solid #2c7a2c;background:#e3f4e3;padding:8px 12px;margin:10px 0}
            .note{color:#555;font-size:13px}
            .charts{display:flex;flex-wrap:wrap;gap:8px}
            .charts svg{border:1px solid #eee}
            pre{background:#f6f6f6;padding:8px;font-size:12px;white-space:pre-wrap}
            """;

    private ReportHtml() {
    }

    static String render(EvaluationReport r, Map<String, String> provenance, Path metricsCsv) {
        var sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>NEDS-J report ")
                .append(escape(ReportJson.runOf(r, provenance))).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        header(sb, r, provenance);
        comparison(sb, r);
        sb.append(ReducedRankComparison.html(r));
        curves(sb, metricsCsv);
        examples(sb, r);
        neurons(sb, r);
        confusion(sb, r);
        sb.append("<h2>Definitions</h2><pre>").append(escape(ReportNotes.TEXT)).append("</pre>\n");
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, EvaluationReport r, Map<String, String> provenance) {
        sb.append("<h1>NEDS-J evaluation report</h1>\n<table>");
        row(sb, "run", ReportJson.runOf(r, provenance));
        row(sb, "split", r.split().name().toLowerCase());
        row(sb, "sessions", r.sessionIds().size() + " (" + String.join(", ", r.sessionIds()) + ")");
        row(sb, "schemes", String.join(", ", r.schemes()));
        sb.append("</table>\n<h3>Provenance</h3><table>");
        if (provenance.isEmpty()) {
            row(sb, "provenance", "none given");
        }
        provenance.forEach((k, v) -> row(sb, k, v));
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    private static void comparison(StringBuilder sb, EvaluationReport r) {
        List<Comparison> means = Comparison.means(r);
        sb.append("<h2>Model vs linear baselines</h2>\n");
        long below = means.stream().filter(Comparison::belowBaseline).count();
        long compared = means.stream().filter(c -> Double.isFinite(c.baseline())).count();
        if (r.baselines().isEmpty()) {
            sb.append("<p class=\"note\">Baselines were not computed for this report.</p>");
        } else if (below > 0) {
            sb.append("<div class=\"alert\">").append(ReportText.BELOW).append(": the model is not better than the linear baseline on ")
                    .append(below).append(" of ").append(compared).append(" metrics (mean over sessions), marked in red below");
            if (!r.paired().isEmpty()) {
                sb.append("; beyond the ").append(Comparison.intervalHeading(r.paired().level())).append(" of the test trials on ")
                        .append(means.stream().filter(Comparison::worseBeyondNoise).count());
            }
            sb.append(".</div>");
        } else {
            sb.append("<div class=\"ok\">The model beats the linear baseline on all ").append(compared)
                    .append(" metrics that have one (mean over sessions).</div>");
        }
        sb.append("<p class=\"note\">Mean over ").append(r.sessionIds().size())
                .append(" session(s). Higher is better, except for *nll.");
        if (!r.paired().isEmpty()) {
            sb.append(' ').append(escape(ReportText.intervalNote(r.paired())));
        }
        sb.append("</p>\n");
        comparisonTable(sb, means, false, r.paired());
        sb.append("<details><summary>Per session</summary>\n");
        comparisonTable(sb, Comparison.perSession(r), true, r.paired());
        sb.append("</details>\n");
    }

    private static void comparisonTable(StringBuilder sb, List<Comparison> rows, boolean withSession, PairedDifferences paired) {
        sb.append("<table><tr>").append(withSession ? "<th>session</th>" : "")
                .append("<th>task</th><th>metric</th><th>model</th><th>baseline</th><th>model − baseline</th>")
                .append(paired.isEmpty() ? "" : "<th>" + Comparison.intervalHeading(paired.level()) + "</th>")
                .append("<th></th></tr>\n");
        for (Comparison c : rows) {
            sb.append(c.belowBaseline() ? "<tr class=\"below\">" : "<tr>");
            if (withSession) {
                sb.append("<td>").append(escape(c.session())).append("</td>");
            }
            sb.append("<td>").append(escape(c.scheme())).append("</td><td>").append(escape(c.key())).append("</td>")
                    .append("<td class=\"num\">").append(Comparison.number(c.model())).append("</td>")
                    .append("<td class=\"num\">").append(Comparison.baselineCell(c.baseline())).append("</td>")
                    .append("<td class=\"num\">").append(Comparison.signed(c.difference())).append("</td>")
                    .append(paired.isEmpty() ? "" : "<td class=\"num\">" + c.intervalCell() + "</td>").append("<td>")
                    .append(c.belowBaseline() ? "<span class=\"badge\">" + escape(ReportText.mark(c)) + "</span>" : "")
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void curves(StringBuilder sb, Path metricsCsv) {
        sb.append("<h2>Training curves</h2>\n");
        if (metricsCsv == null || !Files.isRegularFile(metricsCsv)) {
            sb.append("<p class=\"alert\">No training metrics: ").append(metricsCsv == null ? "no metrics.csv was given"
                    : escape(metricsCsv.toString()) + " does not exist").append(", so there are no training curves.</p>\n");
            return;
        }
        TrainingCurves curves;
        try {
            curves = TrainingCurves.read(metricsCsv);
        } catch (IOException e) {
            sb.append("<p class=\"alert\">Could not read ").append(escape(metricsCsv.toString())).append(": ")
                    .append(escape(String.valueOf(e.getMessage()))).append("</p>\n");
            return;
        }
        if (!curves.has("epoch") || curves.rows() == 0) {
            sb.append("<p class=\"alert\">").append(escape(metricsCsv.toString()))
                    .append(curves.has("epoch") ? " has no rows." : " has no epoch column.").append("</p>\n");
            return;
        }
        double[] epoch = spreadWithinEpochs(curves.column("epoch"));
        sb.append("<p class=\"note\">From ").append(escape(metricsCsv.toString())).append(", ").append(curves.rows())
                .append(" rows; rows logged within one epoch are spread evenly over [epoch, epoch+1).</p>\n<div class=\"charts\">");
        for (String q : curves.quantities()) {
            var lines = new ArrayList<Charts.Line>();
            if (curves.has("train_" + q)) {
                lines.add(new Charts.Line("train", epoch, curves.column("train_" + q), Charts.MODEL, false));
            }
            if (curves.has("val_" + q)) {
                lines.add(new Charts.Line("validation", epoch, curves.column("val_" + q), Charts.BASELINE, false));
            }
            sb.append(Charts.lines(q.equals("loss") ? "total loss" : q + " loss", "epoch", "loss", lines, 360, 250));
        }
        sb.append("</div>\n");
        if (!curves.skipped().isEmpty()) {
            sb.append("<p class=\"note\">Skipped: ").append(escape(String.join("; ", curves.skipped()))).append("</p>\n");
        }
    }

    /** The k-th of n rows logged in epoch e is placed at e + k/n. */
    static double[] spreadWithinEpochs(double[] epoch) {
        double[] x = new double[epoch.length];
        Map<Double, Integer> counts = new HashMap<>();
        for (double e : epoch) {
            counts.merge(e, 1, Integer::sum);
        }
        Map<Double, Integer> seen = new HashMap<>();
        for (int i = 0; i < epoch.length; i++) {
            int k = seen.merge(epoch[i], 1, Integer::sum) - 1;
            x[i] = epoch[i] + (double) k / counts.get(epoch[i]);
        }
        return x;
    }

    private static void examples(StringBuilder sb, EvaluationReport r) {
        sb.append("<h2>Decoded behaviour on example ").append(r.split().name().toLowerCase()).append(" trials</h2>\n");
        if (r.examples().isEmpty()) {
            sb.append("<p class=\"note\">No continuous behaviour was decoded, so there are no example traces.</p>\n");
            return;
        }
        sb.append("<p class=\"note\">Decoding scheme: behaviour hidden, spikes visible. Black: truth; blue: model; orange dashed: linear baseline.</p>\n<div class=\"charts\">");
        for (ExampleTrace e : r.examples()) {
            double[] bins = new double[e.truth().length];
            for (int i = 0; i < bins.length; i++) {
                bins[i] = i;
            }
            var lines = new ArrayList<Charts.Line>();
            lines.add(new Charts.Line("truth", bins, toDouble(e.truth()), Charts.TRUTH, false));
            lines.add(new Charts.Line("model", bins, toDouble(e.model()), Charts.MODEL, false));
            if (e.baseline() != null) {
                lines.add(new Charts.Line("baseline", bins, toDouble(e.baseline()), Charts.BASELINE, true));
            }
            String title = e.modality() + (e.channel() > 0 ? " [" + e.channel() + "]" : "") + ", trial " + e.trial();
            sb.append(Charts.lines(title, "time bin", e.modality(), lines, 360, 240));
        }
        sb.append("</div>\n<p class=\"note\">Session ").append(escape(r.examples().get(0).sessionId())).append(".</p>\n");
    }

    private static void neurons(StringBuilder sb, EvaluationReport r) {
        sb.append("<h2>Per-neuron bits per spike (encoding)</h2>\n");
        List<String> modalities = NeuronSummary.modalities(r);
        if (modalities.isEmpty()) {
            sb.append("<p class=\"note\">No neural counts were scored under encoding.</p>\n");
            return;
        }
        for (String m : modalities) {
            NeuronSummary model = NeuronSummary.of(r.model(), m);
            NeuronSummary base = NeuronSummary.of(r.baselines(), m);
            sb.append("<h3>").append(escape(m)).append("</h3><p class=\"note\">Model: ").append(escape(model.describe()));
            if (base.count() > 0) {
                sb.append(". Baseline GLM: ").append(escape(base.describe()));
            }
            sb.append(". Neurons without spikes in the evaluated bins are left out.</p>\n<div class=\"charts\">");
            sb.append(Charts.histogram("model, per neuron", "bits per spike", model.values(), 30, 360, 250));
            Map<String, double[]> modelBySession = r.model().neuronBitsPerSpike(Evaluator.ENCODING, m);
            Map<String, double[]> baseBySession = r.baselines().neuronBitsPerSpike(Evaluator.ENCODING, m);
            if (!baseBySession.isEmpty()) {
                var groups = new ArrayList<double[][]>();
                var names = new ArrayList<String>();
                modelBySession.forEach((session, values) -> {
                    if (baseBySession.containsKey(session)) {
                        groups.add(new double[][] {baseBySession.get(session), values});
                        names.add(session);
                    }
                });
                sb.append(Charts.scatterWithDiagonal("model vs baseline GLM, per neuron", "baseline bits/spike",
                        "model bits/spike", groups, names, 360, 260));
            }
            sb.append("</div>\n");
        }
    }

    private static void confusion(StringBuilder sb, EvaluationReport r) {
        Map<String, ConfusionCounts> model = r.model().pooledConfusion(Evaluator.DECODING);
        sb.append("<h2>Confusion matrices (decoding)</h2>\n");
        if (model.isEmpty()) {
            sb.append("<p class=\"note\">No categorical behaviour was decoded.</p>\n");
            return;
        }
        Map<String, ConfusionCounts> base = r.baselines().pooledConfusion(Evaluator.DECODING);
        sb.append("<p class=\"note\">Summed over sessions; rows: true class, columns: predicted class; shade: fraction of the row.</p>\n");
        sb.append("<div class=\"charts\">");
        model.forEach((m, c) -> {
            matrix(sb, m + ", model", c);
            if (base.containsKey(m)) {
                matrix(sb, m + ", baseline", base.get(m));
            }
        });
        sb.append("</div>\n");
    }

    private static void matrix(StringBuilder sb, String title, ConfusionCounts c) {
        sb.append("<div><h3>").append(escape(title)).append("</h3><table><tr><th></th>");
        for (int j = 0; j < c.classes(); j++) {
            sb.append("<th>pred ").append(j).append("</th>");
        }
        sb.append("</tr>");
        for (int i = 0; i < c.classes(); i++) {
            long rowTotal = 0;
            for (int j = 0; j < c.classes(); j++) {
                rowTotal += c.count(i, j);
            }
            sb.append("<tr><th>true ").append(i).append("</th>");
            for (int j = 0; j < c.classes(); j++) {
                double share = rowTotal == 0 ? 0 : c.count(i, j) / (double) rowTotal;
                sb.append(String.format(Locale.ROOT, "<td class=\"num\" style=\"background:rgba(31,119,180,%.2f);color:%s\">%d</td>",
                        0.85 * share, share > 0.5 ? "#fff" : "#222", c.count(i, j)));
            }
            sb.append("</tr>");
        }
        sb.append("</table></div>\n");
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
