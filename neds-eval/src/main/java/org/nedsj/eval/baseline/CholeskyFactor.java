package org.nedsj.eval.baseline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Cholesky factor L·Lᵀ of a symmetric positive-definite matrix (LAPACK {@code dpotrf}), and solves with it. */
final class CholeskyFactor {

    private static final int ATTEMPTS = 12;

    private final INDArray lower;

    private CholeskyFactor(INDArray lower) {
        this.lower = lower;
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
            INDArray l = tryFactor(a, n, jitter);
            if (l != null) {
                return new CholeskyFactor(l);
            }
            jitter = jitter == 0 ? Math.max(meanDiagonal, 1e-300) * 1e-12 : jitter * 100;
        }
        throw new ArithmeticException("matrix of size " + n + " is not positive definite");
    }

    private static INDArray tryFactor(double[] a, int n, double jitter) {
        // the lower triangle of the row-major a, laid out column-major for LAPACK
        double[] columnMajor = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                columnMajor[j * n + i] = a[i * n + j];
            }
            columnMajor[i * n + i] += jitter;
        }
        INDArray m = Nd4j.create(columnMajor, new long[] {n, n}, new long[] {1, n}, 'f', DataType.DOUBLE);
        try {
            Nd4j.getBlasWrapper().lapack().potrf(m, true);
        } catch (Error notPositiveDefinite) {
            // ND4J reports dpotrf's info > 0 (a leading minor not positive) as an Error
            return null;
        }
        // dpotrf leaves the upper triangle as it found it; the triangular solves want it zero
        double[] factor = m.data().asDouble();
        double[] lower = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                lower[i * n + j] = factor[j * n + i];
            }
        }
        return Nd4j.create(lower, new long[] {n, n}, DataType.DOUBLE);
    }

    /** x with A·x = b. */
    double[] solve(double[] b) {
        return solve(b, 1);
    }

    /** X with A·X = B, for B of {@code columns} columns (n×columns row-major). */
    double[] solve(double[] b, int columns) {
        int n = (int) lower.rows();
        INDArray rhs = Nd4j.create(b.clone(), new long[] {n, columns}, DataType.DOUBLE);
        INDArray y = Nd4j.linalg().triangularSolve(lower, rhs, true, false);
        INDArray x = Nd4j.linalg().triangularSolve(lower, y, true, true);
        return x.dup('c').data().asDouble();
    }
}
