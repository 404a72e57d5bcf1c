package org.nedsj.eval.regions;

/**
 * Multinomial logistic regression on features z-scored with the training rows' mean and standard
 * deviation: mean cross-entropy + λ·|W|² (intercepts not penalised), minimised by gradient descent
 * with a backtracking (Armijo) step. Small problems only: one row per neuron, a few hundred features.
 */
final class SoftmaxRegression {

    private final double[] mean;
    private final double[] scale;
    /** [classes][features + 1], intercept last. */
    private final double[][] weights;

    private SoftmaxRegression(double[] mean, double[] scale, double[][] weights) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    static SoftmaxRegression fit(double[][] x, int[] y, int classes, double penalty, int iterations) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;
        }
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = standardise(x[i], mean, scale);
        }
        double[][] w = new double[classes][d + 1];
        double loss = objective(z, y, w, penalty);
        double step = 1;
        for (int it = 0; it < iterations; it++) {
            double[][] g = gradient(z, y, w, penalty);
            double norm2 = 0;
            for (double[] row : g) {
                for (double v : row) {
                    norm2 += v * v;
                }
            }
            if (norm2 < 1e-14) {
                break;
            }
            step = Math.min(1, step * 2);
            double[][] next;
            double nextLoss;
            while (true) {
                next = new double[classes][d + 1];
                for (int k = 0; k < classes; k++) {
                    for (int j = 0; j <= d; j++) {
                        next[k][j] = w[k][j] - step * g[k][j];
                    }
                }
                nextLoss = objective(z, y, next, penalty);
                if (nextLoss <= loss - 0.5 * step * norm2 || step < 1e-10) {
                    break;
                }
                step /= 2;
            }
            if (loss - nextLoss < 1e-10 * (1 + loss)) {
                w = next;
                break;
            }
            w = next;
            loss = nextLoss;
        }
        return new SoftmaxRegression(mean, scale, w);
    }

    /** The most probable class of {@code x} (the first on ties). */
    int predict(double[] x) {
        double[] p = probabilities(standardise(x, mean, scale), weights);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double[] standardise(double[] x, double[] mean, double[] scale) {
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            z[j] = (x[j] - mean[j]) / scale[j];
        }
        return z;
    }

    static double[] probabilities(double[] z, double[][] w) {
        int classes = w.length;
        int d = z.length;
        double[] eta = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double s = w[k][d];
            for (int j = 0; j < d; j++) {
                s += w[k][j] * z[j];
            }
            eta[k] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            eta[k] = Math.exp(eta[k] - max);
            sum += eta[k];
        }
        for (int k = 0; k < classes; k++) {
            eta[k] /= sum;
        }
        return eta;
    }

    static double objective(double[][] z, int[] y, double[][] w, double penalty) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum -= Math.log(Math.max(probabilities(z[i], w)[y[i]], 1e-300));
        }
        double reg = 0;
        int d = z[0].length;
        for (double[] row : w) {
            for (int j = 0; j < d; j++) {
                reg += row[j] * row[j];
            }
        }
        return sum / z.length + penalty * reg;
    }

    static double[][] gradient(double[][] z, int[] y, double[][] w, double penalty) {
        int classes = w.length;
        int d = z[0].length;
        double[][] g = new double[classes][d + 1];
        for (int i = 0; i < z.length; i++) {
            double[] p = probabilities(z[i], w);
            for (int k = 0; k < classes; k++) {
                double r = (p[k] - (y[i] == k ? 1 : 0)) / z.length;
                for (int j = 0; j < d; j++) {
                    g[k][j] += r * z[i][j];
                }
                g[k][d] += r;
            }
        }
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                g[k][j] += 2 * penalty * w[k][j];
            }
        }
        return g;
    }
}
