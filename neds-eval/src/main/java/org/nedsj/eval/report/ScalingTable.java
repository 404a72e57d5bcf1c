package org.nedsj.eval.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nedsj.eval.EvaluationReport;

/**
 * Performance on the same held-out sessions as the number of pretraining sessions grows: one row per
 * pretraining-set size, one column per task and metric ({@code <scheme>/<modality>.<metric>}, the
 * mean over the held-out sessions after fine-tuning). The linear baselines fitted on the held-out
 * sessions (per session, and the reduced-rank decoder across them) do not depend on pretraining; they
 * are reference rows of the first point's report. Where the evaluations kept their per-trial statistics (a scaling
 * run in one process), every later point is also paired with the first on the held-out sessions' test trials
 * ({@link PairedContrasts}). Writes {@code scaling.txt}, {@code scaling.csv} and {@code scaling.html} (one chart per
 * metric against the number of pretraining sessions).
 */
public final class ScalingTable {

    public static final String TEXT = "scaling.txt";
    public static final String CSV = "scaling.csv";
    public static final String HTML = "scaling.html";
    static final String BASELINE_ROW = "per-session baseline (reference)";
    static final String REDUCED_RANK_ROW = "reduced-rank across held-out sessions (reference)";

    /** The fine-tuned model's evaluation after pretraining on {@code pretraining} sessions. */
    public record Point(List<String> pretraining, EvaluationReport report) {
        public Point {
            pretraining = List.copyOf(pretraining);
            Objects.requireNonNull(report, "report");
        }

        int sessions() {
            return pretraining.size();
        }
    }

    private final List<Point> points;
    private final List<String> heldOut;
    private final List<String> columns;
    private final PairedContrasts contrasts;

    public ScalingTable(List<Point> points, List<String> heldOut) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a scaling table needs at least one pretraining-set size");
        }
        this.points = List.copyOf(points);
        this.heldOut = List.copyOf(heldOut);
        var cols = new ArrayList<String>();
        var schemes = new LinkedHashSet<String>();
        points.forEach(p -> schemes.addAll(p.report().schemes()));
        for (String scheme : schemes) {
            var keys = new LinkedHashSet<String>();
            points.forEach(p -> keys.addAll(p.report().mean().getOrDefault(scheme, Map.of()).keySet()));
            keys.forEach(k -> cols.add(scheme + "/" + k));
        }
        this.columns = List.copyOf(cols);
        this.contrasts = new PairedContrasts(this.points.stream().map(p -> p.sessions() + (p.sessions() == 1 ? " session" : " sessions")).toList(),
                this.points.stream().map(Point::report).toList());
    }

    /** Column names, {@code <scheme>/<modality>.<metric>}. */
    public List<String> columns() {
        return columns;
    }

    /** The fine-tuned model's mean of a column after pretraining on {@code sessions} sessions; NaN where absent. */
    public double value(int sessions, String column) {
        Point p = points.stream().filter(q -> q.sessions() == sessions).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no point with " + sessions + " pretraining sessions"));
        return valueOf(p.report().mean(), column);
    }

    private static double valueOf(Map<String, Map<String, Double>> mean, String column) {
        int slash = column.indexOf('/');
        return mean.getOrDefault(column.substring(0, slash), Map.of()).getOrDefault(column.substring(slash + 1), Double.NaN);
    }

    private Map<String, Map<String, Double>> baselineMeans() {
        return points.get(0).report().baselines().mean();
    }

    private Map<String, Map<String, Double>> reducedRankMeans() {
        return points.get(0).report().reducedRank().scores().mean();
    }

    /** Writes the three files into {@code dir} (created if missing); returns them. */
    public List<Path> write(Path dir) throws IOException {
        var files = new LinkedHashMap<String, String>();
        files.put(TEXT, text());
        files.put(CSV, csv());
        files.put(HTML, html());
        return AtomicFiles.writeAll(dir, files);
    }

    String text() {
        var sb = new StringBuilder("Scaling with pretraining sessions\n=================================\n");
        sb.append("held-out sessions (fine-tuned and evaluated on their test trials): ").append(String.join(", ", heldOut)).append('\n');
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%d: %s%n", p.sessions(), String.join(", ", p.pretraining())));
        }
        sb.append("\nMean over the held-out sessions; higher is better, except for *nll.\n");
        var header = new ArrayList<String>();
        header.add("pretraining sessions");
        header.addAll(columns);
        var t = new TextTable(header);
        for (Point p : points) {
            var cells = new ArrayList<String>();
            cells.add(Integer.toString(p.sessions()));
            columns.forEach(c -> cells.add(Comparison.number(valueOf(p.report().mean(), c))));
            t.add(cells);
        }
        referenceRows().forEach((label, mean) -> {
            var cells = new ArrayList<String>();
            cells.add(label);
            columns.forEach(c -> cells.add(Comparison.baselineCell(valueOf(mean, c))));
            t.add(cells);
        });
        sb.append(t.render()).append(contrasts.text(columns));
        if (contrasts.isEmpty() && points.size() > 1) {
            sb.append("\nNot paired with the first point: some points' evaluations were read back from their reports, "
                    + "which keep no per-trial statistics.\n");
        }
        return sb.toString();
    }

    private Map<String, Map<String, Map<String, Double>>> referenceRows() {
        var out = new LinkedHashMap<String, Map<String, Map<String, Double>>>();
        if (!points.get(0).report().baselines().isEmpty()) {
            out.put(BASELINE_ROW, baselineMeans());
        }
        if (!points.get(0).report().reducedRank().isEmpty()) {
            out.put(REDUCED_RANK_ROW, reducedRankMeans());
        }
        return out;
    }

    String csv() {
        var sb = new StringBuilder("pretraining_sessions");
        columns.forEach(c -> sb.append(',').append(c));
        sb.append('\n');
        for (Point p : points) {
            sb.append(p.sessions());
            columns.forEach(c -> sb.append(',').append(csvNumber(valueOf(p.report().mean(), c))));
            sb.append('\n');
        }
        referenceRows().forEach((label, mean) -> {
            sb.append('"').append(label).append('"');
            columns.forEach(c -> sb.append(',').append(csvNumber(valueOf(mean, c))));
            sb.append('\n');
        });
        sb.append(contrasts.csv(columns));
        return sb.toString();
    }

    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    String html() {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>NEDS-J scaling"
                + "</title><style>body{font-family:DejaVu Sans,Arial,sans-serif;margin:24px;color:#222}"
                + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px}"
                + ".charts{display:flex;flex-wrap:wrap;gap:8px}.note{color:#555;font-size:13px}</style></head><body>\n");
        sb.append("<h1>Scaling with pretraining sessions</h1>\n<p class=\"note\">Each point: pretrained on that many sessions, "
                + "fine-tuned on the held-out sessions ").append(ReportHtml.escape(String.join(", ", heldOut)))
                .append(", evaluated on their test trials (mean over them). Blue: the fine-tuned model; orange dashed: the "
                        + "per-session linear baseline; green dashed: the reduced-rank decoder across the held-out sessions "
                        + "(neither depends on pretraining).</p>\n<div class=\"charts\">");
        double[] x = points.stream().mapToDouble(Point::sessions).toArray();
        for (String c : columns) {
            var lines = new ArrayList<Charts.Line>();
            double[] y = points.stream().mapToDouble(p -> valueOf(p.report().mean(), c)).toArray();
            lines.add(new Charts.Line("model", x, y, Charts.MODEL, false));
            reference(lines, "baseline", x, valueOf(baselineMeans(), c), Charts.BASELINE);
            reference(lines, "reduced-rank", x, valueOf(reducedRankMeans(), c), Charts.OTHER);
            sb.append(Charts.lines(c, "pretraining sessions", c.substring(c.indexOf('/') + 1), lines, 380, 260));
        }
        sb.append("</div>\n<h2>Table</h2><pre>").append(ReportHtml.escape(text())).append("</pre>\n</body></html>\n");
        return sb.toString();
    }

    private static void reference(List<Charts.Line> lines, String name, double[] x, double value, java.awt.Color colour) {
        if (Double.isFinite(value)) {
            double[] y = new double[x.length];
            java.util.Arrays.fill(y, value);
            lines.add(new Charts.Line(name, x, y, colour, true));
        }
    }
}
