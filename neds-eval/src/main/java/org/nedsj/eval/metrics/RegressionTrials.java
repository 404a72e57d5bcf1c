package org.nedsj.eval.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nedsj.eval.MetricNames;
import org.nedsj.eval.ModalityPredictions;

/**
 * {@link RegressionScore}'s sums per trial and channel: scored bins, Σy, Σy² and the squared error Σ(y − ŷ)², from
 * which the pooled R² (1 − squared error / squared deviation from the mean, averaged over channels) follows; and each
 * trial's own R². Which trials enter the trial mean is decided once, on all trials (a trial whose truth barely
 * moves against the pooled variance stays out of every resample's mean).
 */
public record RegressionTrials(String modality, int width, long[] bins, double[] sums, double[] squares,
                               double[] squaredErrors, double[] trialR2) implements TrialStatistics {

    /** @param trialR2 each trial's R² as {@link RegressionScore#trialR2} gives it for the same predictions */
    static RegressionTrials of(ModalityPredictions p, double[] trialR2) {
        int trials = p.trials();
        int width = p.width();
        var out = new RegressionTrials(p.modality().name(), width, new long[trials], new double[trials * width],
                new double[trials * width], new double[trials * width], trialR2);
        for (int t = 0; t < trials; t++) {
            for (int k = 0; k < p.tokens(); k++) {
                if (!p.isScored(t, k)) {
                    continue;
                }
                out.bins[t]++;
                int base = (t * p.tokens() + k) * width;
                for (int d = 0; d < width; d++) {
                    double y = p.truth()[base + d];
                    double e = y - p.predicted()[base + d];
                    out.sums[t * width + d] += y;
                    out.squares[t * width + d] += y * y;
                    out.squaredErrors[t * width + d] += e * e;
                }
            }
        }
        return out;
    }

    @Override
    public int trials() {
        return bins.length;
    }

    @Override
    public Map<String, Double> metrics(int[] weights) {
        TrialStatistics.requireLength(weights, trials());
        var out = new LinkedHashMap<String, Double>();
        out.put(MetricNames.key(modality, MetricNames.R2), pooled(weights));
        out.put(MetricNames.key(modality, MetricNames.R2_TRIAL_MEAN), trialMean(weights));
        return out;
    }

    private double pooled(int[] weights) {
        long n = 0;
        double[] sum = new double[width];
        double[] square = new double[width];
        double[] error = new double[width];
        for (int t = 0; t < weights.length; t++) {
            int w = weights[t];
            n += w * bins[t];
            for (int d = 0; d < width; d++) {
                sum[d] += w * sums[t * width + d];
                square[d] += w * squares[t * width + d];
                error[d] += w * squaredErrors[t * width + d];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double r2 = 0;
        for (int d = 0; d < width; d++) {
            double deviation = square[d] - sum[d] * sum[d] / n;
            if (!(deviation > 0)) {
                return Double.NaN;
            }
            r2 += 1 - error[d] / deviation;
        }
        return r2 / width;
    }

    private double trialMean(int[] weights) {
        double sum = 0;
        long count = 0;
        for (int t = 0; t < weights.length; t++) {
            if (!Double.isNaN(trialR2[t])) {
                sum += weights[t] * trialR2[t];
                count += weights[t];
            }
        }
        return count > 0 ? sum / count : Double.NaN;
    }
}
