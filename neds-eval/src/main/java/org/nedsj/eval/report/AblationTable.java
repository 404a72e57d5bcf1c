package org.nedsj.eval.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.MetricNames;

/**
 * Compares models trained with different masking-scheme sets: one row per scheme set, one column per
 * task and metric ({@code <scheme>/<modality>.<metric>}, the mean over sessions), the best value of
 * each column marked (higher is better, lower for *nll). The first report's linear baselines are
 * shown as a reference row that is not ranked. Where the evaluations kept their per-trial statistics (an
 * ablation run in one process), every later scheme set is also paired with the first on the same test trials: the
 * difference of the means with a paired-bootstrap interval ({@link PairedContrasts}). Writes {@code ablation.txt},
 * {@code ablation.csv} and {@code ablation.html}.
 */
public final class AblationTable {

    public static final String TEXT = "ablation.txt";
    public static final String CSV = "ablation.csv";
    public static final String HTML = "ablation.html";
    static final String BASELINE_ROW = "linear baseline (reference, not ranked)";

    /** One scheme set's evaluation. */
    public record Row(String schemeSet, EvaluationReport report) {
        public Row {
            Objects.requireNonNull(schemeSet, "schemeSet");
            Objects.requireNonNull(report, "report");
        }
    }

    private final List<Row> rows;
    private final List<String> columns;
    private final PairedContrasts contrasts;

    public AblationTable(List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an ablation table needs at least one scheme set");
        }
        var names = new LinkedHashSet<String>();
        for (Row r : rows) {
            if (!names.add(r.schemeSet())) {
                throw new IllegalArgumentException("scheme set '" + r.schemeSet() + "' appears twice in the ablation");
            }
        }
        this.rows = List.copyOf(rows);
        this.columns = columnsOf(rows);
        this.contrasts = new PairedContrasts(this.rows.stream().map(Row::schemeSet).toList(),
                this.rows.stream().map(Row::report).toList());
    }

    private static List<String> columnsOf(List<Row> rows) {
        var schemes = new LinkedHashSet<String>();
        rows.forEach(r -> schemes.addAll(r.report().schemes()));
        var out = new ArrayList<String>();
        for (String scheme : schemes) {
            var keys = new LinkedHashSet<String>();
            rows.forEach(r -> keys.addAll(r.report().mean().getOrDefault(scheme, Map.of()).keySet()));
            keys.forEach(k -> out.add(scheme + "/" + k));
        }
        return out;
    }

    /** Column names, {@code <scheme>/<modality>.<metric>}. */
    public List<String> columns() {
        return columns;
    }

    /** The model's mean of a column for a scheme set; NaN where that run lacks it. */
    public double value(String schemeSet, String column) {
        Row row = rows.stream().filter(r -> r.schemeSet().equals(schemeSet)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scheme set " + schemeSet));
        return valueOf(row.report().mean(), column);
    }

    private static double valueOf(Map<String, Map<String, Double>> mean, String column) {
        int slash = column.indexOf('/');
        return mean.getOrDefault(column.substring(0, slash), Map.of()).getOrDefault(column.substring(slash + 1), Double.NaN);
    }

    /** The scheme set with the best value of each column (the first on ties); absent where no row has a value. */
    public Map<String, String> best() {
        var out = new LinkedHashMap<String, String>();
        for (String column : columns) {
            String key = column.substring(column.indexOf('/') + 1);
            String bestRow = null;
            double best = Double.NaN;
            for (Row r : rows) {
                double v = valueOf(r.report().mean(), column);
                if (MetricNames.better(key, v, best)) {
                    best = v;
                    bestRow = r.schemeSet();
                }
            }
            if (bestRow != null) {
                out.put(column, bestRow);
            }
        }
        return out;
    }

    /** Writes the three tables into {@code dir} (created if missing); returns them. */
    public List<Path> write(Path dir) throws IOException {
        var files = new LinkedHashMap<String, String>();
        files.put(TEXT, text());
        files.put(CSV, csv());
        files.put(HTML, html());
        return AtomicFiles.writeAll(dir, files);
    }

    private Map<String, Map<String, Double>> baselineMeans() {
        return rows.get(0).report().baselines().mean();
    }

    String text() {
        Map<String, String> best = best();
        var header = new ArrayList<String>();
        header.add("scheme set");
        header.addAll(columns);
        var t = new TextTable(header);
        for (Row r : rows) {
            var cells = new ArrayList<String>();
            cells.add(r.schemeSet());
            for (String c : columns) {
                String v = Comparison.number(valueOf(r.report().mean(), c));
                cells.add(r.schemeSet().equals(best.get(c)) ? "*" + v : v);
            }
            t.add(cells);
        }
        if (!rows.get(0).report().baselines().isEmpty()) {
            var cells = new ArrayList<String>();
            cells.add(BASELINE_ROW);
            columns.forEach(c -> cells.add(Comparison.baselineCell(valueOf(baselineMeans(), c))));
            t.add(cells);
        }
        return "NEDS-J ablation: masking-scheme sets compared (mean over sessions, split "
                + rows.get(0).report().split().name().toLowerCase() + ")\n"
                + "* marks the best value of each column (higher is better, lower for *nll)\n\n" + t.render() + contrasts.text(columns);
    }

    String csv() {
        var sb = new StringBuilder();
        sb.append("scheme_set");
        columns.forEach(c -> sb.append(',').append(quote(c)));
        sb.append('\n');
        for (Row r : rows) {
            sb.append(quote(r.schemeSet()));
            columns.forEach(c -> sb.append(',').append(csvNumber(valueOf(r.report().mean(), c))));
            sb.append('\n');
        }
        if (!rows.get(0).report().baselines().isEmpty()) {
            sb.append(quote(BASELINE_ROW));
            columns.forEach(c -> sb.append(',').append(csvNumber(valueOf(baselineMeans(), c))));
            sb.append('\n');
        }
        Map<String, String> best = best();
        sb.append("best");
        columns.forEach(c -> sb.append(',').append(quote(best.getOrDefault(c, ""))));
        sb.append('\n');
        sb.append(contrasts.csv(columns));
        return sb.toString();
    }

    String html() {
        Map<String, String> best = best();
        var sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>NEDS-J ablation</title><style>")
                .append("body{font-family:DejaVu Sans,Arial,sans-serif;margin:24px;color:#222}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px}")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.best{background:#e3f4e3;font-weight:bold}")
                .append("tr.ref td{color:#666;font-style:italic}.note{color:#555;font-size:13px}</style></head><body>\n")
                .append("<h1>Masking-scheme sets compared</h1><p class=\"note\">Mean over sessions, split ")
                .append(rows.get(0).report().split().name().toLowerCase())
                .append(". ★ marks the best value of each column (higher is better, lower for *nll).</p>\n")
                .append("<div style=\"overflow-x:auto\"><table><tr><th rowspan=\"2\">scheme set</th>");
        // first header row: one cell per task spanning its metrics; second: the metric keys
        String task = null;
        int span = 0;
        for (String c : columns) {
            String t = c.substring(0, c.indexOf('/'));
            if (!t.equals(task) && task != null) {
                sb.append("<th colspan=\"").append(span).append("\">").append(ReportHtml.escape(task)).append("</th>");
                span = 0;
            }
            task = t;
            span++;
        }
        if (task != null) {
            sb.append("<th colspan=\"").append(span).append("\">").append(ReportHtml.escape(task)).append("</th>");
        }
        sb.append("</tr>\n<tr>");
        columns.forEach(c -> sb.append("<th>").append(ReportHtml.escape(c.substring(c.indexOf('/') + 1))).append("</th>"));
        sb.append("</tr>\n");
        for (Row r : rows) {
            sb.append("<tr><td>").append(ReportHtml.escape(r.schemeSet())).append("</td>");
            for (String c : columns) {
                String v = Comparison.number(valueOf(r.report().mean(), c));
                boolean isBest = r.schemeSet().equals(best.get(c));
                sb.append(isBest ? "<td class=\"num best\">★ " : "<td class=\"num\">").append(v).append("</td>");
            }
            sb.append("</tr>\n");
        }
        if (!rows.get(0).report().baselines().isEmpty()) {
            sb.append("<tr class=\"ref\"><td>").append(BASELINE_ROW).append("</td>");
            columns.forEach(c -> sb.append("<td class=\"num\">").append(Comparison.baselineCell(valueOf(baselineMeans(), c))).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table></div>\n");
        sb.append(contrasts.html(columns));
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
