package org.nedsj.eval;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the linear baselines; the {@code eval.baselines} section of {@code reference.conf}
 * documents each.
 */
public record BaselineSettings(boolean enabled, int threads, int pcaComponents, int pcaMaxBins,
                               int lagsBefore, int lagsAfter, List<Double> ridgePenalties, double ridgeDefaultPenalty,
                               List<Double> logisticPenalties, double logisticDefaultPenalty, int logisticMaxIterations,
                               List<String> logisticRankOne, int logisticFolds, int glmTimeBasis, double glmPenalty,
                               int glmMaxIterations) {

    public BaselineSettings {
        ridgePenalties = List.copyOf(ridgePenalties);
        logisticPenalties = List.copyOf(logisticPenalties);
        logisticRankOne = List.copyOf(logisticRankOne);
        atLeast("threads", threads, 0);
        atLeast("pca-components", pcaComponents, 1);
        atLeast("pca-max-bins", pcaMaxBins, 2);
        atLeast("ridge.lags-before", lagsBefore, 0);
        atLeast("ridge.lags-after", lagsAfter, 0);
        atLeast("logistic.max-iterations", logisticMaxIterations, 1);
        if (logisticFolds == 1 || logisticFolds < 0) {
            throw new IllegalArgumentException("eval.baselines.logistic.folds must be 0 (λ chosen on the validation trials) or ≥ 2, got "
                    + logisticFolds);
        }
        atLeast("glm.time-basis", glmTimeBasis, 1);
        atLeast("glm.max-iterations", glmMaxIterations, 1);
        positive("ridge.penalties", ridgePenalties);
        positive("ridge.default-penalty", List.of(ridgeDefaultPenalty));
        positive("logistic.penalties", logisticPenalties);
        positive("logistic.default-penalty", List.of(logisticDefaultPenalty));
        positive("glm.penalty", List.of(glmPenalty));
    }

    /** Reads the {@code eval.baselines} section. */
    public static BaselineSettings fromConfig(Config baselines) {
        return new BaselineSettings(
                baselines.getBoolean("enabled"),
                baselines.getInt("threads"),
                baselines.getInt("pca-components"),
                baselines.getInt("pca-max-bins"),
                baselines.getInt("ridge.lags-before"),
                baselines.getInt("ridge.lags-after"),
                baselines.getDoubleList("ridge.penalties"),
                baselines.getDouble("ridge.default-penalty"),
                baselines.getDoubleList("logistic.penalties"),
                baselines.getDouble("logistic.default-penalty"),
                baselines.getInt("logistic.max-iterations"),
                baselines.getStringList("logistic.rank-one"),
                baselines.getInt("logistic.folds"),
                baselines.getInt("glm.time-basis"),
                baselines.getDouble("glm.penalty"),
                baselines.getInt("glm.max-iterations"));
    }

    /**
     * What the decoding baselines read, for a report's provenance: the components are a bottleneck a reader
     * must know of (with more components than a session's active neurons they are the z-scored neurons).
     */
    public String describe() {
        if (!enabled) {
            return "none";
        }
        return String.format(Locale.ROOT, "decoders read the %d leading principal components of each neural "
                + "modality's z-scored spikes (eval.baselines.pca-components; every neuron where a session has no more); "
                + "ridge at %d lags, logistic regression on trial means (λ by %s%s), Poisson GLM per neuron from behaviour",
                pcaComponents, lagsBefore + lagsAfter + 1,
                logisticFolds == 0 ? "the validation trials" : logisticFolds + "-fold cross-validation on the training trials",
                logisticRankOne.isEmpty() ? ""
                        : "; of rank one for " + String.join(", ", logisticRankOne) + ": eval.baselines.logistic.rank-one");
    }

    /** Threads to use: {@link #threads()}, or the available processors when it is 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("eval.baselines." + key + " must be ≥ " + min + ", got " + value);
        }
    }

    private static void positive(String key, List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("eval.baselines." + key + " is empty: give at least one penalty > 0");
        }
        for (double v : values) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("eval.baselines." + key + " must be finite and > 0, got " + v);
            }
        }
    }
}
