package org.nedsj.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nedsj.eval.ConfusionCounts;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.Evaluator;
import org.nedsj.eval.PairedDifferences;

/** {@code report.txt}: aligned tables of the model beside the linear baselines, with the run's provenance. */
final class ReportText {

    static final String BELOW = "✗ does not beat baseline";
    static final String BEYOND_MARK = " (beyond the interval)";
    private static final String BEYOND = "; " + BEYOND_MARK.trim() + " where the whole interval lies on the baseline's side";

    private ReportText() {
    }

    static String render(EvaluationReport r, Map<String, String> provenance) {
        var sb = new StringBuilder();
        sb.append("NEDS-J evaluation report\n========================\n");
        var head = new TextTable(List.of("", ""), false);
        head.add(List.of("run", ReportJson.runOf(r, provenance)));
        head.add(List.of("split", r.split().name().toLowerCase()));
        head.add(List.of("sessions", r.sessionIds().size() + " (" + String.join(", ", r.sessionIds()) + ")"));
        head.add(List.of("schemes", String.join(", ", r.schemes())));
        sb.append(stripHeader(head.render())).append('\n');
        sb.append("Provenance\n----------\n");
        if (provenance.isEmpty()) {
            sb.append("(none given)\n");
        } else {
            var prov = new TextTable(List.of("", ""), false);
            provenance.forEach((k, v) -> prov.add(List.of(k, v)));
            sb.append(stripHeader(prov.render()));
        }
        sb.append("\nModel vs linear baselines, mean over ").append(r.sessionIds().size()).append(" session(s)\n");
        sb.append("(higher is better, except for *nll; ").append(BELOW).append(" marks where the model is not better")
                .append(r.paired().isEmpty() ? ")\n" : BEYOND + ")\n" + intervalNote(r.paired()) + "\n");
        sb.append('\n');
        sb.append(comparisonTable(Comparison.means(r), false, r.paired()));
        sb.append("\nPer session\n-----------\n");
        sb.append(comparisonTable(Comparison.perSession(r), true, r.paired()));
        sb.append(ReducedRankComparison.text(r));
        sb.append(confusion(r));
        sb.append(neurons(r));
        sb.append("\nDefinitions\n-----------\n").append(ReportNotes.TEXT);
        return sb.toString();
    }

    private static String stripHeader(String table) {
        // a two-column key/value table: drop the empty header and its rule
        return table.lines().skip(2).reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append).toString();
    }

    /**
     * What the interval column means: the percentile interval of model − baseline over resamples of the evaluated
     * trials, each session's trials drawn with replacement and both scored on the same draw.
     */
    static String intervalNote(PairedDifferences p) {
        return String.format(Locale.ROOT, "%s: model − baseline over %d paired resamples of the evaluated trials (each "
                + "session's trials drawn with replacement, both scored on the same draw); where it holds 0 these trials do "
                + "not tell the two apart. It speaks of these trials, not of another training run.",
                Comparison.intervalHeading(p.level()), p.resamples());
    }

    /** The comparison's mark: below the baseline, and whether beyond the interval. */
    static String mark(Comparison c) {
        return c.belowBaseline() ? BELOW + (c.worseBeyondNoise() ? BEYOND_MARK : "") : "";
    }

    private static String comparisonTable(List<Comparison> rows, boolean withSession, PairedDifferences paired) {
        var header = new ArrayList<>(List.of("task", "metric", "model", "baseline", "model−baseline"));
        if (!paired.isEmpty()) {
            header.add(Comparison.intervalHeading(paired.level()));
        }
        header.add("");
        if (withSession) {
            header.add(0, "session");
        }
        var t = new TextTable(header);
        for (Comparison c : rows) {
            var cells = new ArrayList<>(List.of(c.scheme(), c.key(), Comparison.number(c.model()),
                    Comparison.baselineCell(c.baseline()), Comparison.signed(c.difference())));
            if (!paired.isEmpty()) {
                cells.add(c.intervalCell());
            }
            cells.add(mark(c));
            if (withSession) {
                cells.add(0, c.session());
            }
            t.add(cells);
        }
        return t.render();
    }

    private static String confusion(EvaluationReport r) {
        var sb = new StringBuilder();
        Map<String, ConfusionCounts> model = r.model().pooledConfusion(Evaluator.DECODING);
        if (model.isEmpty()) {
            return "";
        }
        Map<String, ConfusionCounts> base = r.baselines().pooledConfusion(Evaluator.DECODING);
        sb.append("\nConfusion matrices (decoding, summed over sessions; rows: true class, columns: predicted class)\n");
        sb.append("--------------------------------------------------------------------------------------------\n");
        model.forEach((m, c) -> {
            sb.append(m).append(", model:\n").append(matrix(c));
            if (base.containsKey(m)) {
                sb.append(m).append(", baseline:\n").append(matrix(base.get(m)));
            }
        });
        return sb.toString();
    }

    private static String matrix(ConfusionCounts c) {
        var header = new ArrayList<String>();
        header.add("");
        for (int j = 0; j < c.classes(); j++) {
            header.add("pred " + j);
        }
        var t = new TextTable(header);
        for (int i = 0; i < c.classes(); i++) {
            var row = new ArrayList<String>();
            row.add("true " + i);
            for (int j = 0; j < c.classes(); j++) {
                row.add(Long.toString(c.count(i, j)));
            }
            t.add(row);
        }
        return t.render();
    }

    private static String neurons(EvaluationReport r) {
        var sb = new StringBuilder();
        for (String modality : NeuronSummary.modalities(r)) {
            NeuronSummary model = NeuronSummary.of(r.model(), modality);
            NeuronSummary base = NeuronSummary.of(r.baselines(), modality);
            if (sb.isEmpty()) {
                sb.append("\nPer-neuron bits per spike (encoding; neurons with spikes in the evaluated bins)\n");
                sb.append("-------------------------------------------------------------------------------\n");
            }
            sb.append(String.format(Locale.ROOT, "%s, model:    %s%n", modality, model.describe()));
            if (base.count() > 0) {
                sb.append(String.format(Locale.ROOT, "%s, baseline: %s%n", modality, base.describe()));
            }
        }
        return sb.toString();
    }
}
