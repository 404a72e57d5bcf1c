package org.nedsj.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegressionFitsTest {

    private static RidgeRegression.Rows rows(double[][] x, double[] y) {
        return v -> {
            for (int i = 0; i < x.length; i++) {
                v.row(x[i], new double[] {y[i]});
            }
        };
    }

    @Test
    void ridgeWithATinyPenaltyRecoversAnExactLinearMap() {
        var random = new SplittableRandom(1);
        double[][] x = new double[50][2];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i][0] = random.nextGaussian() * 3 + 1;
            x[i][1] = random.nextGaussian();
            y[i] = 2 + 3 * x[i][0] - x[i][1];
        }
        var fit = RidgeRegression.solve(RidgeRegression.Accumulator.of(rows(x, y), 2, 1), 1e-12);
        double[] out = new double[1];
        fit.predict(new double[] {10, -4}, out);
        assertEquals(2 + 30 + 4, out[0], 1e-6);
        assertEquals(0, fit.meanSquaredError(rows(x, y)), 1e-12);
    }

    @Test
    void ridgeShrinksTowardsTheMeanAsThePenaltyGrows() {
        double[][] x = {{0}, {1}, {2}, {3}};
        double[] y = {0, 1, 2, 3};
        var acc = RidgeRegression.Accumulator.of(rows(x, y), 1, 1);
        // z-scored x has variance 1, so the slope on z is cov(z, y) / (1 + λ) = sd(x) / (1 + λ)
        double sd = Math.sqrt(1.25);
        for (double penalty : new double[] {0.5, 3}) {
            double[] out = new double[1];
            RidgeRegression.solve(acc, penalty).predict(new double[] {3}, out);
            assertEquals(1.5 + (1.5 / sd) * sd / (1 + penalty), out[0], 1e-9);
        }
    }

    @Test
    void theSumsOfRowsGatheredInBlocksAreTheSumsRowByRow() {
        var random = new SplittableRandom(3);
        int p = 7;
        int q = 2;
        for (int n : new int[] {1, 256, 600}) {
            var acc = new RidgeRegression.Accumulator(p, q);
            double[] xx = new double[p * p];
            double[] xy = new double[p * q];
            for (int r = 0; r < n; r++) {
                double[] x = random.doubles(p).map(v -> v * 4 - 1).toArray();
                double[] y = random.doubles(q).toArray();
                acc.add(x, y);
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        xx[i * p + j] += x[i] * x[j];
                    }
                    for (int j = 0; j < q; j++) {
                        xy[i * q + j] += x[i] * y[j];
                    }
                }
            }
            assertArrayEquals(xx, acc.xx(), 1e-9 * n, n + " rows: xxᵀ");
            assertArrayEquals(xy, acc.xy(), 1e-9 * n, n + " rows: xyᵀ");
            assertEquals(n, acc.n);
        }
    }

    @Test
    void ridgePicksThePenaltyWithTheLeastValidationError() {
        var random = new SplittableRandom(2);
        int n = 40;
        int p = 30;
        double[][] x = new double[n][p];
        double[] y = new double[n];
        double[][] vx = new double[400][p];
        double[] vy = new double[400];
        for (double[][] set : new double[][][] {x, vx}) {
            double[] target = set == x ? y : vy;
            for (int i = 0; i < set.length; i++) {
                for (int j = 0; j < p; j++) {
                    set[i][j] = random.nextGaussian();
                }
                target[i] = set[i][0] + 2 * random.nextGaussian();
            }
        }
        var acc = RidgeRegression.Accumulator.of(rows(x, y), p, 1);
        var chosen = RidgeRegression.select(acc, List.of(1e-4, 1.0), rows(vx, vy), 1e-4);
        // 30 noise features and 40 rows: the nearly unpenalised fit overfits, the penalised one does not
        assertEquals(1.0, chosen.penalty());
        // the penalties share one standardisation of the sums: the chosen fit is the one fitted at its penalty alone
        assertArrayEquals(RidgeRegression.solve(acc, 1.0).weights(), chosen.weights(), 0);
        assertTrue(chosen.meanSquaredError(rows(vx, vy)) < RidgeRegression.solve(acc, 1e-4).meanSquaredError(rows(vx, vy)));
        assertEquals(1e-4, RidgeRegression.select(acc, List.of(1.0), null, 1e-4).penalty());
    }

    @Test
    void logisticRegressionRecoversKnownLogits() {
        var random = new SplittableRandom(5);
        int n = 40000;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            double[] eta = trueLogits(x[i]);
            double z = 1 + Math.exp(eta[1]) + Math.exp(eta[2]);
            double u = random.nextDouble() * z;
            y[i] = u < 1 ? 0 : u < 1 + Math.exp(eta[1]) ? 1 : 2;
        }
        var fit = MultinomialLogisticRegression.fit(x, y, 3, 1e-6, 50);
        float[] logits = new float[3];
        for (double[] point : new double[][] {{0, 0}, {1, -1}, {-1.5, 0.5}}) {
            fit.logits(point, logits, 0);
            double[] expected = trueLogits(point);
            assertEquals(expected[1], logits[1] - logits[0], 0.1);
            assertEquals(expected[2], logits[2] - logits[0], 0.1);
        }
    }

    /** Class logits relative to class 0: η1 = 0.5 + 2·x0, η2 = −0.5 − x0 + 1.5·x1. */
    private static double[] trueLogits(double[] x) {
        return new double[] {0, 0.5 + 2 * x[0], -0.5 - x[0] + 1.5 * x[1]};
    }

    /**
     * scikit-learn 1.2's {@code LogisticRegression(C = 1/(2·λ·n))} (multinomial, lbfgs, tol 1e-12) on these rows z-scored
     * as the fit z-scores them: its logits of classes 1 and 2 minus class 0's at three points. A fit with class 0 as the
     * reference, penalising only the other classes' weights, gives other numbers.
     */
    @Test
    void logisticRegressionMatchesScikitLearnsMultinomialFit() {
        double[][] x = {{2.54, -6.11}, {0.92, -2.14}, {0.05, -1.43}, {-1.52, -1.46}, {-0.37, 5.65}, {0.73, -1.71},
                {0.22, -2.34}, {-0.56, -1.78}, {0.98, -1.48}, {1.46, -1.4}, {0.52, 2.09}, {1.05, -2.01}, {0.32, 0.08},
                {2.44, -1.54}, {0.26, 1.0}};
        int[] y = {0, 1, 2, 1, 0, 1, 2, 2, 0, 0, 2, 2, 0, 1, 1};
        var fit = MultinomialLogisticRegression.fit(x, y, 3, 0.05, 50);
        double[][] points = {{0, 0}, {1, -2}, {-1, 1.5}};
        double[][] sklearn = {{0.208842, 0.302662}, {0.01801, -0.090386}, {0.468438, 0.775498}};
        float[] logits = new float[3];
        for (int i = 0; i < points.length; i++) {
            fit.logits(points[i], logits, 0);
            assertEquals(sklearn[i][0], logits[1] - logits[0], 1e-5);
            assertEquals(sklearn[i][1], logits[2] - logits[0], 1e-5);
        }
        // at the optimum each feature's weights sum to zero over the classes (the cross-entropy's gradient does)
        for (int j = 1; j <= 2; j++) {
            assertEquals(0, fit.coef()[j] + fit.coef()[3 + j] + fit.coef()[6 + j], 1e-9);
        }
    }

    /**
     * 40 rows of three features and three classes; scipy (L-BFGS-B to gtol 1e-12) on the rows z-scored once over
     * all 40, folds i mod 5: the held-out cross-entropies summed over the folds are 39.726, 37.093, 36.680 and 41.670
     * at λ = 1e-3, 1e-2, 1e-1 and 1, so λ = 0.1, refitted to all rows.
     */
    @Test
    void logisticRegressionChoosesItsPenaltyByCrossValidationAsWorkedOutInScipy() {
        double[][] x = {{0.0, 0.3, -0.27}, {-0.89, -0.45, -0.99}, {0.06, 1.34, -0.49}, {-0.62, 0.49, 0.36},
                {0.11, -0.93, -0.03}, {0.7, -1.34, -0.46}, {-1.9, -1.29, -1.84}, {-0.24, -1.27, 0.27}, {0.16, -0.19, -2.52},
                {-0.54, -0.05, 0.11}, {-1.53, -0.48, -0.98}, {-0.81, 1.06, -0.81}, {-0.03, 0.88, -0.58}, {-0.11, 0.11, 0.06},
                {-1.23, 0.08, 1.36}, {-1.55, 0.86, 0.12}, {-0.64, 2.0, 0.76}, {-1.2, 0.07, 0.58}, {-0.19, 0.68, -0.07},
                {0.67, 1.44, -0.68}, {0.2, -0.46, 0.13}, {-1.19, -0.58, -0.2}, {0.9, 1.15, -1.32}, {-0.79, 0.65, -1.99},
                {-0.46, -0.1, 1.26}, {0.69, -0.33, -0.37}, {-0.25, 1.52, -0.43}, {-0.3, 0.35, -0.12}, {-0.2, -1.11, -0.01},
                {-0.44, 1.17, 0.65}, {-0.02, 0.67, -0.34}, {1.05, -0.01, 0.58}, {-1.29, 0.35, -1.69}, {-2.04, -0.3, -0.9},
                {0.16, 2.24, -0.83}, {-0.62, 0.21, 0.49}, {-0.18, -0.21, 0.7}, {0.52, -1.03, -0.08}, {0.04, -1.05, 0.26},
                {-0.86, 0.97, 0.19}};
        int[] y = {1, 2, 1, 2, 0, 0, 2, 1, 0, 2, 2, 1, 0, 2, 2, 2, 1, 2, 2, 1, 1, 2, 1, 1, 2, 0, 1, 1, 2, 0, 2, 0, 2, 2,
                2, 1, 1, 0, 0, 1};
        var fit = MultinomialLogisticRegression.selectByCrossValidation(x, y, 3, List.of(1e-3, 1e-2, 1e-1, 1.0), 5, 1e-2,
                50, false);
        assertEquals(0.1, fit.penalty());
        double[][] scipy = {{0.446880, 0.240694}, {0.367421, 1.217346}, {1.104432, 0.387999}};
        float[] logits = new float[3];
        for (int i = 0; i < scipy.length; i++) {
            fit.logits(x[i], logits, 0);
            assertEquals(scipy[i][0], logits[1] - logits[0], 1e-5);
            assertEquals(scipy[i][1], logits[2] - logits[0], 1e-5);
        }
        // fewer rows than folds: the default penalty
        assertEquals(1e-2, MultinomialLogisticRegression.selectByCrossValidation(Arrays.copyOf(x, 4),
                Arrays.copyOf(y, 4), 3, List.of(1e-3, 1.0), 5, 1e-2, 50, false).penalty());
    }

    @Test
    void rankOneLogisticRegressionMatchesTheStereotypeFitWorkedOutWithScipy() {
        // scipy (BFGS over u, φ and the intercepts jointly, from 80 random starts, all at one minimum, 1.0493290) on the
        // 15 rows above, z-scored, λ = 0.05, intercept penalty 1e-8; the two-stage fit this one starts from (the full
        // fit's leading direction u, then φ and the intercepts of z·u) gave −0.011456 and −0.078788 at (1, −2)
        double[][] x = {{2.54, -6.11}, {0.92, -2.14}, {0.05, -1.43}, {-1.52, -1.46}, {-0.37, 5.65}, {0.73, -1.71},
                {0.22, -2.34}, {-0.56, -1.78}, {0.98, -1.48}, {1.46, -1.4}, {0.52, 2.09}, {1.05, -2.01}, {0.32, 0.08},
                {2.44, -1.54}, {0.26, 1.0}};
        int[] y = {0, 1, 2, 1, 0, 1, 2, 2, 0, 0, 2, 2, 0, 1, 1};
        var fit = MultinomialLogisticRegression.fitRankOne(x, y, 3, 0.05, 50);
        double[][] points = {{0, 0}, {1, -2}, {-1, 1.5}};
        double[][] expected = {{0.241064, 0.291741}, {-0.010119, -0.076580}, {0.549668, 0.744260}};
        float[] logits = new float[3];
        for (int i = 0; i < points.length; i++) {
            fit.logits(points[i], logits, 0);
            assertEquals(expected[i][0], logits[1] - logits[0], 1e-5);
            assertEquals(expected[i][1], logits[2] - logits[0], 1e-5);
        }
        // one direction: the classes' weight vectors (coef k·3 + 1 and + 2) are proportional
        double[] c = fit.coef();
        for (int k = 1; k < 3; k++) {
            assertEquals(0, c[1] * c[k * 3 + 2] - c[2] * c[k * 3 + 1], 1e-12, "class " + k);
        }
    }

    @Test
    void twoClassesFullLogisticFitIsOfRankOneAndComesBackUnchanged() {
        var random = new SplittableRandom(5);
        double[][] x = new double[80][4];
        int[] y = new int[80];
        for (int i = 0; i < 80; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = 3 * j + (1 + j) * random.nextGaussian();
            }
            y[i] = x[i][0] - x[i][2] / 3 + random.nextGaussian() > -2 ? 1 : 0;
        }
        var full = MultinomialLogisticRegression.fit(x, y, 2, 0.02, 50);
        var one = MultinomialLogisticRegression.fitRankOne(x, y, 2, 0.02, 50);
        float[] a = new float[2];
        float[] b = new float[2];
        for (double[] row : x) {
            full.logits(row, a, 0);
            one.logits(row, b, 0);
            assertEquals(a[1] - a[0], b[1] - b[0], 1e-5);
        }
    }

    @Test
    void aRankOneFitWithoutFeaturesGivesTheClassFrequencies() {
        // a session whose neurons are all silent in training leaves no components: the fit is its intercepts alone
        int[] y = new int[30];
        for (int i = 0; i < 30; i++) {
            y[i] = i < 10 ? 0 : i < 15 ? 1 : 2;
        }
        var fit = MultinomialLogisticRegression.fitRankOne(new double[30][0], y, 3, 0.1, 50);
        float[] logits = new float[3];
        fit.logits(new double[0], logits, 0);
        assertEquals(Math.log(5.0 / 10), logits[1] - logits[0], 1e-5);
        assertEquals(Math.log(15.0 / 10), logits[2] - logits[0], 1e-5);
    }

    @Test
    void relabellingTheClassesRelabelsTheLogits() {
        var random = new SplittableRandom(11);
        int n = 60;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        int[] swapped = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian() + (j == y[i] ? 0.8 : 0);
            }
            swapped[i] = 2 - y[i];
        }
        var fit = MultinomialLogisticRegression.fit(x, y, 3, 0.1, 50);
        var relabelled = MultinomialLogisticRegression.fit(x, swapped, 3, 0.1, 50);
        float[] a = new float[3];
        float[] b = new float[3];
        for (int i = 0; i < 10; i++) {
            fit.logits(x[i], a, 0);
            relabelled.logits(x[i], b, 0);
            for (int k = 0; k < 3; k++) {
                assertEquals(a[k] - a[0], b[2 - k] - b[2], 1e-5, "row " + i + ", class " + k);
            }
        }
    }

    @Test
    void logisticRegressionStaysFiniteWhenAClassNeverOccurs() {
        double[][] x = {{0}, {1}, {2}, {3}};
        int[] y = {0, 0, 1, 1};
        var fit = MultinomialLogisticRegression.fit(x, y, 3, 1e-2, 50);
        float[] logits = new float[3];
        fit.logits(new double[] {3}, logits, 0);
        assertTrue(Float.isFinite(logits[2]) && logits[2] < logits[1], java.util.Arrays.toString(logits));
    }

    @Test
    void poissonGlmRecoversKnownCoefficientsAndLeavesSilentNeuronsNaN() {
        var random = new SplittableRandom(9);
        int rows = 20000;
        int d = 3;
        double[][] beta = {{-1.0, 0.5, -0.3}, {0.2, -0.4, 0.25}, {-2.0, 0.8, 0.6}};
        int neurons = 4;  // the last one never fires
        double[] x = new double[rows * d];
        float[] y = new float[rows * neurons];
        for (int r = 0; r < rows; r++) {
            x[r * d] = 1;
            x[r * d + 1] = random.nextGaussian();
            x[r * d + 2] = random.nextDouble() * 2 - 1;
            for (int n = 0; n < 3; n++) {
                double eta = beta[n][0] + beta[n][1] * x[r * d + 1] + beta[n][2] * x[r * d + 2];
                y[r * neurons + n] = poisson(Math.exp(eta), random);
            }
        }
        double[] fit = PoissonGlm.fit(x, rows, d, y, neurons, 1e-8, 25, null);
        for (int n = 0; n < 3; n++) {
            for (int j = 0; j < d; j++) {
                assertEquals(beta[n][j], fit[n * d + j], 0.06, "neuron " + n + " coefficient " + j);
            }
        }
        assertTrue(Double.isNaN(fit[3 * d]));
    }

    private static float poisson(double rate, SplittableRandom random) {
        double limit = Math.exp(-rate);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}
