package org.nedsj.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nedsj.eval.regions.RegionAnalysis;
import org.nedsj.eval.regions.RegionScore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code regions.json} and {@code regions.html} of {@code neds analyze regions}: each feature set's
 * cross-validated accuracy and balanced accuracy beside chance, the confusion matrices of the shown
 * embedding and of the firing-statistics baseline, and the embedding's 2-D projection coloured by region.
 */
public final class RegionReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RegionReport() {
    }

    /** Writes both files into {@code folder} (each to a temporary file, then moved into place); returns them. */
    public static List<Path> write(RegionAnalysis a, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path json = folder.resolve("regions.json");
        Path html = folder.resolve("regions.html");
        writeAtomically(json, json(a));
        writeAtomically(html, html(a));
        return List.of(json, html);
    }

    static String json(RegionAnalysis a) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode prov = root.putObject("provenance");
        a.provenance().forEach(prov::put);
        ObjectNode neurons = root.putObject("neurons");
        a.neurons().forEach((session, counts) -> {
            ObjectNode s = neurons.putObject(session);
            counts.forEach(s::put);
        });
        root.put("shown", a.shown());
        ArrayNode scores = root.putArray("scores");
        for (RegionScore s : a.scores()) {
            ObjectNode o = scores.addObject();
            o.put("features", s.features());
            o.put("dimensions", s.dimensions());
            o.put("neurons", s.neurons());
            o.put("folds", s.folds());
            o.put("accuracy", s.accuracy());
            o.put("balanced_accuracy", s.balancedAccuracy());
            o.put("chance_accuracy", s.majorityChance());
            o.put("chance_balanced_accuracy", s.balancedChance());
            ArrayNode classes = o.putArray("regions");
            s.classes().forEach(classes::add);
            ArrayNode confusion = o.putArray("confusion");
            for (long[] row : s.confusion()) {
                ArrayNode r = confusion.addArray();
                for (long c : row) {
                    r.add(c);
                }
            }
        }
        return JSON.writeValueAsString(root);
    }

    static String html(RegionAnalysis a) {
        var sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>NEDS-J regions ")
                .append(ReportHtml.escape(a.provenance().getOrDefault("run", ""))).append("</title><style>")
                .append(ReportHtml.STYLE).append("</style></head><body>\n");
        sb.append("<h1>Brain regions from neuron embeddings</h1>\n<table>");
        a.provenance().forEach((k, v) -> sb.append("<tr><th>").append(ReportHtml.escape(k)).append("</th><td>")
                .append(ReportHtml.escape(v)).append("</td></tr>"));
        sb.append("</table>\n");
        scores(sb, a);
        sb.append("<h2>Confusion matrices</h2>\n<p class=\"note\">Held-out neurons over all folds; rows: true region, columns: "
                + "predicted region; shade: fraction of the row.</p>\n<div class=\"charts\">");
        RegionScore shown = a.score(a.shown());
        matrix(sb, a.shown(), shown);
        RegionScore baseline = a.scores().get(a.scores().size() - 1);
        if (baseline != shown) {
            matrix(sb, baseline.features(), baseline);
        }
        sb.append("</div>\n");
        projection(sb, a);
        neurons(sb, a);
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void scores(StringBuilder sb, RegionAnalysis a) {
        sb.append("<h2>Region decoding, cross-validated over sessions</h2>\n<p class=\"note\">A classifier (multinomial logistic "
                + "regression on z-scored features) is fitted on the neurons of some sessions and predicts the region of the neurons "
                + "of the others; no session has neurons on both sides. Chance: always answering the most common region (accuracy), "
                + "1 / regions (balanced accuracy). The last row reads only firing statistics (log mean rate, Fano factor of the "
                + "training trials' spike counts).</p>\n<table><tr><th>features</th><th>dimensions</th><th>neurons</th><th>folds</th>"
                + "<th>accuracy</th><th>chance</th><th>balanced accuracy</th><th>chance</th></tr>");
        for (RegionScore s : a.scores()) {
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                            + "<td class=\"num\">%.3f</td><td class=\"num\">%.3f</td><td class=\"num\">%.3f</td><td class=\"num\">%.3f</td></tr>",
                    ReportHtml.escape(s.features()), s.dimensions(), s.neurons(), s.folds(), s.accuracy(), s.majorityChance(),
                    s.balancedAccuracy(), s.balancedChance()));
        }
        sb.append("</table>\n");
    }

    private static void matrix(StringBuilder sb, String title, RegionScore s) {
        sb.append("<div><h3>").append(ReportHtml.escape(title)).append("</h3><table><tr><th></th>");
        for (String c : s.classes()) {
            sb.append("<th>").append(ReportHtml.escape(c)).append("</th>");
        }
        sb.append("</tr>");
        for (int i = 0; i < s.classes().size(); i++) {
            long total = Arrays.stream(s.confusion()[i]).sum();
            sb.append("<tr><th>").append(ReportHtml.escape(s.classes().get(i))).append("</th>");
            for (long c : s.confusion()[i]) {
                double share = total == 0 ? 0 : c / (double) total;
                sb.append(String.format(Locale.ROOT, "<td class=\"num\" style=\"background:rgba(31,119,180,%.2f);color:%s\">%d</td>",
                        0.85 * share, share > 0.5 ? "#fff" : "#222", c));
            }
            sb.append("</tr>");
        }
        sb.append("</table></div>\n");
    }

    private static void projection(StringBuilder sb, RegionAnalysis a) {
        sb.append("<h2>Embeddings in two dimensions</h2>\n<p class=\"note\">The ").append(ReportHtml.escape(a.shown()))
                .append(" of every neuron with a known region, z-scored and projected on its first two principal components "
                        + "(pooled over sessions); colour: region.</p>\n<div class=\"charts\">");
        List<String> regions = a.regions().stream().distinct().sorted().toList();
        List<double[][]> groups = new ArrayList<>();
        for (String r : regions) {
            int[] rows = IntStream.range(0, a.regions().size()).filter(i -> a.regions().get(i).equals(r)).toArray();
            double[][] g = new double[2][rows.length];
            for (int k = 0; k < rows.length; k++) {
                g[0][k] = a.projection()[0][rows[k]];
                g[1][k] = a.projection()[1][rows[k]];
            }
            groups.add(g);
        }
        sb.append(Charts.scatter("first two principal components", "PC 1", "PC 2", groups, regions, 620, 460));
        sb.append("</div>\n");
    }

    private static void neurons(StringBuilder sb, RegionAnalysis a) {
        sb.append("<h2>Neurons per session and region</h2>\n<table><tr><th>session</th><th>neurons per region</th></tr>");
        for (Map.Entry<String, Map<String, Integer>> e : a.neurons().entrySet()) {
            sb.append("<tr><td>").append(ReportHtml.escape(e.getKey())).append("</td><td>")
                    .append(ReportHtml.escape(e.getValue().toString())).append("</td></tr>");
        }
        sb.append("</table>\n");
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
