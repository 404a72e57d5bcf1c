package org.nedsj.eval;

import com.typesafe.config.Config;
import java.util.List;

/**
 * Settings of the reduced-rank regression decoder fitted across sessions; the
 * {@code eval.baselines.reduced-rank} section of {@code reference.conf} documents each.
 */
public record ReducedRankSettings(boolean enabled, List<Integer> ranks, List<Double> penalties, int defaultRank,
                                  double defaultPenalty) {

    private static final String SECTION = "eval.baselines.reduced-rank.";

    public ReducedRankSettings {
        ranks = List.copyOf(ranks);
        penalties = List.copyOf(penalties);
        if (ranks.isEmpty() || ranks.stream().anyMatch(r -> r < 1)) {
            throw new IllegalArgumentException(SECTION + "ranks must list ranks ≥ 1, got " + ranks);
        }
        if (defaultRank < 1) {
            throw new IllegalArgumentException(SECTION + "default-rank must be ≥ 1, got " + defaultRank);
        }
        if (penalties.isEmpty()) {
            throw new IllegalArgumentException(SECTION + "penalties is empty: give at least one penalty > 0");
        }
        for (double v : penalties) {
            positive("penalties", v);
        }
        positive("default-penalty", defaultPenalty);
    }

    /** Reads the {@code eval.baselines.reduced-rank} section. */
    public static ReducedRankSettings fromConfig(Config reducedRank) {
        return new ReducedRankSettings(reducedRank.getBoolean("enabled"), reducedRank.getIntList("ranks"),
                reducedRank.getDoubleList("penalties"), reducedRank.getInt("default-rank"),
                reducedRank.getDouble("default-penalty"));
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(SECTION + key + " must be finite and > 0, got " + v);
        }
    }
}
