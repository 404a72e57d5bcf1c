package org.nedsj.eval.baseline;

/** Cholesky factor L·Lᵀ of a symmetric positive-definite matrix, and solves with it. */
final class Cholesky {

    private final double[] lower;
    private final int n;

    private Cholesky(double[] lower, int n) {
        this.lower = lower;
        this.n = n;
    }

    /**
     * Factors {@code a} (n×n row-major, symmetric; only the lower triangle is read). Should the
     * matrix be singular to working precision, a diagonal jitter growing from 1e-12 of its mean
     * diagonal is added until it factors.
     */
    static Cholesky of(double[] a, int n) {
        double meanDiagonal = 0;
        for (int i = 0; i < n; i++) {
            meanDiagonal += Math.abs(a[i * n + i]) / n;
        }
        double jitter = 0;
        for (int attempt = 0; attempt < 12; attempt++) {
            double[] l = tryFactor(a, n, jitter);
            if (l != null) {
                return new Cholesky(l, n);
            }
            jitter = jitter == 0 ? Math.max(meanDiagonal, 1e-300) * 1e-12 : jitter * 100;
        }
        throw new ArithmeticException("matrix of size " + n + " is not positive definite");
    }

    private static double[] tryFactor(double[] a, int n, double jitter) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j] + (i == j ? jitter : 0);
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        return l;
    }

    /** x with A·x = b. */
    double[] solve(double[] b) {
        double[] x = b.clone();
        for (int i = 0; i < n; i++) {
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= lower[i * n + k] * x[k];
            }
            x[i] = s / lower[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= lower[k * n + i] * x[k];
            }
            x[i] = s / lower[i * n + i];
        }
        return x;
    }
}
