package org.nedsj.trainer.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nedsj.eval.Evaluator;
import org.nedsj.eval.MetricNames;
import org.nedsj.spi.ModalitySpec;

/**
 * What a sweep judges trials by ({@code tune.metric}): a validation loss from the trial's {@code metrics.csv}
 * ({@code val.loss}, {@code val.<modality>}), or a report metric {@code <scheme>.<modality>.<metric>} (e.g.
 * {@code decoding.wheel.r2}, {@code encoding.spikes.bps}) that {@code neds eval}'s evaluation computes on the
 * validation split at each rung. Losses and negative log-likelihoods are better lower, every other report
 * metric higher; the scheduler sees {@link #score}, which is lower-is-better for all.
 */
public record TuneMetric(String name) {

    private static final String VAL = "val.";

    /** Whether the metric is a validation loss of {@code metrics.csv} (else a report metric). */
    public boolean isLoss() {
        return name.startsWith(VAL);
    }

    public boolean lowerIsBetter() {
        return isLoss() || MetricNames.lowerIsBetter(name);
    }

    /** The report's scheme of a report metric ({@code decoding}). */
    String scheme() {
        return name.substring(0, name.indexOf('.'));
    }

    /** The report's key of a report metric ({@code wheel.r2}). */
    String key() {
        return name.substring(name.indexOf('.') + 1);
    }

    /** The value in the scheduler's terms: lower is better. */
    public double score(double value) {
        return lowerIsBetter() ? value : -value;
    }

    /** "lower is better" or "higher is better". */
    public String direction() {
        return lowerIsBetter() ? "lower is better" : "higher is better";
    }

    /**
     * Checks the name against what the experiment reports: its modalities, and the report's schemes
     * ({@code encoding} scores the neural modalities, {@code decoding} the behavioural ones, {@code eval.schemes}
     * any).
     *
     * @throws IllegalArgumentException naming {@code tune.metric} and every valid name
     */
    static TuneMetric check(String name, List<ModalitySpec> modalities, List<String> extraSchemes) {
        List<String> valid = valid(modalities, extraSchemes);
        if (!valid.contains(name)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "tune.metric = %s is not a metric of this "
                    + "experiment; valid: %s", name, String.join(", ", valid)));
        }
        return new TuneMetric(name);
    }

    /** Every metric the experiment offers, losses first. */
    static List<String> valid(List<ModalitySpec> modalities, List<String> extraSchemes) {
        List<String> valid = new ArrayList<>(List.of("val.loss"));
        modalities.forEach(m -> valid.add(VAL + m.name()));
        List<String> schemes = new ArrayList<>(List.of(Evaluator.ENCODING, Evaluator.DECODING));
        extraSchemes.stream().filter(s -> !schemes.contains(s)).forEach(schemes::add);
        for (String scheme : schemes) {
            for (ModalitySpec m : modalities) {
                boolean scored = scheme.equals(Evaluator.ENCODING) ? m.isNeural()
                        : !scheme.equals(Evaluator.DECODING) || !m.isNeural();
                if (scored) {
                    MetricNames.of(m.kind()).forEach(metric -> valid.add(scheme + "." + MetricNames.key(m.name(), metric)));
                }
            }
        }
        return valid;
    }
}
