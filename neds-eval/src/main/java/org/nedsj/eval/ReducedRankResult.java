package org.nedsj.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The reduced-rank decoder fitted across the evaluated sessions: its decoding scores and, per
 * behaviour, the rank and penalty validation chose.
 */
public record ReducedRankResult(ScoreTable scores, Map<String, ReducedRankChoice> choices) {

    public ReducedRankResult {
        Objects.requireNonNull(scores, "scores");
        choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
    }

    public static ReducedRankResult empty() {
        return new ReducedRankResult(ScoreTable.empty(), Map.of());
    }

    public boolean isEmpty() {
        return scores.isEmpty();
    }
}
