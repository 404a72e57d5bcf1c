package org.nedsj.model.modality;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionOffsetFitTest {

    @Test
    void withoutFeaturesTheClassOffsetsMatchTheClassFrequencies() {
        // 30 tokens of class 0 and 10 of class 1, every input 0 and the shared logits 0: the fitted class offsets
        // must give p(1) = 10/40, i.e. b1 − b0 = log(10/30) (the bias ridge is 1e-6)
        int n = 40;
        double[][] x = new double[n][1];
        double[][] base = new double[n][2];
        int[] label = new int[n];
        for (int i = 30; i < n; i++) {
            label[i] = 1;
        }
        double[][] offsets = new SessionOffsetFit(x, base, label, 2).fit(0.01);
        assertEquals(Math.log(10.0 / 30.0), offsets[1][1] - offsets[1][0], 1e-4);
        assertEquals(0, offsets[0][0], 1e-12);
        assertEquals(0, offsets[1][0] + offsets[1][1], 1e-4, "the ridge splits the difference evenly");
    }

    @Test
    void theFitIsAStationaryPointOfThePenalisedLoss() {
        Planted p = planted(300, 5, 3, 1.5, 11);
        SessionOffsetFit fit = new SessionOffsetFit(p.x, p.base, p.label, 3);
        double penalty = 0.01;
        double[] theta = flatten(fit.fit(penalty));
        boolean[] all = new boolean[p.x.length];
        Arrays.fill(all, true);
        double[] gradient = new double[theta.length];
        double loss = fit.objective(theta, penalty, all, gradient);
        for (double g : gradient) {
            assertEquals(0, g, 1e-7);
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 20; k++) {
            double[] moved = theta.clone();
            moved[rng.nextInt(moved.length)] += rng.nextDouble(-0.05, 0.05);
            assertTrue(fit.objective(moved, penalty, all, null) >= loss, "a nearby point has a lower loss");
        }
    }

    @Test
    void aSessionWhoseClassesDependOnItsInputsGetsOffsetsThatPredictNewTokens() {
        Planted train = planted(250, 8, 3, 2.0, 5);
        Planted test = planted(2000, 8, 3, 2.0, 6, train.weights);
        SessionOffsetFit fit = new SessionOffsetFit(train.x, train.base, train.label, 3);
        double penalty = fit.choosePenalty();
        assertFalse(Double.isNaN(penalty), "cross-validation kept the shared head, which knows nothing of these classes");
        double[][] offsets = fit.fit(penalty);
        double fitted = meanCrossEntropy(test, offsets);
        double shared = meanCrossEntropy(test, new double[9][3]);
        assertTrue(fitted < shared - 0.2, "held-out cross-entropy " + fitted + " against the shared head's " + shared);
        double best = meanCrossEntropy(test, truth(train.weights));
        assertTrue(fitted < best + 0.05, "held-out cross-entropy " + fitted + " against the generating weights' " + best);
    }

    @Test
    void aSessionWhoseClassesDoNotDependOnItsInputsKeepsTheSharedHeadOrNearly() {
        // the shared logits already give the true class probabilities and the inputs are noise: the penalty
        // chosen is none (NaN) or one of the two largest, whose offsets are nearly zero
        Planted p = planted(250, 8, 3, 0.0, 9);
        SessionOffsetFit fit = new SessionOffsetFit(p.x, p.base, p.label, 3);
        double penalty = fit.choosePenalty();
        assertTrue(Double.isNaN(penalty) || penalty >= 0.1, "penalty " + penalty);
    }

    @Test
    void aStandardisingFitDoesNotDependOnTheScaleOrOffsetOfAnInput() {
        // input 0 multiplied by 1000 and input 1 shifted by 50: the same penalty gives offsets of the raw inputs that
        // predict every token as on the inputs as drawn, and cross-validation chooses the same penalty
        Planted p = planted(200, 4, 3, 2.0, 17);
        double[][] stretched = new double[p.x.length][];
        for (int i = 0; i < p.x.length; i++) {
            stretched[i] = p.x[i].clone();
            stretched[i][0] *= 1000;
            stretched[i][1] += 50;
        }
        SessionOffsetFit asDrawn = SessionOffsetFit.standardising(p.x, p.base, p.label, 3);
        SessionOffsetFit scaled = SessionOffsetFit.standardising(stretched, p.base, p.label, 3);
        assertEquals(asDrawn.choosePenalty(), scaled.choosePenalty());
        double[][] a = asDrawn.fit(0.01);
        double[][] b = scaled.fit(0.01);
        assertEquals(a[0][1] - a[0][0], 1000 * (b[0][1] - b[0][0]), 1e-6, "the stretched input's weight is 1000 times smaller");
        for (int i = 0; i < p.x.length; i++) {
            double[] la = logits(p.x[i], a, a[4]);
            double[] lb = logits(stretched[i], b, b[4]);
            for (int c = 1; c < 3; c++) {
                assertEquals(la[c] - la[0], lb[c] - lb[0], 1e-6, "token " + i);
            }
        }
        // the plain fit penalises the stretched input's weight by its raw size, next to nothing: it differs
        double[][] plain = new SessionOffsetFit(stretched, p.base, p.label, 3).fit(0.01);
        assertTrue(Math.abs(1000 * (plain[0][1] - plain[0][0]) - (a[0][1] - a[0][0])) > 1e-3,
                "the plain fit of the stretched input matches the standardising one");
    }

    @Test
    void aRankOneFitMatchesTheStereotypeFitWorkedOutWithScipy() {
        // scipy (BFGS over u, φ and b_s jointly, to gtol 1e-13, from 80 random starts, all reaching one minimum,
        // 1.0493290) on these 15 tokens, z-scored, λ = 0.05, bias ridge 1e-6: the offsets of the raw inputs. The two-stage
        // fit this one starts from (the full fit's leading direction, then φ and b_s) is off by 5e-4 in the first weight
        double[][] x = {{2.54, -6.11}, {0.92, -2.14}, {0.05, -1.43}, {-1.52, -1.46}, {-0.37, 5.65}, {0.73, -1.71},
                {0.22, -2.34}, {-0.56, -1.78}, {0.98, -1.48}, {1.46, -1.4}, {0.52, 2.09}, {1.05, -2.01}, {0.32, 0.08},
                {2.44, -1.54}, {0.26, 1.0}};
        int[] y = {0, 1, 2, 1, 0, 1, 2, 2, 0, 0, 2, 2, 0, 1, 1};
        double[][] offsets = SessionOffsetFit.standardising(x, new double[15][3], y, 3).rankOne().fit(0.05);
        double[][] weights = {{0.395326, -0.085539, -0.309787}, {0.094412, -0.020428, -0.073984}};
        double[] classOffsets = {-0.177601, 0.063462, 0.114139};
        for (int k = 0; k < 2; k++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(weights[k][c], offsets[k][c], 2e-6, "input " + k + ", class " + c);
            }
        }
        for (int c = 1; c < 3; c++) {
            assertEquals(classOffsets[c] - classOffsets[0], offsets[2][c] - offsets[2][0], 2e-6, "class " + c);
        }
        // one direction: the two inputs' rows of weights are proportional
        assertEquals(0, offsets[0][1] * offsets[1][2] - offsets[0][2] * offsets[1][1], 1e-12);
        assertEquals(0, offsets[0][0] * offsets[1][1] - offsets[0][1] * offsets[1][0], 1e-12);
    }

    @Test
    void twoClassesFullFitIsOfRankOneAndComesBackUnchanged() {
        Planted p = planted(150, 5, 2, 1.5, 31);
        SessionOffsetFit full = SessionOffsetFit.standardising(p.x, p.base, p.label, 2);
        double[][] a = full.fit(0.01);
        double[][] b = full.rankOne().fit(0.01);
        for (int k = 0; k < a.length; k++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(a[k][c], b[k][c], 1e-7, "row " + k + ", class " + c);
            }
        }
        assertEquals(full.choosePenalty(), full.rankOne().choosePenalty());
    }

    @Test
    void classesThatAreLevelsOfOneVariableArePredictedBetterByTheRankOneFitFromFewTokens() {
        // three ordered classes read from one direction of 30 inputs (class k where s = x·w + noise falls in its third
        // of the line): fitted to 90 tokens, the rank-one fit, H + 6 numbers, predicts 3,000 new tokens with a lower
        // cross-entropy than the full fit's (H + 1)·3 at every penalty cross-validation chooses among (at the best
        // of each, 0.903 against 0.954)
        Planted train = ordered(90, 30, 41);
        Planted test = ordered(3000, 30, 42);
        SessionOffsetFit full = SessionOffsetFit.standardising(train.x, train.base, train.label, 3);
        SessionOffsetFit one = full.rankOne();
        double bestFull = Double.POSITIVE_INFINITY;
        double bestOne = Double.POSITIVE_INFINITY;
        for (double penalty : SessionOffsetFit.PENALTIES) {
            double fullCe = meanCrossEntropy(test, full.fit(penalty));
            double oneCe = meanCrossEntropy(test, one.fit(penalty));
            assertTrue(oneCe < fullCe, "λ = " + penalty + ": rank one " + oneCe + " against full " + fullCe);
            bestFull = Math.min(bestFull, fullCe);
            bestOne = Math.min(bestOne, oneCe);
        }
        assertTrue(bestOne < bestFull - 0.03, "at their best penalties: rank one " + bestOne + ", full " + bestFull);
    }

    /** Tokens whose class is the tercile of x·w + noise, w fixed by the input count (inputs standard normal). */
    private static Planted ordered(int n, int features, long seed) {
        SplittableRandom direction = new SplittableRandom(features);
        double[] w = new double[features];
        for (int k = 0; k < features; k++) {
            w[k] = direction.nextGaussian() / Math.sqrt(features);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][features];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < features; k++) {
                x[i][k] = rng.nextGaussian();
                s += x[i][k] * w[k];
            }
            s += 0.7 * rng.nextGaussian();
            label[i] = s < -0.5 ? 0 : s < 0.5 ? 1 : 2;
        }
        return new Planted(x, new double[n][3], label, null);
    }

    @Test
    void theChosenPenaltyDoesNotDependOnTheThreadsTheFoldsRunOn() throws Exception {
        // a weak dependence, so that the folds' cross-entropies of neighbouring penalties are close
        Planted p = planted(120, 6, 3, 0.6, 21);
        SessionOffsetFit fit = new SessionOffsetFit(p.x, p.base, p.label, 3);
        double inOne = choosePenaltyOn(1, fit);
        assertEquals(inOne, choosePenaltyOn(3, fit));
        assertEquals(inOne, fit.choosePenalty());
    }

    private static double choosePenaltyOn(int threads, SessionOffsetFit fit) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(fit::choosePenalty).get();
        } finally {
            pool.shutdown();
        }
    }

    /** Tokens with standard normal inputs and classes drawn from softmax(x·W) with W of the given scale; shared logits 0. */
    private static Planted planted(int n, int features, int classes, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] w = new double[features][classes];
        for (double[] row : w) {
            for (int c = 0; c < classes; c++) {
                row[c] = scale * rng.nextGaussian() / Math.sqrt(features);
            }
        }
        return planted(n, features, classes, scale, seed + 1000, w);
    }

    private static Planted planted(int n, int features, int classes, double scale, long seed, double[][] w) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][features];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < features; k++) {
                x[i][k] = rng.nextGaussian();
            }
            double[] p = softmax(logits(x[i], w, null));
            double u = rng.nextDouble();
            int c = 0;
            for (double acc = p[0]; acc < u && c < classes - 1; acc += p[++c]) {
                // the class whose cumulative probability first reaches u
            }
            label[i] = c;
        }
        return new Planted(x, new double[n][classes], label, w);
    }

    private static double meanCrossEntropy(Planted p, double[][] offsets) {
        double total = 0;
        for (int i = 0; i < p.x.length; i++) {
            total -= Math.log(softmax(logits(p.x[i], offsets, offsets[offsets.length - 1]))[p.label[i]]);
        }
        return total / p.x.length;
    }

    /** The generating weights as offsets ([H + 1][C] with zero class offsets). */
    private static double[][] truth(double[][] w) {
        double[][] out = new double[w.length + 1][];
        for (int k = 0; k < w.length; k++) {
            out[k] = w[k].clone();
        }
        out[w.length] = new double[w[0].length];
        return out;
    }

    private static double[] logits(double[] x, double[][] w, double[] bias) {
        int classes = w[0].length;
        double[] z = new double[classes];
        for (int c = 0; c < classes; c++) {
            z[c] = bias == null ? 0 : bias[c];
            for (int k = 0; k < x.length; k++) {
                z[c] += x[k] * w[k][c];
            }
        }
        return z;
    }

    private static double[] softmax(double[] z) {
        double max = Arrays.stream(z).max().orElse(0);
        double[] p = new double[z.length];
        double total = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] - max);
            total += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= total;
        }
        return p;
    }

    private static double[] flatten(double[][] offsets) {
        return Arrays.stream(offsets).flatMapToDouble(Arrays::stream).toArray();
    }

    private record Planted(double[][] x, double[][] base, int[] label, double[][] weights) {
    }
}
