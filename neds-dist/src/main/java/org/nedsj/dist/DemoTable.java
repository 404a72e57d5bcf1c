package org.nedsj.dist;

import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.MetricNames;
import org.nedsj.trainer.evaluate.EvaluationRun;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The demo's one table, every metric of the encoding and decoding masks: on the pretraining
 * sessions (mean), the pretrained model beside the per-session linear baselines; on the held-out
 * session, the pretrained-then-fine-tuned model and the model trained on that session alone beside
 * the same baselines. A mark follows each model figure below its baseline (a tie is not marked: the demo asks
 * whether the model is at or above the linear decoder). Beside the mean row it counts the pretraining sessions
 * at or above their own baselines one by one, and it gives the held-out session's test trials: one session's
 * per-trial figures move by a trial at a time. Under it, the ideal observers of
 * choice and block on the same test trials (what reading the generator's latents exactly scores), and each
 * difference's interval over the test trials ({@link DemoIntervals}).
 */
final class DemoTable {

    private static final String BELOW = " ✗";

    private final long seed;
    private final List<String> pretraining;
    private final String heldOut;
    private final EvaluationReport pretrained;
    private final EvaluationReport finetuned;
    private final EvaluationReport alone;
    private final DemoIntervals intervals;
    private final IdealObservers ideal;

    /** The ideal observers' figures on the pretraining sessions (their mean) and on the held-out session. */
    record IdealObservers(IdealObserverScores pretraining, IdealObserverScores heldOut) {
    }

    DemoTable(long seed, List<String> pretraining, String heldOut, EvaluationRun.Result pretrained,
              EvaluationRun.Result finetuned, EvaluationRun.Result alone, IdealObservers ideal) {
        this.ideal = Objects.requireNonNull(ideal, "ideal");
        this.seed = seed;
        this.pretraining = List.copyOf(pretraining);
        this.heldOut = heldOut;
        this.pretrained = pretrained.report();
        this.finetuned = finetuned.report();
        this.alone = alone.report();
        this.intervals = new DemoIntervals(this.pretrained, this.finetuned, this.alone, heldOut);
    }

    String render() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "demo (data seed %d), test split; %s: model below the linear baseline%n",
                seed, BELOW.trim()));
        s.append(String.format(Locale.ROOT, "%-34s | %-25s | %s%n", "", "pretraining sessions (mean of " + pretraining.size() + ")",
                "held-out session " + heldOut));
        s.append(String.format(Locale.ROOT, "%-34s | %-12s %-12s | %-14s %-14s %-8s%n", "task / metric", "model", "linear",
                "pretrained+ft", "alone", "linear"));
        Map<String, Map<String, Double>> model = pretrained.model().mean();
        Map<String, Map<String, Double>> base = pretrained.baselines().mean();
        int below = 0;
        int belowHeldOut = 0;
        int pretrainingHelps = 0;
        int rows = 0;
        for (String scheme : List.of("encoding", "decoding")) {
            for (var e : model.getOrDefault(scheme, Map.of()).entrySet()) {
                String key = e.getKey();
                double m = e.getValue();
                double b = base.getOrDefault(scheme, Map.of()).getOrDefault(key, Double.NaN);
                double ft = heldOut(finetuned, scheme, key, false);
                double al = heldOut(alone, scheme, key, false);
                double hb = heldOut(finetuned, scheme, key, true);
                boolean mBelow = below(key, m, b);
                boolean ftBelow = below(key, ft, hb);
                below += mBelow ? 1 : 0;
                belowHeldOut += ftBelow ? 1 : 0;
                pretrainingHelps += MetricNames.better(key, ft, al) ? 1 : 0;
                rows++;
                s.append(String.format(Locale.ROOT, "%-34s | %-12s %-12s | %-14s %-14s %-8s%n", scheme + " " + key,
                        cell(m, mBelow), cell(b, false), cell(ft, ftBelow), cell(al, below(key, al, hb)), cell(hb, false)));
            }
        }
        s.append(String.format(Locale.ROOT, "pretraining sessions: the model is below the linear baseline on %d of %d metrics "
                + "(one by one, %d of %d sessions at or above it on all)%n", below, rows, sessionsAtOrAbove(), pretraining.size()));
        s.append(String.format(Locale.ROOT, "held-out session%s: pretrained+fine-tuned is below the linear baseline on %d of %d "
                + "metrics, and better than trained alone on %d of %d%n", testTrials(), belowHeldOut, rows, pretrainingHelps, rows));
        s.append(renderIdeal(ideal));
        s.append(intervals().render());
        return s.toString();
    }

    /**
     * The ideal observers' rows: what reading the generator's latents exactly scores on the same test trials (choice
     * from its ramp, block by Bayes' rule from its prior, stimulus side and choice), the reference for how much of
     * choice and block a decoder of spikes can still gain.
     */
    private static String renderIdeal(IdealObservers ideal) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%nideal observers on the same test trials: choice from the "
                + "sign of the generator's choice ramp; block by Bayes' rule from its prior p̂, the stimulus side and the choice; "
                + "each read exactly, not through spikes%n"));
        s.append(String.format(Locale.ROOT, "%-34s | %-25s | %s%n", "task / metric", "pretraining sessions (mean)", "held-out session"));
        idealRows(ideal).forEach((key, pair) -> s.append(String.format(Locale.ROOT, "%-34s | %-25s | %s%n", "decoding " + key,
                cell(pair[0], false), cell(pair[1], false))));
        return s.toString();
    }

    private static Map<String, double[]> idealRows(IdealObservers ideal) {
        IdealObserverScores p = ideal.pretraining();
        IdealObserverScores h = ideal.heldOut();
        Map<String, double[]> rows = new LinkedHashMap<>();
        rows.put(MetricNames.key("choice", MetricNames.ACCURACY), new double[] {p.choiceAccuracy(), h.choiceAccuracy()});
        rows.put(MetricNames.key("choice", MetricNames.BALANCED_ACCURACY),
                new double[] {p.choiceBalancedAccuracy(), h.choiceBalancedAccuracy()});
        rows.put(MetricNames.key("block", MetricNames.ACCURACY), new double[] {p.blockAccuracy(), h.blockAccuracy()});
        rows.put(MetricNames.key("block", MetricNames.BALANCED_ACCURACY),
                new double[] {p.blockBalancedAccuracy(), h.blockBalancedAccuracy()});
        return rows;
    }

    /**
     * How many pretraining sessions, each against its own baselines, are at or above them on every metric: the
     * yardstick for the held-out session's line, which is one session too.
     */
    int sessionsAtOrAbove() {
        int count = 0;
        for (String id : pretraining) {
            count += atOrAboveOnAll(pretrained, id) ? 1 : 0;
        }
        return count;
    }

    private static boolean atOrAboveOnAll(EvaluationReport report, String session) {
        for (String scheme : List.of("encoding", "decoding")) {
            var model = report.model().get(session, scheme);
            var base = report.baselines().get(session, scheme);
            if (model.isPresent() && model.get().metrics().entrySet().stream().anyMatch(e ->
                    below(e.getKey(), e.getValue(), base.map(b -> b.metric(e.getKey())).orElse(Double.NaN)))) {
                return false;
            }
        }
        return true;
    }

    /** " (N test trials)" from a categorical task's confusion counts on the held-out session, or "" without one. */
    private String testTrials() {
        return finetuned.model().get(heldOut, "decoding")
                .flatMap(d -> d.confusion().values().stream().findFirst())
                .map(c -> String.format(Locale.ROOT, " (%d test trials)", c.total()))
                .orElse("");
    }

    /**
     * The same figures as JSON: {@code {"seed", "held_out", "pretraining": {model, linear}, "held_out_session":
     * {pretrained_finetuned, alone, linear}, "pretraining_sessions": {session: {model, linear}}}, each a map scheme →
     * metric → value (NaN as null); and {@code "paired_differences": {resamples, level, pretraining, held_out_session,
     * pretrained_finetuned_minus_alone}}, model − linear (the last, pretrained+fine-tuned − alone) with its interval per
     * scheme and metric ({@code difference, lower, upper}); and {@code "ideal_observers":
     * {pretraining, held_out_session}}, each {@code {"decoding": {metric: value}}}.
     */
    String json() {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = mapper.createObjectNode();
        root.put("seed", seed);
        root.put("held_out", heldOut);
        var pre = root.putObject("pretraining");
        pre.set("model", mapper.valueToTree(pretrained.model().mean()));
        pre.set("linear", mapper.valueToTree(pretrained.baselines().mean()));
        var held = root.putObject("held_out_session");
        held.set("pretrained_finetuned", mapper.valueToTree(finetuned.model().sessions().get(heldOut)));
        held.set("alone", mapper.valueToTree(alone.model().sessions().get(heldOut)));
        held.set("linear", mapper.valueToTree(finetuned.baselines().sessions().get(heldOut)));
        intervals().json().ifPresent(n -> root.set("paired_differences", n));
        var node = root.putObject("ideal_observers");
        var onPretraining = node.putObject("pretraining").putObject("decoding");
        var onHeldOut = node.putObject("held_out_session").putObject("decoding");
        idealRows(ideal).forEach((key, pair) -> {
            onPretraining.put(key, pair[0]);
            onHeldOut.put(key, pair[1]);
        });
        var each = root.putObject("pretraining_sessions");
        for (String id : pretraining) {
            var session = each.putObject(id);
            session.set("model", mapper.valueToTree(pretrained.model().sessions().get(id)));
            session.set("linear", mapper.valueToTree(pretrained.baselines().sessions().get(id)));
        }
        return root.toPrettyString().replace("NaN", "null");
    }

    /** The intervals under the table (drawn once, for the text and the JSON). */
    DemoIntervals intervals() {
        return intervals;
    }

    private double heldOut(EvaluationReport report, String scheme, String key, boolean baseline) {
        var table = baseline ? report.baselines() : report.model();
        return table.get(heldOut, scheme).map(sc -> sc.metric(key)).orElse(Double.NaN);
    }

    static boolean below(String key, double model, double baseline) {
        return Double.isFinite(baseline) && (Double.isNaN(model) || MetricNames.better(key, baseline, model));
    }

    private static String cell(double v, boolean below) {
        return (Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v)) + (below ? BELOW : "");
    }
}
