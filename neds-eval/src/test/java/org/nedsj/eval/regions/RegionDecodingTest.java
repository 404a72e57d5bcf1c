package org.nedsj.eval.regions;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionDecodingTest {

    /** {@code perSession} neurons in each of {@code sessions} sessions, regions A, B, C in turn; features: region centre · signal + noise. */
    static NeuronTable table(int sessions, int perSession, double signal, long seed) {
        Random rng = new Random(seed);
        double[][] centres = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}};
        List<double[]> f = new ArrayList<>();
        List<String> r = new ArrayList<>();
        List<String> s = new ArrayList<>();
        for (int session = 0; session < sessions; session++) {
            for (int n = 0; n < perSession; n++) {
                int region = (n + session) % 3;
                double[] x = new double[4];
                for (int j = 0; j < 4; j++) {
                    x[j] = signal * centres[region][j] + rng.nextGaussian();
                }
                f.add(x);
                r.add("ABC".substring(region, region + 1));
                s.add("session" + session);
            }
        }
        return new NeuronTable(f.toArray(double[][]::new), r, s);
    }

    @Test
    void foldsNeverSplitASession() {
        NeuronTable t = table(7, 10, 1, 1);
        int[] fold = GroupedFolds.assign(t.sessions(), 3);
        assertEquals(3, GroupedFolds.count(fold));
        Map<String, Set<Integer>> foldsOf = new HashMap<>();
        for (int i = 0; i < fold.length; i++) {
            foldsOf.computeIfAbsent(t.sessions().get(i), k -> new HashSet<>()).add(fold[i]);
        }
        foldsOf.forEach((session, folds) -> assertEquals(1, folds.size(), session + " is in folds " + folds));
        assertEquals(2, GroupedFolds.count(GroupedFolds.assign(table(2, 5, 1, 1).sessions(), 5)), "no more folds than sessions");
    }

    @Test
    void oneSessionCannotBeCrossValidatedAcrossSessions() {
        var e = assertThrows(IllegalArgumentException.class, () -> RegionDecoding.DEFAULT.crossValidate("x", table(1, 30, 1, 1)));
        assertTrue(e.getMessage().contains("at least 2 sessions"), e.getMessage());
    }

    @Test
    void separableRegionsAreDecodedAndNoiseIsAtChance() {
        RegionScore clear = RegionDecoding.DEFAULT.crossValidate("clear", table(4, 60, 6, 2));
        assertTrue(clear.accuracy() > 0.97 && clear.balancedAccuracy() > 0.97, clear.toString());
        RegionScore noise = RegionDecoding.DEFAULT.crossValidate("noise", table(4, 60, 0, 3));
        assertTrue(Math.abs(noise.balancedAccuracy() - noise.balancedChance()) < 0.1, "balanced accuracy " + noise.balancedAccuracy());
        assertEquals(240, noise.neurons());
        assertEquals(List.of("A", "B", "C"), noise.classes());
    }

    @Test
    void scoresAHandCountedConfusion() {
        // truth 0 0 0 1 1 2, predicted 0 0 1 1 0 2: 4 of 6 right; recalls 2/3, 1/2, 1
        RegionScore s = RegionDecoding.score("hand", 3, List.of("A", "B", "C"), new int[]{0, 0, 0, 1, 1, 2}, new int[]{0, 0, 1, 1, 0, 2}, 2);
        assertEquals(4.0 / 6, s.accuracy(), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 1) / 3, s.balancedAccuracy(), 1e-12);
        assertArrayEquals(new long[]{2, 1, 0}, s.confusion()[0]);
        assertArrayEquals(new long[]{1, 1, 0}, s.confusion()[1]);
        assertArrayEquals(new long[]{0, 0, 1}, s.confusion()[2]);
        assertEquals(0.5, s.majorityChance(), 1e-12);
        assertEquals(1.0 / 3, s.balancedChance(), 1e-12);
    }

    @Test
    void theClassifiersGradientMatchesFiniteDifferences() {
        Random rng = new Random(5);
        double[][] z = new double[7][3];
        int[] y = new int[7];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < 3; j++) {
                z[i][j] = rng.nextGaussian();
            }
            y[i] = i % 3;
        }
        double[][] w = new double[3][4];
        for (double[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 0.3 * rng.nextGaussian();
            }
        }
        double[][] g = SoftmaxRegression.gradient(z, y, w, 0.05);
        double h = 1e-6;
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 4; j++) {
                double keep = w[k][j];
                w[k][j] = keep + h;
                double up = SoftmaxRegression.objective(z, y, w, 0.05);
                w[k][j] = keep - h;
                double down = SoftmaxRegression.objective(z, y, w, 0.05);
                w[k][j] = keep;
                assertEquals((up - down) / (2 * h), g[k][j], 1e-7, "weight " + k + "," + j);
            }
        }
    }

    @Test
    void theProjectionFollowsTheDirectionOfMostVariance() {
        Random rng = new Random(9);
        int n = 200;
        double[][] rows = new double[n][3];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextGaussian();
            rows[i] = new double[]{t[i] + 0.05 * rng.nextGaussian(), t[i] + 0.05 * rng.nextGaussian(), rng.nextGaussian()};
        }
        double[][] p = EmbeddingProjection.firstTwo(rows);
        assertTrue(Math.abs(correlation(p[0], t)) > 0.99, "PC 1 follows t: " + correlation(p[0], t));
        assertTrue(Math.abs(correlation(p[1], t)) < 0.1, "PC 2 is orthogonal to it: " + correlation(p[1], t));
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
