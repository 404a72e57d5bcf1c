package org.nedsj.eval.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nedsj.eval.ConfusionCounts;
import org.nedsj.eval.MetricNames;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.spi.ModalitySpec;

/**
 * The scores of one modality's predictions, by the modality's kind: bits per spike and Poisson NLL
 * for neural counts, R² (pooled and trial mean) for continuous values, accuracy, balanced accuracy
 * and the confusion matrix for categories.
 *
 * @param metrics            scalar metrics by key {@code <modality>.<metric>}
 * @param confusion          the confusion matrix of a categorical modality, else null
 * @param neuronBitsPerSpike bits per spike per neuron of a neural-counts modality, else null
 * @param trials             the same predictions reduced to sums per trial, for resampling (gathered in the same pass)
 */
public record ModalityScore(Map<String, Double> metrics, ConfusionCounts confusion, double[] neuronBitsPerSpike,
                            TrialStatistics trials) {

    /**
     * Scores the scored tokens of {@code p}.
     *
     * @param nullModel each neuron's training mean rate; required for neural counts, ignored otherwise
     */
    public static ModalityScore of(ModalityPredictions p, MeanRateModel nullModel) {
        ModalitySpec m = p.modality();
        var metrics = new LinkedHashMap<String, Double>();
        switch (m.kind()) {
            case NEURAL_COUNTS -> {
                if (nullModel == null) {
                    throw new IllegalArgumentException("modality " + m.name() + ": bits per spike needs the training mean rates");
                }
                PoissonTrials trials = PoissonTrials.empty(p);
                PoissonScore s = PoissonScore.of(p, nullModel, trials::add);
                metrics.put(MetricNames.key(m.name(), MetricNames.BITS_PER_SPIKE), s.bitsPerSpike());
                metrics.put(MetricNames.key(m.name(), MetricNames.POISSON_NLL), s.poissonNll());
                return new ModalityScore(metrics, null, s.neuronBitsPerSpike(), trials);
            }
            case DYNAMIC_CONTINUOUS -> {
                RegressionScore s = RegressionScore.of(p);
                metrics.put(MetricNames.key(m.name(), MetricNames.R2), s.pooled());
                metrics.put(MetricNames.key(m.name(), MetricNames.R2_TRIAL_MEAN), s.trialMean());
                return new ModalityScore(metrics, null, null, RegressionTrials.of(p, s.trialR2()));
            }
            case STATIC_CATEGORICAL -> {
                ClassificationScore s = ClassificationScore.of(p);
                metrics.put(MetricNames.key(m.name(), MetricNames.ACCURACY), s.accuracy());
                metrics.put(MetricNames.key(m.name(), MetricNames.BALANCED_ACCURACY), s.balancedAccuracy());
                return new ModalityScore(metrics, s.confusion(), null, ClassificationTrials.of(p));
            }
            default -> throw new IllegalStateException("unknown modality kind " + m.kind());
        }
    }
}
