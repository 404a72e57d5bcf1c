package org.nedsj.eval.baseline;

import java.util.List;

/**
 * Closed-form ridge regression on z-scored features: minimises mean squared error + λ·|w|² per
 * output, with an unpenalised intercept. Rows are streamed into an {@link Accumulator} of sufficient
 * statistics, so the design matrix is never stored.
 */
final class RidgeRegression {

    private RidgeRegression() {
    }

    /** Visits rows (features, targets); the arrays may be reused between calls. */
    interface Rows {
        void forEach(RowVisitor visitor);
    }

    interface RowVisitor {
        void row(double[] x, double[] y);
    }

    /** Sums of x, y, xxᵀ (upper triangle) and xyᵀ. */
    static final class Accumulator {
        final int p;
        final int q;
        long n;
        final double[] sumX;
        final double[] sumY;
        final double[] xx;
        final double[] xy;

        Accumulator(int p, int q) {
            this.p = p;
            this.q = q;
            this.sumX = new double[p];
            this.sumY = new double[q];
            this.xx = new double[p * p];
            this.xy = new double[p * q];
        }

        void add(double[] x, double[] y) {
            n++;
            for (int j = 0; j < q; j++) {
                sumY[j] += y[j];
            }
            for (int i = 0; i < p; i++) {
                double xi = x[i];
                if (xi == 0) {
                    continue;
                }
                sumX[i] += xi;
                int base = i * p;
                for (int j = i; j < p; j++) {
                    xx[base + j] += xi * x[j];
                }
                int yb = i * q;
                for (int j = 0; j < q; j++) {
                    xy[yb + j] += xi * y[j];
                }
            }
        }

        static Accumulator of(Rows rows, int p, int q) {
            Accumulator a = new Accumulator(p, q);
            rows.forEach(a::add);
            return a;
        }
    }

    /**
     * A fitted ridge model: prediction = intercept + Σ_j w_j·(x_j − mean_j)/scale_j. Features constant
     * in training have scale 0 and weight 0.
     */
    record Fit(double penalty, double[] mean, double[] scale, double[] weights, double[] intercept) {

        int outputs() {
            return intercept.length;
        }

        void predict(double[] x, double[] out) {
            int p = mean.length;
            int q = intercept.length;
            System.arraycopy(intercept, 0, out, 0, q);
            for (int i = 0; i < p; i++) {
                if (scale[i] == 0) {
                    continue;
                }
                double z = (x[i] - mean[i]) / scale[i];
                for (int j = 0; j < q; j++) {
                    out[j] += weights[i * q + j] * z;
                }
            }
        }

        /** Mean squared error over the rows, summed over outputs. */
        double meanSquaredError(Rows rows) {
            double[] out = new double[outputs()];
            double[] sum = new double[1];
            long[] n = new long[1];
            rows.forEach((x, y) -> {
                predict(x, out);
                for (int j = 0; j < out.length; j++) {
                    double e = out[j] - y[j];
                    sum[0] += e * e;
                }
                n[0]++;
            });
            return n[0] == 0 ? Double.NaN : sum[0] / n[0];
        }
    }

    static Fit solve(Accumulator a, double penalty) {
        int p = a.p;
        int q = a.q;
        if (a.n == 0) {
            throw new IllegalArgumentException("ridge regression needs at least one training row");
        }
        double n = a.n;
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int i = 0; i < p; i++) {
            mean[i] = a.sumX[i] / n;
            double variance = a.xx[i * p + i] / n - mean[i] * mean[i];
            scale[i] = variance > 1e-12 * (1 + mean[i] * mean[i]) ? Math.sqrt(variance) : 0;
        }
        double[] yMean = new double[q];
        for (int j = 0; j < q; j++) {
            yMean[j] = a.sumY[j] / n;
        }
        double[] gram = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double g = scale[i] == 0 || scale[j] == 0 ? 0
                        : (a.xx[i * p + j] / n - mean[i] * mean[j]) / (scale[i] * scale[j]);
                gram[i * p + j] = g;
                gram[j * p + i] = g;
            }
            gram[i * p + i] = (scale[i] == 0 ? 0 : gram[i * p + i]) + penalty;
        }
        CholeskyFactor chol = CholeskyFactor.of(gram, p);
        double[] b = new double[p * q];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < q; j++) {
                b[i * q + j] = scale[i] == 0 ? 0 : (a.xy[i * q + j] / n - mean[i] * yMean[j]) / scale[i];
            }
        }
        double[] weights = chol.solve(b, q);
        return new Fit(penalty, mean, scale, weights, yMean);
    }

    /**
     * The fit whose penalty gives the least validation MSE among {@code penalties}, or the fit with
     * {@code defaultPenalty} when there are no validation rows.
     */
    static Fit select(Accumulator train, List<Double> penalties, Rows validation, double defaultPenalty) {
        Fit best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (double penalty : penalties) {
            Fit fit = solve(train, penalty);
            double error = validation == null ? Double.NaN : fit.meanSquaredError(validation);
            if (Double.isNaN(error)) {
                return solve(train, defaultPenalty);
            }
            if (error < bestError) {
                bestError = error;
                best = fit;
            }
        }
        return best != null ? best : solve(train, defaultPenalty);
    }
}
