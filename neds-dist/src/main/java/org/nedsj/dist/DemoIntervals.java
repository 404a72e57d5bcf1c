package org.nedsj.dist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.EvaluationSettings;
import org.nedsj.eval.PairedBootstrap;
import org.nedsj.eval.PairedBootstrapSettings;
import org.nedsj.eval.PairedDifferences;
import org.nedsj.eval.PairedDifferences.Interval;
import org.nedsj.eval.report.PairedDifferencesJson;

/**
 * The block under the demo's table: each difference with the paired bootstrap's interval over the test trials —
 * model − linear for the pretraining sessions' mean and the held-out session (from the reports), and on the held-out
 * session pretrained+fine-tuned − alone (drawn here from the two runs' per-trial statistics) — with ▼ or ▲ where the
 * whole interval lies on one side. Empty when the reports have no intervals.
 */
final class DemoIntervals {

    private static final String WORSE = " ▼";
    private static final String BETTER = " ▲";

    private final EvaluationReport pretrained;
    private final EvaluationReport finetuned;
    private final String heldOut;
    private final PairedDifferences pretrainingHelps;

    DemoIntervals(EvaluationReport pretrained, EvaluationReport finetuned, EvaluationReport alone, String heldOut) {
        this.pretrained = pretrained;
        this.finetuned = finetuned;
        this.heldOut = heldOut;
        this.pretrainingHelps = pairedOnHeldOut(finetuned, alone, pretrained.paired(), heldOut);
    }

    private boolean empty() {
        return pretrained.paired().isEmpty() || finetuned.paired().isEmpty();
    }

    String render() {
        if (empty()) {
            return "";
        }
        PairedDifferences pre = pretrained.paired();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n%.0f%% intervals of %d paired resamples of the test trials (%s: the whole "
                + "interval on the baseline's or, last column, on alone's side; %s: on the model's)%n", pre.level() * 100,
                pre.resamples(), WORSE.trim(), BETTER.trim()));
        s.append(row("", "pretraining sessions (mean)", "held-out session", "held-out session"));
        s.append(row("task / metric", "model − linear", "pretrained+ft − linear", "pretrained+ft − alone"));
        int[] counts = new int[4];
        int rows = 0;
        for (String scheme : List.of("encoding", "decoding")) {
            for (String key : pretrained.model().mean().getOrDefault(scheme, Map.of()).keySet()) {
                var p = pre.mean(scheme, key);
                var h = finetuned.paired().session(heldOut, scheme, key);
                var a = pretrainingHelps.session(heldOut, scheme, key);
                counts[0] += p.filter(i -> i.worseBeyondNoise(key)).isPresent() ? 1 : 0;
                counts[1] += h.filter(i -> i.worseBeyondNoise(key)).isPresent() ? 1 : 0;
                counts[2] += a.filter(i -> i.betterBeyondNoise(key)).isPresent() ? 1 : 0;
                counts[3] += a.filter(i -> i.worseBeyondNoise(key)).isPresent() ? 1 : 0;
                rows++;
                s.append(row(scheme + " " + key, cell(p, key), cell(h, key), cell(a, key)));
            }
        }
        s.append(String.format(Locale.ROOT, "below the linear baseline beyond the interval: pretraining sessions %d of %d, "
                + "held-out session %d of %d; pretrained+ft against alone beyond it: better on %d, worse on %d of %d%n",
                counts[0], rows, counts[1], rows, counts[2], counts[3], rows));
        return s.toString();
    }

    /** {@code {resamples, level, pretraining, held_out_session, pretrained_finetuned_minus_alone}}; empty without intervals. */
    Optional<ObjectNode> json() {
        if (empty()) {
            return Optional.empty();
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("resamples", pretrained.paired().resamples());
        out.put("level", pretrained.paired().level());
        out.set("pretraining", PairedDifferencesJson.bySchemes(pretrained.paired().mean()));
        out.set("held_out_session", PairedDifferencesJson.bySchemes(finetuned.paired().sessions().getOrDefault(heldOut, Map.of())));
        out.set("pretrained_finetuned_minus_alone",
                PairedDifferencesJson.bySchemes(pretrainingHelps.sessions().getOrDefault(heldOut, Map.of())));
        return Optional.of(out);
    }

    /** The fine-tuned model against the one trained alone, paired on the held-out session's test trials. */
    private static PairedDifferences pairedOnHeldOut(EvaluationReport finetuned, EvaluationReport alone,
                                                     PairedDifferences like, String heldOut) {
        var ft = finetuned.scoredTrials().session(heldOut);
        var al = alone.scoredTrials().session(heldOut);
        if (like.isEmpty() || ft.isEmpty() || al.isEmpty()) {
            return PairedDifferences.empty();
        }
        var settings = new PairedBootstrapSettings(like.resamples(), like.level(), EvaluationSettings.defaults().pairedBootstrap().seed());
        return new PairedBootstrap(settings).compare(List.of(new PairedBootstrap.SessionPair(heldOut, ft, al)));
    }

    private static String row(String label, String a, String b, String c) {
        return String.format(Locale.ROOT, "%-34s | %-29s | %-29s | %s%n", label, a, b, c);
    }

    private static String cell(Optional<Interval> interval, String key) {
        if (interval.isEmpty() || Double.isNaN(interval.get().difference())) {
            return "n/a";
        }
        Interval i = interval.get();
        if (Double.isNaN(i.lower())) {
            return String.format(Locale.ROOT, "%+.4f [n/a]", i.difference());
        }
        String mark = i.worseBeyondNoise(key) ? WORSE : i.betterBeyondNoise(key) ? BETTER : "";
        return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]%s", i.difference(), i.lower(), i.upper(), mark);
    }
}
