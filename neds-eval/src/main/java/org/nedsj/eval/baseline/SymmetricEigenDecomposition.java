package org.nedsj.eval.baseline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Eigen-decomposition of a symmetric matrix by LAPACK {@code dsyev}.
 *
 * @param values  eigenvalues, descending
 * @param vectors n×n row-major; column j is the eigenvector of {@code values[j]}
 */
record SymmetricEigenDecomposition(double[] values, double[] vectors) {

    /** Decomposes {@code matrix} (n×n row-major, symmetric; only the upper triangle is read). */
    static SymmetricEigenDecomposition of(double[] matrix, int n) {
        INDArray a = Nd4j.create(matrix.clone(), new long[] {n, n}, DataType.DOUBLE).dup('f');
        INDArray ascending = Nd4j.create(DataType.DOUBLE, n);
        int info = Nd4j.getBlasWrapper().lapack().syev('V', 'U', a, ascending);
        if (info != 0) {
            throw new ArithmeticException("symmetric eigen-decomposition of a " + n + "×" + n
                    + " matrix did not converge (dsyev info " + info + ")");
        }
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int j = 0; j < n; j++) {
            int src = n - 1 - j;
            values[j] = ascending.getDouble(src);
            for (int k = 0; k < n; k++) {
                vectors[k * n + j] = a.getDouble(k, src);
            }
        }
        return new SymmetricEigenDecomposition(values, vectors);
    }
}
