package org.nedsj.data.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Statistics of prepared sessions that the tests compare with real IBL recordings. */
final class PreparedStatistics {

    static final double BIN = 0.02;
    private static final int FOLDS = 5;

    private PreparedStatistics() {
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double nonZeroShare(PreparedArrays d) {
        long nonZero = 0;
        for (int[][] trial : d.spikes()) {
            for (int[] bin : trial) {
                for (int c : bin) {
                    nonZero += c > 0 ? 1 : 0;
                }
            }
        }
        return nonZero / (double) ((long) d.trials() * d.bins() * d.units());
    }

    /** Median over trials with a movement of the bins around the speed peak at or above half its height. */
    static double medianBumpWidth(double[][] speed) {
        double[] widths = Arrays.stream(speed).filter(w -> Arrays.stream(w).max().orElse(0) > 0.2)
                .mapToDouble(PreparedStatistics::bumpWidth).toArray();
        return median(widths);
    }

    private static double bumpWidth(double[] w) {
        int peak = 0;
        for (int b = 1; b < w.length; b++) {
            peak = w[b] > w[peak] ? b : peak;
        }
        int left = peak;
        int right = peak;
        while (left > 0 && w[left - 1] >= w[peak] / 2) {
            left--;
        }
        while (right < w.length - 1 && w[right + 1] >= w[peak] / 2) {
            right++;
        }
        return right - left + 1;
    }

    /** Pearson correlation of two equally shaped signals over every element. */
    static double correlation(double[][] x, double[][] y) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long n = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                sx += x[i][j];
                sy += y[i][j];
                sxx += x[i][j] * x[i][j];
                syy += y[i][j] * y[i][j];
                sxy += x[i][j] * y[i][j];
                n++;
            }
        }
        double cov = sxy / n - sx / n * sy / n;
        return cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
    }

    /** Per unit: variance over bins of its trial-averaged counts / variance of all its counts. */
    static double[] psthVarianceShares(PreparedArrays d) {
        double[] share = new double[d.units()];
        for (int u = 0; u < d.units(); u++) {
            double[] psth = new double[d.bins()];
            double sum = 0;
            double squares = 0;
            for (int t = 0; t < d.trials(); t++) {
                for (int b = 0; b < d.bins(); b++) {
                    int c = d.spikes()[t][b][u];
                    psth[b] += c / (double) d.trials();
                    sum += c;
                    squares += c * c;
                }
            }
            double n = (double) d.trials() * d.bins();
            double total = squares / n - (sum / n) * (sum / n);
            share[u] = variance(psth) / total;
        }
        return share;
    }

    private static double variance(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        return Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
    }

    /**
     * {@value #FOLDS}-fold cross-validated accuracy of a nearest-centroid decoder of {@code labels}
     * from each trial's mean counts from the stimulus to the window's end, every unit z-scored on
     * the training folds.
     */
    static double nearestCentroidAccuracy(PreparedArrays d, int[] labels, int classes) {
        double[][] x = new double[d.trials()][];
        for (int t = 0; t < d.trials(); t++) {
            x[t] = d.meanCounts(t, 25, d.bins());
        }
        int[] fold = new SplittableRandom(1).ints(d.trials(), 0, FOLDS).toArray();
        int right = 0;
        for (int f = 0; f < FOLDS; f++) {
            double[][] centroids = centroids(x, labels, fold, f, classes);
            for (int t = 0; t < x.length; t++) {
                if (fold[t] == f) {
                    right += nearest(centroids, x[t]) == labels[t] ? 1 : 0;
                }
            }
        }
        return right / (double) x.length;
    }

    /** Class centroids of the training trials, with the units' training mean and spread in the last two rows. */
    private static double[][] centroids(double[][] x, int[] labels, int[] fold, int test, int classes) {
        int units = x[0].length;
        double[][] c = new double[classes + 2][units];
        int[] count = new int[classes];
        int n = 0;
        for (int t = 0; t < x.length; t++) {
            if (fold[t] != test) {
                count[labels[t]]++;
                n++;
                for (int u = 0; u < units; u++) {
                    c[labels[t]][u] += x[t][u];
                    c[classes][u] += x[t][u];
                    c[classes + 1][u] += x[t][u] * x[t][u];
                }
            }
        }
        for (int u = 0; u < units; u++) {
            double mean = c[classes][u] / n;
            double sd = Math.sqrt(Math.max(1e-12, c[classes + 1][u] / n - mean * mean));
            for (int k = 0; k < classes; k++) {
                c[k][u] = (c[k][u] / Math.max(1, count[k]) - mean) / sd;
            }
            c[classes][u] = mean;
            c[classes + 1][u] = sd;
        }
        return c;
    }

    private static int nearest(double[][] c, double[] x) {
        int classes = c.length - 2;
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int k = 0; k < classes; k++) {
            double distance = 0;
            for (int u = 0; u < x.length; u++) {
                double z = (x[u] - c[classes][u]) / c[classes + 1][u];
                distance += (z - c[k][u]) * (z - c[k][u]);
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }
}
