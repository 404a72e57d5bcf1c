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
 * @param trialMean R² of each trial's scored bins, averaged over the trials where it is defined
 *                  (at least two scored bins and truth not constant); NaN if none
 * @param trialsInMean trials that entered {@code trialMean}
 */
public record RegressionScore(double pooled, double trialMean, int trialsInMean) {

    public static RegressionScore of(ModalityPredictions p) {
        String[] dims = dimensionNames(p.width());
        ImmutableOutputInfo<Regressor> domain = domain(dims);
        List<Prediction<Regressor>> all = new ArrayList<>();
        double trialSum = 0;
        int trialCount = 0;
        for (int t = 0; t < p.trials(); t++) {
            List<Prediction<Regressor>> trial = new ArrayList<>();
            for (int k = 0; k < p.tokens(); k++) {
                if (p.isScored(t, k)) {
                    trial.add(prediction(p, dims, (t * p.tokens() + k) * p.width()));
                }
            }
            double r2 = r2(domain, dims, trial);
            if (!Double.isNaN(r2)) {
                trialSum += r2;
                trialCount++;
            }
            all.addAll(trial);
        }
        return new RegressionScore(r2(domain, dims, all), trialCount > 0 ? trialSum / trialCount : Double.NaN, trialCount);
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
