package org.nedsj.eval.baseline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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

    /**
     * Sums of x, y, xxᵀ and xyᵀ. Rows are gathered in blocks whose products are added by one matrix
     * product each: with every neuron as a feature at 8 lags (some 1,800 columns) the row-by-row sums
     * took minutes per session.
     */
    static final class Accumulator {
        private static final int BLOCK = 256;

        final int p;
        final int q;
        long n;
        final double[] sumX;
        final double[] sumY;
        private final INDArray xxSum;
        private final INDArray xySum;
        private final double[] blockX;
        private final double[] blockY;
        private final INDArray blockXArray;
        private final INDArray blockYArray;
        private int buffered;

        Accumulator(int p, int q) {
            this.p = p;
            this.q = q;
            this.sumX = new double[p];
            this.sumY = new double[q];
            this.xxSum = Nd4j.zeros(DataType.DOUBLE, p, p);
            this.xySum = Nd4j.zeros(DataType.DOUBLE, p, q);
            this.blockX = new double[BLOCK * p];
            this.blockY = new double[BLOCK * q];
            this.blockXArray = Nd4j.zeros(DataType.DOUBLE, BLOCK, p);
            this.blockYArray = Nd4j.zeros(DataType.DOUBLE, BLOCK, q);
        }

        void add(double[] x, double[] y) {
            n++;
            for (int i = 0; i < p; i++) {
                sumX[i] += x[i];
            }
            for (int j = 0; j < q; j++) {
                sumY[j] += y[j];
            }
            System.arraycopy(x, 0, blockX, buffered * p, p);
            System.arraycopy(y, 0, blockY, buffered * q, q);
            if (++buffered == BLOCK) {
                flush();
            }
        }

        /** xxᵀ summed over the rows, [p·p] row-major. */
        double[] xx() {
            flush();
            return xxSum.data().asDouble();
        }

        /** xyᵀ summed over the rows, [p·q] row-major. */
        double[] xy() {
            flush();
            return xySum.data().asDouble();
        }

        private void flush() {
            if (buffered == 0) {
                return;
            }
            blockXArray.data().setData(blockX);
            blockYArray.data().setData(blockY);
            INDArray bx = blockXArray;
            INDArray by = blockYArray;
            if (buffered < BLOCK) {
                bx = blockXArray.get(NDArrayIndex.interval(0, buffered), NDArrayIndex.all()).dup();
                by = blockYArray.get(NDArrayIndex.interval(0, buffered), NDArrayIndex.all()).dup();
            }
            Nd4j.gemm(bx, bx, xxSum, true, false, 1.0, 1.0);
            Nd4j.gemm(bx, by, xySum, true, false, 1.0, 1.0);
            buffered = 0;
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
        return Standardised.of(a).fit(penalty);
    }

    /**
     * What every penalty's fit shares, from the sums once: the features' means and scales, the outputs' means,
     * the standardised Gram matrix (no penalty on its diagonal) and the standardised xᵀy.
     */
    record Standardised(int p, int q, double[] mean, double[] scale, double[] yMean, double[] gram, double[] b) {

        static Standardised of(Accumulator a) {
            int p = a.p;
            int q = a.q;
            if (a.n == 0) {
                throw new IllegalArgumentException("ridge regression needs at least one training row");
            }
            double n = a.n;
            double[] xx = a.xx();
            double[] xy = a.xy();
            double[] mean = new double[p];
            double[] scale = new double[p];
            for (int i = 0; i < p; i++) {
                mean[i] = a.sumX[i] / n;
                double variance = xx[i * p + i] / n - mean[i] * mean[i];
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
                            : (xx[i * p + j] / n - mean[i] * mean[j]) / (scale[i] * scale[j]);
                    gram[i * p + j] = g;
                    gram[j * p + i] = g;
                }
            }
            double[] b = new double[p * q];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < q; j++) {
                    b[i * q + j] = scale[i] == 0 ? 0 : (xy[i * q + j] / n - mean[i] * yMean[j]) / scale[i];
                }
            }
            return new Standardised(p, q, mean, scale, yMean, gram, b);
        }

        Fit fit(double penalty) {
            double[] penalised = gram.clone();
            for (int i = 0; i < p; i++) {
                penalised[i * p + i] += penalty;
            }
            double[] weights = CholeskyFactor.of(penalised, p).solve(b, q);
            return new Fit(penalty, mean, scale, weights, yMean);
        }
    }

    /**
     * The fit whose penalty gives the least validation MSE among {@code penalties}, or the fit with
     * {@code defaultPenalty} when there are no validation rows.
     */
    static Fit select(Accumulator train, List<Double> penalties, Rows validation, double defaultPenalty) {
        Standardised standardised = Standardised.of(train);
        if (validation == null) {
            return standardised.fit(defaultPenalty);
        }
        Fit best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (double penalty : penalties) {
            Fit fit = standardised.fit(penalty);
            double error = fit.meanSquaredError(validation);
            if (Double.isNaN(error)) {   // validation without rows
                return standardised.fit(defaultPenalty);
            }
            if (error < bestError) {
                bestError = error;
                best = fit;
            }
        }
        return best != null ? best : standardised.fit(defaultPenalty);
    }
}
