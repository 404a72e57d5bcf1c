package org.nedsj.dist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.PairedDifferences;
import org.nedsj.eval.report.PairedContrasts;
import org.nedsj.eval.report.PairedDifferencesJson;

/**
 * The block under the demo's table: each difference with the paired bootstrap's interval over the test trials —
 * model − linear for the pretraining sessions' mean and the held-out session (from the reports), and on the held-out
 * session pretrained+fine-tuned − alone ({@link PairedContrasts} of the two runs' per-trial statistics) — with ▼ or ▲
 * where the whole interval lies on one side. Empty when the reports have no intervals.
 */
final class DemoIntervals {

    private static final String ALONE = "alone";
    private static final String FINETUNED = "pretrained+ft";

    private final EvaluationReport pretrained;
    private final EvaluationReport finetuned;
    private final String heldOut;
    private final PairedDifferences pretrainingHelps;

    DemoIntervals(EvaluationReport pretrained, EvaluationReport finetuned, EvaluationReport alone, String heldOut) {
        this.pretrained = pretrained;
        this.finetuned = finetuned;
        this.heldOut = heldOut;
        // both runs are evaluated on the held-out session alone: the mean over sessions is that session's figure
        this.pretrainingHelps = new PairedContrasts(List.of(ALONE, FINETUNED), List.of(alone, finetuned)).differences(FINETUNED);
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
        s.append(String.format(Locale.ROOT, "%n%.0f%% intervals of %d paired resamples of the test trials (▼: the whole "
                + "interval on the baseline's or, last column, on alone's side; ▲: on the model's)%n", pre.level() * 100,
                pre.resamples()));
        s.append(row("", "pretraining sessions (mean)", "held-out session", "held-out session"));
        s.append(row("task / metric", "model − linear", "pretrained+ft − linear", "pretrained+ft − alone"));
        int[] counts = new int[4];
        int rows = 0;
        for (String scheme : List.of("encoding", "decoding")) {
            for (String key : pretrained.model().mean().getOrDefault(scheme, Map.of()).keySet()) {
                var p = pre.mean(scheme, key);
                var h = finetuned.paired().session(heldOut, scheme, key);
                var a = pretrainingHelps.mean(scheme, key);
                counts[0] += p.filter(i -> i.worseBeyondNoise(key)).isPresent() ? 1 : 0;
                counts[1] += h.filter(i -> i.worseBeyondNoise(key)).isPresent() ? 1 : 0;
                counts[2] += a.filter(i -> i.betterBeyondNoise(key)).isPresent() ? 1 : 0;
                counts[3] += a.filter(i -> i.worseBeyondNoise(key)).isPresent() ? 1 : 0;
                rows++;
                s.append(row(scheme + " " + key, PairedContrasts.cell(p, key), PairedContrasts.cell(h, key),
                        PairedContrasts.cell(a, key)));
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
        out.set("pretrained_finetuned_minus_alone", PairedDifferencesJson.bySchemes(pretrainingHelps.mean()));
        return Optional.of(out);
    }

    private static String row(String label, String a, String b, String c) {
        return String.format(Locale.ROOT, "%-34s | %-29s | %-29s | %s%n", label, a, b, c);
    }
}
