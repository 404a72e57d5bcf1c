package org.nedsj.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nedsj.eval.metrics.TrialStatistics;

/**
 * What an evaluation scored, trial by trial: per session, scheme and modality the model's {@link TrialStatistics}.
 * Kept in memory so that two models evaluated on the same trials can be compared with a {@link PairedBootstrap} (the
 * demo's pretrained-then-fine-tuned model against the one trained alone); not written to {@code report.json}.
 *
 * @param bySession session → scheme → modality → statistics
 * @param bootstrap how the evaluation resampled them ({@code eval.paired-bootstrap}); a comparison of two models
 *                  resamples them the same way
 */
public record ScoredTrials(Map<String, Map<String, Map<String, TrialStatistics>>> bySession,
                           PairedBootstrapSettings bootstrap) {

    public ScoredTrials {
        var copy = new LinkedHashMap<String, Map<String, Map<String, TrialStatistics>>>();
        bySession.forEach((id, schemes) -> {
            var s = new LinkedHashMap<String, Map<String, TrialStatistics>>();
            schemes.forEach((scheme, modalities) -> s.put(scheme, Collections.unmodifiableMap(new LinkedHashMap<>(modalities))));
            copy.put(id, Collections.unmodifiableMap(s));
        });
        bySession = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    public static ScoredTrials empty() {
        return new ScoredTrials(Map.of(), EvaluationSettings.defaults().pairedBootstrap());
    }

    /** A session's statistics, scheme → modality; empty for a session not evaluated. */
    public Map<String, Map<String, TrialStatistics>> session(String sessionId) {
        return bySession.getOrDefault(sessionId, Map.of());
    }
}
