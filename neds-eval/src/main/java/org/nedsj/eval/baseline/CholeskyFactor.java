package org.nedsj.eval.baseline;

import java.util.Optional;
import org.tribuo.math.la.DenseMatrix;

/**
 * Cholesky factor L·Lᵀ of a symmetric positive-definite matrix, and solves with it, by Tribuo's
 * {@link DenseMatrix#choleskyFactorization()}. The baselines solve thousands of small systems (one
 * per neuron and Newton step in the GLM); a pure-Java factorisation costs microseconds each where a
 * call through ND4J to LAPACK costs about a millisecond (README, "Linear baselines").
 */
final class CholeskyFactor {

    private static final int ATTEMPTS = 12;

    private final DenseMatrix.CholeskyFactorization factor;
    private final int n;

    private CholeskyFactor(DenseMatrix.CholeskyFactorization factor, int n) {
        this.factor = factor;
        this.n = n;
    }

    /**
     * Factors {@code a} (n×n row-major, symmetric; only the lower triangle is read). Should the
     * matrix be singular to working precision, a diagonal jitter growing from 1e-12 of its mean
     * diagonal is added until it factors.
     */
    static CholeskyFactor of(double[] a, int n) {
        double meanDiagonal = 0;
        for (int i = 0; i < n; i++) {
            meanDiagonal += Math.abs(a[i * n + i]) / n;
        }
        double jitter = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<DenseMatrix.CholeskyFactorization> f = symmetric(a, n, jitter).choleskyFactorization();
            if (f.isPresent()) {
                return new CholeskyFactor(f.get(), n);
            }
            jitter = jitter == 0 ? Math.max(meanDiagonal, 1e-300) * 1e-12 : jitter * 100;
        }
        throw new ArithmeticException("matrix of size " + n + " is not positive definite");
    }

    /** The matrix whose both triangles are a's lower one (Tribuo checks symmetry exactly), plus jitter on the diagonal. */
    private static DenseMatrix symmetric(double[] a, int n, double jitter) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                m[i][j] = a[i * n + j];
                m[j][i] = a[i * n + j];
            }
            m[i][i] = a[i * n + i] + jitter;
        }
        return DenseMatrix.createDenseMatrix(m);
    }

    /** x with A·x = b. */
    double[] solve(double[] b) {
        return factor.solve(org.tribuo.math.la.DenseVector.createDenseVector(b)).toArray();
    }

    /** X with A·X = B, for B of {@code columns} columns (n×columns row-major), one column at a time. */
    double[] solve(double[] b, int columns) {
        double[] out = new double[n * columns];
        double[] column = new double[n];
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = b[i * columns + j];
            }
            double[] x = solve(column);
            for (int i = 0; i < n; i++) {
                out[i * columns + j] = x[i];
            }
        }
        return out;
    }
}
