package org.nedsj.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReducedRankRegressionTest {

    /** Four trials whose two features have mean 0 and variance 1, so z-scoring leaves them as they are. */
    private static final double[] X = {1, 1, 1, -1, -1, 1, -1, -1};

    /** Y = X·W with W = [[2, 1], [1, 2]]: rows (3, 3), (1, −1), (−1, 1), (−3, −3). */
    private static final double[] Y = {3, 3, 1, -1, -1, 1, -3, -3};

    private static double[] predict(ReducedRankRegression.Fit fit, int session, double... x) {
        double[] out = new double[fit.basis().length / fit.rank()];
        fit.sessions().get(session).predict(x, 0, out);
        return out;
    }

    @Test
    void rankOneTruncatesAlongTheLeadingSingularVectorOfTheFittedValues() {
        // Fitted values = Y; YᵀY = [[20, 16], [16, 20]] has eigenvalues 36 and 4 (Y's singular values 6 and 2),
        // the leading eigenvector v = (1, 1)/√2, so the rank-1 weights are W·vᵀv = [[1.5, 1.5], [1.5, 1.5]].
        var block = new ReducedRankRegression.Block(X, Y, 4, 2);
        ReducedRankRegression.Fit fit = ReducedRankRegression.fit(List.of(block), 2, 1, 1e-12);
        double s = Math.sqrt(0.5);
        assertEquals(1, Math.abs(fit.basis()[0] * s + fit.basis()[1] * s), 1e-9);
        assertArrayEquals(new double[] {1.5, 1.5, 1.5, 1.5}, fit.sessions().get(0).weights(), 1e-9);
        assertArrayEquals(new double[] {0, 0}, fit.sessions().get(0).intercept(), 1e-12);
        assertArrayEquals(new double[] {3, 3}, predict(fit, 0, 1, 1), 1e-9);
        assertArrayEquals(new double[] {0, 0}, predict(fit, 0, 1, -1), 1e-9);
        // rank 2 is the least-squares fit itself
        ReducedRankRegression.Fit full = ReducedRankRegression.fit(List.of(block), 2, 2, 1e-12);
        assertArrayEquals(new double[] {2, 1, 1, 2}, full.sessions().get(0).weights(), 1e-9);
    }

    @Test
    void theRidgePenaltyShrinksByOnePlusLambdaAndTheInterceptIsTheMeanTrace() {
        // ZᵀZ = 4·I and n = 4, so the ridge solution is (4 + 4λ)⁻¹·4·W = W/(1 + λ); λ = 1 halves the weights.
        double[] shifted = Y.clone();
        for (int i = 0; i < 4; i++) {
            shifted[2 * i] += 10;
            shifted[2 * i + 1] -= 5;
        }
        var block = new ReducedRankRegression.Block(X, shifted, 4, 2);
        ReducedRankRegression.Fit fit = ReducedRankRegression.fit(List.of(block), 2, 1, 1.0);
        assertArrayEquals(new double[] {0.75, 0.75, 0.75, 0.75}, fit.sessions().get(0).weights(), 1e-9);
        assertArrayEquals(new double[] {10, -5}, fit.sessions().get(0).intercept(), 1e-12);
        assertArrayEquals(new double[] {11.5, -3.5}, predict(fit, 0, 1, 1), 1e-9);
    }

    @Test
    void recoversRankOneWeightsOfSessionsOfDifferentSizesExactly() {
        // Y_s = X_s·u_s·vᵀ with v shared: rank 1 holds both sessions' maps exactly
        var random = new SplittableRandom(5);
        double[] v = {1, -2, 0.5, 3};
        int[] sizes = {3, 5};
        var blocks = new ArrayList<ReducedRankRegression.Block>();
        var us = new ArrayList<double[]>();
        for (int p : sizes) {
            double[] u = gaussian(random, p);
            double[] x = gaussian(random, 40 * p);
            blocks.add(new ReducedRankRegression.Block(x, product(x, 40, p, u, v), 40, p));
            us.add(u);
        }
        ReducedRankRegression.Fit fit = ReducedRankRegression.fit(blocks, 4, 1, 1e-12);
        double norm = Math.sqrt(1 + 4 + 0.25 + 9);
        double dot = 0;
        for (int k = 0; k < 4; k++) {
            dot += fit.basis()[k] * v[k] / norm;
        }
        assertEquals(1, Math.abs(dot), 1e-9);
        for (int s = 0; s < 2; s++) {
            double[] fresh = gaussian(random, sizes[s]);
            assertArrayEquals(product(fresh, 1, sizes[s], us.get(s), v), predict(fit, s, fresh), 1e-7);
        }
    }

    @Test
    void fullRankIsEachSessionsRidgeRegression() {
        var random = new SplittableRandom(9);
        int n = 30;
        int p = 4;
        int q = 3;
        double[] x = gaussian(random, n * p);
        double[] y = gaussian(random, n * q);
        ReducedRankRegression.Fit fit = ReducedRankRegression.fit(
                List.of(new ReducedRankRegression.Block(x, y, n, p)), q, q, 0.3);
        var acc = new RidgeRegression.Accumulator(p, q);
        for (int i = 0; i < n; i++) {
            acc.add(java.util.Arrays.copyOfRange(x, i * p, i * p + p), java.util.Arrays.copyOfRange(y, i * q, i * q + q));
        }
        RidgeRegression.Fit ridge = RidgeRegression.solve(acc, 0.3);
        double[] fresh = gaussian(random, p);
        double[] expected = new double[q];
        ridge.predict(fresh, expected);
        assertArrayEquals(expected, predict(fit, 0, fresh), 1e-9);
    }

    @Test
    void validationChoosesThePlantedRank() {
        // two sessions share a rank-2 basis of 6 targets; noise makes higher ranks fit what does not generalise
        var random = new SplittableRandom(21);
        int q = 6;
        double[][] basis = {gaussian(random, q), gaussian(random, q)};
        var train = new ArrayList<ReducedRankRegression.Block>();
        var val = new ArrayList<ReducedRankRegression.Block>();
        for (int p : new int[] {8, 10}) {
            double[][] u = {gaussian(random, p), gaussian(random, p)};
            train.add(noisyBlock(random, 30, p, u, basis));
            val.add(noisyBlock(random, 30, p, u, basis));
        }
        ReducedRankRegression.Fit fit = ReducedRankRegression.select(train, val, q, List.of(1, 2, 3, 4, 6),
                List.of(1e-4, 1e-2), 4, 1);
        assertEquals(2, fit.rank());
        // without validation rows the defaults hold
        var none = List.of(new ReducedRankRegression.Block(new double[0], new double[0], 0, 8),
                new ReducedRankRegression.Block(new double[0], new double[0], 0, 10));
        ReducedRankRegression.Fit fallback = ReducedRankRegression.select(train, none, q, List.of(1, 2), List.of(1e-4), 3, 0.5);
        assertEquals(3, fallback.rank());
        assertEquals(0.5, fallback.penalty());
    }

    private static ReducedRankRegression.Block noisyBlock(SplittableRandom random, int n, int p, double[][] u, double[][] v) {
        int q = v[0].length;
        double[] x = gaussian(random, n * p);
        double[] y = new double[n * q];
        for (int r = 0; r < u.length; r++) {
            double[] part = product(x, n, p, u[r], v[r]);
            for (int i = 0; i < y.length; i++) {
                y[i] += part[i];
            }
        }
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.5 * random.nextGaussian();
        }
        return new ReducedRankRegression.Block(x, y, n, p);
    }

    /** x (n × p) · u (p) · vᵀ (q). */
    private static double[] product(double[] x, int n, int p, double[] u, double[] v) {
        double[] out = new double[n * v.length];
        for (int i = 0; i < n; i++) {
            double c = 0;
            for (int j = 0; j < p; j++) {
                c += x[i * p + j] * u[j];
            }
            for (int k = 0; k < v.length; k++) {
                out[i * v.length + k] = c * v[k];
            }
        }
        return out;
    }

    private static double[] gaussian(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextGaussian();
        }
        return out;
    }
}
