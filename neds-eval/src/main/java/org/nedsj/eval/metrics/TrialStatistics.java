package org.nedsj.eval.metrics;

import java.util.Map;
import org.nedsj.eval.ModalityPredictions;

/**
 * One modality's scored predictions reduced to sums per trial, from which the modality's metrics (those of
 * {@link ModalityScore}) follow for any multiset of the trials: a bootstrap resample counts trial {@code t}
 * {@code weights[t]} times. With every weight 1 the metrics are {@link ModalityScore}'s, up to the order of
 * floating-point summation.
 */
public sealed interface TrialStatistics permits PoissonTrials, RegressionTrials, ClassificationTrials {

    /** Trials of the predictions, scored or not (the length {@code weights} must have). */
    int trials();

    /** The metrics by key {@code <modality>.<metric>}, in {@link ModalityScore}'s order, NaN where undefined. */
    Map<String, Double> metrics(int[] weights);

    /**
     * The statistics {@link ModalityScore#of} gathers on its way (use its {@code trials()} where the score is wanted too).
     *
     * @param nullModel each neuron's training mean rate; required for neural counts, ignored otherwise
     */
    static TrialStatistics of(ModalityPredictions p, MeanRateModel nullModel) {
        return ModalityScore.of(p, nullModel).trials();
    }

    /** Throws unless {@code weights} has one entry per trial. */
    static void requireLength(int[] weights, int trials) {
        if (weights.length != trials) {
            throw new IllegalArgumentException("weights for " + weights.length + " trials, expected " + trials);
        }
    }
}
