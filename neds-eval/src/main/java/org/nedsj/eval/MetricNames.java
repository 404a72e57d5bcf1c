package org.nedsj.eval;

import java.util.List;
import org.nedsj.spi.ModalitySpec;

/**
 * The metric names of report keys {@code <modality>.<metric>}, and which direction is better.
 */
public final class MetricNames {

    /** Poisson log-likelihood gain over each neuron's training mean rate, in bits per spike. */
    public static final String BITS_PER_SPIKE = "bps";
    /** Poisson negative log-likelihood per scored (bin, neuron) entry, nats, including log y!. */
    public static final String POISSON_NLL = "poisson_nll";
    /** R² over all scored bins of all evaluated trials pooled. */
    public static final String R2 = "r2";
    /** R² of each trial's scored bins, averaged over trials. */
    public static final String R2_TRIAL_MEAN = "r2_trial_mean";
    public static final String ACCURACY = "accuracy";
    /** Mean recall over the classes present in the truth. */
    public static final String BALANCED_ACCURACY = "balanced_accuracy";

    private MetricNames() {
    }

    /** The metrics the report gives a modality of this kind (see {@code ModalityScore}). */
    public static List<String> of(ModalitySpec.Kind kind) {
        return switch (kind) {
            case NEURAL_COUNTS -> List.of(BITS_PER_SPIKE, POISSON_NLL);
            case DYNAMIC_CONTINUOUS -> List.of(R2, R2_TRIAL_MEAN);
            case STATIC_CATEGORICAL -> List.of(ACCURACY, BALANCED_ACCURACY);
        };
    }

    /** {@code <modality>.<metric>} */
    public static String key(String modality, String metric) {
        return modality + "." + metric;
    }

    /** The metric part of a key: {@code spikes.bps → bps}. */
    public static String metricOf(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    /**
     * Whether the metric is a statistic of one number per trial (a categorical modality's accuracies, R²
     * averaged over trials), not of every scored bin: on one session's few dozen test trials one or two
     * trials move it by a few hundredths.
     */
    public static boolean perTrial(String key) {
        String metric = metricOf(key);
        return metric.equals(ACCURACY) || metric.equals(BALANCED_ACCURACY) || metric.equals(R2_TRIAL_MEAN);
    }

    /** Negative log-likelihoods are better when lower; every other metric here is better when higher. */
    public static boolean lowerIsBetter(String key) {
        return metricOf(key).endsWith("nll");
    }

    /** Whether {@code a} is strictly better than {@code b} for the metric of {@code key}; NaN is never better. */
    public static boolean better(String key, double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return lowerIsBetter(key) ? a < b : a > b;
    }
}
