package org.nedsj.eval.regions;

/**
 * The first two principal components of z-scored rows (power iteration with deflation on the
 * covariance), for a 2-D picture of neuron embeddings.
 */
public final class EmbeddingProjection {

    private EmbeddingProjection() {
    }

    /** @return [2][rows]: each row's coordinates on the first and the second component */
    public static double[][] firstTwo(double[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        double[][] z = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : rows) {
                mean += r[j] / n;
            }
            double var = 0;
            for (double[] r : rows) {
                var += (r[j] - mean) * (r[j] - mean) / n;
            }
            double sd = var > 1e-24 ? Math.sqrt(var) : 1;
            for (int i = 0; i < n; i++) {
                z[i][j] = (rows[i][j] - mean) / sd;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] r : z) {
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] += r[a] * r[b] / n;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        double[][] out = new double[2][n];
        for (int c = 0; c < Math.min(2, d); c++) {
            double[] v = leadingVector(cov);
            double lambda = rayleigh(cov, v);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] -= lambda * v[a] * v[b];
                }
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += z[i][j] * v[j];
                }
                out[c][i] = s;
            }
        }
        return out;
    }

    static double[] leadingVector(double[][] m) {
        int d = m.length;
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = 1 + 0.01 * j;   // not orthogonal to any eigenvector in practice
        }
        normalise(v);
        for (int it = 0; it < 500; it++) {
            double[] w = new double[d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    w[a] += m[a][b] * v[b];
                }
            }
            if (normalise(w) == 0) {
                return v;
            }
            double change = 0;
            for (int j = 0; j < d; j++) {
                change = Math.max(change, Math.abs(Math.abs(w[j]) - Math.abs(v[j])));
            }
            v = w;
            if (change < 1e-10) {
                break;
            }
        }
        return v;
    }

    private static double rayleigh(double[][] m, double[] v) {
        double s = 0;
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                s += v[a] * m[a][b] * v[b];
            }
        }
        return s;
    }

    private static double normalise(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= norm;
            }
        }
        return norm;
    }
}
