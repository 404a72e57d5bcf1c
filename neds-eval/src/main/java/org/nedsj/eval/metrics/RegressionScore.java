package org.nedsj.eval.metrics;

import java.util.ArrayList;
import java.util.List;
import org.nedsj.eval.ModalityPredictions;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionMetrics;
import org.tribuo.regression.evaluation.RegressionSufficientStatistics;

/**
 * R² of a continuous modality through Tribuo's {@link RegressionMetrics#r2}: each scored bin is one
 * {@link Prediction} over an {@link ArrayExample} holding the true value, one regression dimension per
 * channel of the modality. A modality wider than one channel reports the mean of its channels' R².
 *
 * @param pooled    R² over all scored bins of all trials pooled
 * @param trialMean R² of each trial's scored bins, averaged over the trials where the behaviour moves:
 *                  at least two scored bins, and in every channel a variance of the truth of at least
 *                  {@value #STILL_SHARE} of its variance over all scored bins; NaN if none
 * @param trialsInMean trials that entered {@code trialMean}
 * @param trialR2   each trial's R² as {@code trialMean} averages it; NaN for a trial left out of that mean
 */
public record RegressionScore(double pooled, double trialMean, int trialsInMean, double[] trialR2) {

    /**
     * A trial whose truth varies by less than this share of the pooled variance is left out of the trial
     * mean: its R² divides by almost nothing (a wheel that barely moves), and one such trial of a few
     * hundred put the mean at −10⁸ for every model, ranking them by noise.
     */
    static final double STILL_SHARE = 0.01;

    public static RegressionScore of(ModalityPredictions p) {
        String[] dims = dimensionNames(p.width());
        List<List<Prediction<Regressor>>> trials = scoredBins(p, dims);
        List<Prediction<Regressor>> all = trials.stream().flatMap(List::stream).toList();
        double[] trialR2 = trialR2(p, dims, trials, all);
        double trialSum = 0;
        int trialCount = 0;
        for (double r2 : trialR2) {
            if (!Double.isNaN(r2)) {
                trialSum += r2;
                trialCount++;
            }
        }
        return new RegressionScore(r2(domain(dims), dims, all), trialCount > 0 ? trialSum / trialCount : Double.NaN, trialCount,
                trialR2);
    }

    private static double[] trialR2(ModalityPredictions p, String[] dims, List<List<Prediction<Regressor>>> trials,
                                    List<Prediction<Regressor>> all) {
        ImmutableOutputInfo<Regressor> domain = domain(dims);
        double[] pooledVariance = truthVariance(all, dims.length);
        double[] out = new double[p.trials()];
        for (int t = 0; t < out.length; t++) {
            List<Prediction<Regressor>> trial = trials.get(t);
            out[t] = moves(trial, pooledVariance) ? r2(domain, dims, trial) : Double.NaN;
        }
        return out;
    }

    /** Per trial, one prediction per scored bin. */
    private static List<List<Prediction<Regressor>>> scoredBins(ModalityPredictions p, String[] dims) {
        List<List<Prediction<Regressor>>> trials = new ArrayList<>();
        for (int t = 0; t < p.trials(); t++) {
            List<Prediction<Regressor>> trial = new ArrayList<>();
            for (int k = 0; k < p.tokens(); k++) {
                if (p.isScored(t, k)) {
                    trial.add(prediction(p, dims, (t * p.tokens() + k) * p.width()));
                }
            }
            trials.add(trial);
        }
        return trials;
    }

    /** Mean over dimensions of Tribuo's R²; NaN with fewer than two predictions or a constant truth. */
    static double r2(ImmutableOutputInfo<Regressor> domain, String[] dims, List<Prediction<Regressor>> predictions) {
        if (predictions.size() < 2) {
            return Double.NaN;
        }
        var statistics = new RegressionSufficientStatistics(domain, predictions, false);
        double sum = 0;
        for (int d = 0; d < dims.length; d++) {
            if (constantTruth(predictions, d)) {
                return Double.NaN;
            }
            sum += RegressionMetrics.r2(new Regressor(dims[d], Double.NaN), statistics);
        }
        return sum / dims.length;
    }

    private static boolean moves(List<Prediction<Regressor>> trial, double[] pooledVariance) {
        if (trial.size() < 2) {
            return false;
        }
        double[] variance = truthVariance(trial, pooledVariance.length);
        for (int d = 0; d < variance.length; d++) {
            if (!(variance[d] >= STILL_SHARE * pooledVariance[d])) {
                return false;
            }
        }
        return true;
    }

    /** Per channel, the population variance of the true values. */
    private static double[] truthVariance(List<Prediction<Regressor>> predictions, int width) {
        double[] sum = new double[width];
        double[] squares = new double[width];
        for (Prediction<Regressor> p : predictions) {
            double[] v = p.getExample().getOutput().getValues();
            for (int d = 0; d < width; d++) {
                sum[d] += v[d];
                squares[d] += v[d] * v[d];
            }
        }
        double[] variance = new double[width];
        int n = predictions.size();
        for (int d = 0; d < width; d++) {
            double mean = n == 0 ? 0 : sum[d] / n;
            variance[d] = n == 0 ? 0 : Math.max(0, squares[d] / n - mean * mean);
        }
        return variance;
    }

    private static boolean constantTruth(List<Prediction<Regressor>> predictions, int dim) {
        double first = predictions.get(0).getExample().getOutput().getValues()[dim];
        for (Prediction<Regressor> p : predictions) {
            if (p.getExample().getOutput().getValues()[dim] != first) {
                return false;
            }
        }
        return true;
    }

    private static Prediction<Regressor> prediction(ModalityPredictions p, String[] dims, int offset) {
        double[] truth = new double[dims.length];
        double[] predicted = new double[dims.length];
        for (int d = 0; d < dims.length; d++) {
            truth[d] = p.truth()[offset + d];
            predicted[d] = p.predicted()[offset + d];
        }
        return new Prediction<>(new Regressor(dims, predicted), 0, new ArrayExample<>(new Regressor(dims, truth)));
    }

    private static String[] dimensionNames(int width) {
        String[] names = new String[width];
        for (int d = 0; d < width; d++) {
            // zero-padded so Tribuo's name-sorted dimension order is the channel order
            names[d] = String.format("channel%05d", d);
        }
        return names;
    }

    private static ImmutableOutputInfo<Regressor> domain(String[] dims) {
        MutableOutputInfo<Regressor> info = new RegressionFactory().generateInfo();
        info.observe(new Regressor(dims, new double[dims.length]));
        return info.generateImmutableOutputInfo();
    }
}
