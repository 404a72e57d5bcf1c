package org.nedsj.eval.baseline;

import java.util.SplittableRandom;

/**
 * The leading eigenvectors of a covariance matrix: by LAPACK's symmetric eigensolver for small matrices, by
 * subspace iteration (with 8 extra vectors and a Rayleigh–Ritz step) for large ones.
 */
final class PrincipalComponents {

    private static final int DIRECT_LIMIT = 64;
    private static final int OVERSAMPLING = 8;
    private static final int ITERATIONS = 16;

    private PrincipalComponents() {
    }

    /** The top {@code k} eigenvectors of {@code cov} (n×n row-major), as the columns of an n×k matrix. */
    static double[] top(double[] cov, int n, int k, long seed) {
        if (k > n) {
            throw new IllegalArgumentException("cannot take " + k + " components of " + n + " dimensions");
        }
        if (n <= DIRECT_LIMIT) {
            return firstColumns(SymmetricEigenDecomposition.of(cov, n).vectors(), n, n, k);
        }
        int m = Math.min(n, k + OVERSAMPLING);
        double[] q = new double[n * m];
        var random = new SplittableRandom(seed);
        for (int i = 0; i < q.length; i++) {
            q[i] = random.nextDouble() - 0.5;
        }
        orthonormalise(q, n, m);
        for (int it = 0; it < ITERATIONS; it++) {
            q = multiply(cov, n, q, m);
            orthonormalise(q, n, m);
        }
        double[] cq = multiply(cov, n, q, m);
        double[] small = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += q[r * m + i] * cq[r * m + j];
                }
                small[i * m + j] = s;
            }
        }
        double[] rotation = SymmetricEigenDecomposition.of(symmetrised(small, m), m).vectors();
        double[] out = new double[n * k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += q[r * m + i] * rotation[i * m + j];
                }
                out[r * k + j] = s;
            }
        }
        return out;
    }

    private static double[] firstColumns(double[] v, int rows, int cols, int k) {
        double[] out = new double[rows * k];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(v, r * cols, out, r * k, k);
        }
        return out;
    }

    private static double[] symmetrised(double[] a, int m) {
        double[] s = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                s[i * m + j] = 0.5 * (a[i * m + j] + a[j * m + i]);
            }
        }
        return s;
    }

    /** a (n×n) · b (n×m). */
    private static double[] multiply(double[] a, int n, double[] b, int m) {
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            int oi = i * m;
            for (int k = 0; k < n; k++) {
                double aik = a[i * n + k];
                if (aik == 0) {
                    continue;
                }
                int bk = k * m;
                for (int j = 0; j < m; j++) {
                    out[oi + j] += aik * b[bk + j];
                }
            }
        }
        return out;
    }

    /**
     * Modified Gram–Schmidt on the m columns of q (n×m, m ≤ n); a column that vanishes (the matrix
     * has lower rank) is replaced by a random one and orthogonalised again.
     */
    private static void orthonormalise(double[] q, int n, int m) {
        var random = new SplittableRandom(n * 31L + m);
        for (int j = 0; j < m; j++) {
            for (int attempt = 0; ; attempt++) {
                for (int pass = 0; pass < 2; pass++) {
                    for (int i = 0; i < j; i++) {
                        double dot = 0;
                        for (int r = 0; r < n; r++) {
                            dot += q[r * m + i] * q[r * m + j];
                        }
                        for (int r = 0; r < n; r++) {
                            q[r * m + j] -= dot * q[r * m + i];
                        }
                    }
                }
                double norm = 0;
                for (int r = 0; r < n; r++) {
                    norm += q[r * m + j] * q[r * m + j];
                }
                norm = Math.sqrt(norm);
                if (norm > 1e-10 || attempt == 10) {
                    for (int r = 0; r < n; r++) {
                        q[r * m + j] /= norm;
                    }
                    break;
                }
                for (int r = 0; r < n; r++) {
                    q[r * m + j] = random.nextDouble() - 0.5;
                }
            }
        }
    }
}
