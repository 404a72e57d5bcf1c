package org.nedsj.eval.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html} of a hyper-parameter sweep: the metric against epoch for every trial (stopped trials
 * dashed, so early stopping shows), and the metric against each varied parameter, one colour per status.
 */
public final class SweepReport {

    public static final String HTML = "report.html";

    private static final Color[] PALETTE = {Charts.MODEL, Charts.BASELINE, Charts.OTHER, new Color(0xd6, 0x27, 0x28),
        new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0x7f, 0x7f, 0x7f),
        new Color(0xbc, 0xbd, 0x22), new Color(0x17, 0xbe, 0xcf)};

    /**
     * One trial: its curve (epochs and metric values), status, final metric and the numeric value of each
     * varied parameter (a choice of words by its position in the list).
     */
    public record Trial(String name, String status, double[] epochs, double[] curve, double metric,
                        Map<String, Double> parameters) {
    }

    private final String metric;
    private final List<Trial> trials;
    private final List<String> parameters;
    private final String summary;

    public SweepReport(String metric, List<Trial> trials, List<String> parameters, String summary) {
        this.metric = metric;
        this.trials = List.copyOf(trials);
        this.parameters = List.copyOf(parameters);
        this.summary = summary;
    }

    public Path write(Path dir) throws IOException {
        return AtomicFiles.writeAll(dir, Map.of(HTML, html())).get(0);
    }

    String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>sweep</title>"
                + "<style>body{font-family:sans-serif;margin:2em} td,th{padding:2px 8px;text-align:right}</style>"
                + "</head><body>\n<h1>Sweep</h1>\n<p>").append(ReportHtml.escape(summary)).append("</p>\n");
        h.append("<h2>").append(ReportHtml.escape(metric)).append(" by epoch</h2>\n<p>Solid: trials that ran to the end; "
                + "dashed: trials stopped at a rung or that failed.</p>\n");
        List<Charts.Line> lines = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            lines.add(new Charts.Line(t.name() + " (" + t.status() + ")", t.epochs(), t.curve(), PALETTE[i % PALETTE.length],
                    !t.status().equals("completed") && !t.status().equals("early-stopped")));
        }
        h.append(Charts.lines(metric + " by epoch", "epoch", metric, lines, 720, 420)).append('\n');
        for (String p : parameters) {
            Map<String, List<double[]>> byStatus = new LinkedHashMap<>();
            for (Trial t : trials) {
                byStatus.computeIfAbsent(t.status(), s -> new ArrayList<>())
                        .add(new double[] {t.parameters().getOrDefault(p, Double.NaN), t.metric()});
            }
            List<double[][]> groups = new ArrayList<>();
            byStatus.values().forEach(points -> {
                double[][] g = new double[2][points.size()];
                for (int i = 0; i < points.size(); i++) {
                    g[0][i] = points.get(i)[0];
                    g[1][i] = points.get(i)[1];
                }
                groups.add(g);
            });
            h.append("<h2>").append(ReportHtml.escape(metric)).append(" against ").append(ReportHtml.escape(p))
                    .append("</h2>\n").append(Charts.scatter(metric + " against " + p, p, metric, groups,
                            List.copyOf(byStatus.keySet()), 560, 360)).append('\n');
        }
        h.append("<h2>Trials</h2>\n<table><tr><th>trial</th><th>status</th><th>epochs</th><th>")
                .append(ReportHtml.escape(metric)).append("</th></tr>\n");
        for (Trial t : trials) {
            h.append("<tr><td>").append(ReportHtml.escape(t.name())).append("</td><td>").append(ReportHtml.escape(t.status()))
                    .append("</td><td>").append(t.epochs().length == 0 ? 0 : (int) t.epochs()[t.epochs().length - 1])
                    .append("</td><td>").append(Double.isNaN(t.metric()) ? "" : String.format(java.util.Locale.ROOT, "%.4f", t.metric()))
                    .append("</td></tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }
}
