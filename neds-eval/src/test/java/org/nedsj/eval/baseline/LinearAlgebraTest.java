package org.nedsj.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearAlgebraTest {

    @Test
    void choleskySolvesAHandWorkedSystem() {
        // [[4, 2], [2, 3]] x = [2, 1] → x = (1/8)·[[3, −2], [−2, 4]]·[2, 1] = [0.5, 0]
        double[] x = CholeskyFactor.of(new double[] {4, 2, 2, 3}, 2).solve(new double[] {2, 1});
        assertArrayEquals(new double[] {0.5, 0}, x, 1e-12);
    }

    @Test
    void choleskyOfASingularMatrixAddsJitter() {
        double[] x = CholeskyFactor.of(new double[] {1, 1, 1, 1}, 2).solve(new double[] {2, 2});
        assertEquals(2, x[0] + x[1], 1e-6);
    }

    @Test
    void lapackFindsEigenpairsOfATwoByTwo() {
        SymmetricEigenDecomposition e = SymmetricEigenDecomposition.of(new double[] {2, 1, 1, 2}, 2);
        assertArrayEquals(new double[] {3, 1}, e.values(), 1e-12);
        double s = Math.sqrt(0.5);
        assertEquals(s, Math.abs(e.vectors()[0]), 1e-12);
        assertEquals(Math.abs(e.vectors()[0]), Math.abs(e.vectors()[2]), 1e-12);
        assertEquals(0, e.vectors()[0] * e.vectors()[1] + e.vectors()[2] * e.vectors()[3], 1e-12);
    }

    @Test
    void subspaceIterationFindsPlantedLeadingComponents() {
        int n = 120;
        var random = new SplittableRandom(3);
        double[] q = new double[n * n];
        for (int i = 0; i < q.length; i++) {
            q[i] = random.nextGaussian();
        }
        // orthonormal columns by Gram–Schmidt
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < j; i++) {
                double dot = 0;
                for (int r = 0; r < n; r++) {
                    dot += q[r * n + i] * q[r * n + j];
                }
                for (int r = 0; r < n; r++) {
                    q[r * n + j] -= dot * q[r * n + i];
                }
            }
            double norm = 0;
            for (int r = 0; r < n; r++) {
                norm += q[r * n + j] * q[r * n + j];
            }
            for (int r = 0; r < n; r++) {
                q[r * n + j] /= Math.sqrt(norm);
            }
        }
        double[] lambda = new double[n];
        for (int j = 0; j < n; j++) {
            lambda[j] = j < 5 ? 50 - 8 * j : 1.0 / (1 + j);
        }
        double[] cov = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += q[a * n + j] * lambda[j] * q[b * n + j];
                }
                cov[a * n + b] = s;
            }
        }
        double[] top = PrincipalComponents.top(cov, n, 5, 11);
        for (int j = 0; j < 5; j++) {
            double dot = 0;
            for (int r = 0; r < n; r++) {
                dot += top[r * 5 + j] * q[r * n + j];
            }
            assertTrue(Math.abs(dot) > 0.9999, "component " + j + " aligned " + dot);
        }
    }

    @Test
    void raisedCosinesTileEveryBinAndPeakAtTheirCentres() {
        double[] basis = RaisedCosineBasis.of(100, 8);
        for (int t = 0; t < 100; t++) {
            double sum = 0;
            for (int j = 0; j < 8; j++) {
                sum += basis[t * 8 + j];
            }
            assertEquals(1.0, sum, 1e-12, "bin " + t);
        }
        assertEquals(1.0, basis[0], 1e-12);
        assertEquals(1.0, basis[99 * 8 + 7], 1e-12);
        assertEquals(0.0, basis[99 * 8], 1e-12);
    }
}
