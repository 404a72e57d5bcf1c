package org.nedsj.trainer.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The machine's single-precision matrix-multiply rate through ND4J: the best of a few large products. */
public final class SgemmPeak {

    private SgemmPeak() {
    }

    /** GFLOP/s of the fastest of {@code repeats} products of two n×n matrices into a preallocated result. */
    public static double measure(int n, int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats + 1; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            double t = (System.nanoTime() - t0) / 1e9;
            if (i > 0) {
                best = Math.min(best, t);
            }
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
