package org.nedsj.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.Evaluator;
import org.nedsj.eval.ReducedRankChoice;
import org.nedsj.eval.ScoreTable;

/**
 * The decoding metrics the reduced-rank decoder across sessions has, beside the model's and the
 * per-session baselines': a section of report.txt and report.html.
 *
 * @param session a session id, or {@link Comparison#MEAN}
 */
record ReducedRankComparison(String session, String key, double model, double baseline, double reducedRank) {

    static final String TITLE = "Reduced-rank regression across sessions (decoding)";
    static final String NOTE = "One decoder for all evaluated sessions: each session's own weights map its trial's spike "
            + "components (every bin) onto a basis of the behaviour's trace shared by all sessions; fitted on the training "
            + "trials, rank and λ chosen on the validation trials, scored on the same trials and tokens as the model. "
            + "Continuous behaviours only; categorical ones have the per-session logistic baseline alone.";

    static List<ReducedRankComparison> means(EvaluationReport r) {
        Map<String, Double> rrr = r.reducedRank().scores().mean().getOrDefault(Evaluator.DECODING, Map.of());
        Map<String, Double> model = r.model().mean().getOrDefault(Evaluator.DECODING, Map.of());
        Map<String, Double> base = r.baselines().mean().getOrDefault(Evaluator.DECODING, Map.of());
        var out = new ArrayList<ReducedRankComparison>();
        rrr.forEach((key, v) -> out.add(new ReducedRankComparison(Comparison.MEAN, key,
                model.getOrDefault(key, Double.NaN), base.getOrDefault(key, Double.NaN), v)));
        return out;
    }

    static List<ReducedRankComparison> perSession(EvaluationReport r) {
        var out = new ArrayList<ReducedRankComparison>();
        ScoreTable rrr = r.reducedRank().scores();
        for (String session : rrr.sessionIds()) {
            rrr.get(session, Evaluator.DECODING).ifPresent(s -> s.metrics().forEach((key, v) -> out.add(
                    new ReducedRankComparison(session, key, metric(r.model(), session, key),
                            metric(r.baselines(), session, key), v))));
        }
        return out;
    }

    private static double metric(ScoreTable t, String session, String key) {
        return t.get(session, Evaluator.DECODING).map(s -> s.metric(key)).orElse(Double.NaN);
    }

    static List<String> header(boolean withSession) {
        var h = new ArrayList<>(List.of("metric", "model", "per-session baseline", "reduced-rank", "model−reduced-rank"));
        if (withSession) {
            h.add(0, "session");
        }
        return h;
    }

    List<String> cells(boolean withSession) {
        var c = new ArrayList<>(List.of(key, Comparison.number(model), Comparison.baselineCell(baseline),
                Comparison.number(reducedRank), Comparison.signed(model - reducedRank)));
        if (withSession) {
            c.add(0, session);
        }
        return c;
    }

    /** "wheel: rank 3, λ 10 (validation MSE 0.1234, 4 sessions)" per behaviour. */
    static List<String> choices(EvaluationReport r) {
        var out = new ArrayList<String>();
        for (Map.Entry<String, ReducedRankChoice> e : r.reducedRank().choices().entrySet()) {
            ReducedRankChoice c = e.getValue();
            out.add(String.format(Locale.ROOT, "%s: rank %d, λ %s (validation MSE %s, %d session(s))", e.getKey(), c.rank(),
                    c.penalty(), Comparison.number(c.validationError()), c.sessions()));
        }
        return out;
    }

    static String text(EvaluationReport r) {
        if (r.reducedRank().isEmpty()) {
            return "";
        }
        var sb = new StringBuilder("\n").append(TITLE).append('\n').append("-".repeat(TITLE.length())).append('\n');
        sb.append(NOTE).append('\n');
        choices(r).forEach(c -> sb.append("  ").append(c).append('\n'));
        sb.append("\nMean over ").append(r.reducedRank().scores().sessionIds().size()).append(" session(s)\n");
        var means = new TextTable(header(false));
        means(r).forEach(c -> means.add(c.cells(false)));
        sb.append(means.render());
        sb.append("\nPer session\n");
        var sessions = new TextTable(header(true));
        perSession(r).forEach(c -> sessions.add(c.cells(true)));
        sb.append(sessions.render());
        return sb.toString();
    }

    static String html(EvaluationReport r) {
        if (r.reducedRank().isEmpty()) {
            return "";
        }
        var sb = new StringBuilder("<h2>").append(ReportHtml.escape(TITLE)).append("</h2>\n<p class=\"note\">")
                .append(ReportHtml.escape(NOTE)).append("</p>\n<ul>");
        choices(r).forEach(c -> sb.append("<li>").append(ReportHtml.escape(c)).append("</li>"));
        sb.append("</ul>\n");
        table(sb, means(r), false);
        sb.append("<details><summary>Per session</summary>\n");
        table(sb, perSession(r), true);
        sb.append("</details>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<ReducedRankComparison> rows, boolean withSession) {
        sb.append("<table><tr>");
        header(withSession).forEach(h -> sb.append("<th>").append(ReportHtml.escape(h)).append("</th>"));
        sb.append("</tr>\n");
        for (ReducedRankComparison row : rows) {
            sb.append("<tr>");
            List<String> cells = row.cells(withSession);
            for (int i = 0; i < cells.size(); i++) {
                boolean text = i == 0 || (withSession && i == 1);
                sb.append(text ? "<td>" : "<td class=\"num\">").append(ReportHtml.escape(cells.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }
}
