package org.nedsj.eval;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

/**
 * Settings of {@link Evaluator}; the {@code eval} section of {@code reference.conf} documents each key.
 *
 * @param exampleTrials evaluated trials per continuous behaviour kept as example traces
 * @param baselines     the linear baselines fitted per session
 * @param reducedRank   the reduced-rank decoder fitted across sessions (fitted when it and the baselines are enabled)
 * @param pairedBootstrap the intervals of the model's figures minus the baselines' (drawn when the baselines are enabled)
 */
public record EvaluationSettings(int exampleTrials, BaselineSettings baselines, ReducedRankSettings reducedRank,
                                 PairedBootstrapSettings pairedBootstrap) {

    public EvaluationSettings {
        if (exampleTrials < 0) {
            throw new IllegalArgumentException("eval.example-trials must be ≥ 0, got " + exampleTrials);
        }
    }

    /** With the reduced-rank decoder's and the paired bootstrap's defaults. */
    public EvaluationSettings(int exampleTrials, BaselineSettings baselines) {
        this(exampleTrials, baselines, defaults().reducedRank(), defaults().pairedBootstrap());
    }

    /** Reads the {@code eval} section of a resolved config. */
    public static EvaluationSettings fromConfig(Config eval) {
        try {
            return new EvaluationSettings(eval.getInt("example-trials"),
                    BaselineSettings.fromConfig(eval.getConfig("baselines")),
                    ReducedRankSettings.fromConfig(eval.getConfig("baselines.reduced-rank")),
                    PairedBootstrapSettings.fromConfig(eval.getConfig("paired-bootstrap")));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad eval settings: " + e.getMessage()
                    + " (see neds-eval's reference.conf for every key and its default)", e);
        }
    }

    /** The defaults of neds-eval's {@code reference.conf}. */
    public static EvaluationSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference(EvaluationSettings.class.getClassLoader()).getConfig("eval"));
    }

    /** These settings with baselines switched on or off. */
    public EvaluationSettings withBaselines(boolean enabled) {
        BaselineSettings b = baselines;
        return new EvaluationSettings(exampleTrials, new BaselineSettings(enabled, b.threads(), b.pcaComponents(),
                b.pcaMaxBins(), b.lagsBefore(), b.lagsAfter(), b.ridgePenalties(), b.ridgeDefaultPenalty(),
                b.logisticPenalties(), b.logisticDefaultPenalty(), b.logisticMaxIterations(), b.logisticRankOne(), b.logisticFolds(), b.glmTimeBasis(),
                b.glmPenalty(), b.glmMaxIterations()), reducedRank, pairedBootstrap);
    }
}
