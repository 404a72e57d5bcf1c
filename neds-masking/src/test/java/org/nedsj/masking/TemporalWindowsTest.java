package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemporalWindowsTest {

    private static boolean[] hide(TemporalWindows w, SplittableRandom rng, int bins, int count) {
        var layout = new TemporalWindows.Layout(bins);
        w.hide(rng, bins, count, layout);
        boolean[] row = new boolean[bins];
        for (int b = 0; b < bins; b++) {
            row[b] = layout.isHidden(b);
        }
        return row;
    }

    @Test
    void hiddenCountRoundsTheShareAndKeepsOneBinOfEachSide() {
        assertEquals(30, TemporalWindows.hiddenCount(0.3, 100));
        assertEquals(10, TemporalWindows.hiddenCount(0.1, 100));
        assertEquals(2, TemporalWindows.hiddenCount(0.3, 5));    // 1.5 rounds up
        assertEquals(1, TemporalWindows.hiddenCount(0.01, 10));  // never zero
        assertEquals(9, TemporalWindows.hiddenCount(0.99, 10));  // never all
        assertThrows(IllegalArgumentException.class, () -> TemporalWindows.hiddenCount(0.3, 1));
    }

    @Test
    void hidesExactlyTheCountInSeparatedRunsOfAllowedLength() {
        var windows = new TemporalWindows(2, 6);
        var rng = new SplittableRandom(1);
        for (int draw = 0; draw < 2000; draw++) {
            boolean[] row = hide(windows, rng, 100, 30);
            List<int[]> runs = Batches.runs(row);
            int total = runs.stream().mapToInt(r -> r[1]).sum();
            assertEquals(30, total);
            int shorterThanMin = 0;
            for (int[] run : runs) {
                assertTrue(run[1] <= 6, "run longer than window-max: " + run[1]);
                shorterThanMin += run[1] < 2 ? 1 : 0;
            }
            // only the run cut short to make the total exact may be below window-min
            assertTrue(shorterThanMin <= 1, "runs below window-min: " + shorterThanMin);
        }
    }

    @Test
    void runLengthsSpanTheWholeConfiguredRange() {
        var windows = new TemporalWindows(1, 5);
        var rng = new SplittableRandom(2);
        int[] seen = new int[7];
        for (int draw = 0; draw < 500; draw++) {
            for (int[] run : Batches.runs(hide(windows, rng, 100, 30))) {
                seen[Math.min(run[1], 6)]++;
            }
        }
        for (int length = 1; length <= 5; length++) {
            assertTrue(seen[length] > 0, "never drew a run of " + length);
        }
        assertEquals(0, seen[6]);
    }

    @Test
    void aSingleWindowStartsUniformlyOverEveryPlaceItFits() {
        // 2 bins of 5 in one run of length 2: starts 0..3, each with probability 1/4
        var windows = new TemporalWindows(2, 2);
        var rng = new SplittableRandom(3);
        int[] starts = new int[4];
        int draws = 40_000;
        for (int draw = 0; draw < draws; draw++) {
            List<int[]> runs = Batches.runs(hide(windows, rng, 5, 2));
            assertEquals(1, runs.size());
            starts[runs.get(0)[0]]++;
        }
        for (int s = 0; s < 4; s++) {
            // binomial sd = sqrt(40000 · 1/4 · 3/4) ≈ 87; allow 5 sd
            assertEquals(10_000, starts[s], 435, "start " + s);
        }
    }

    @Test
    void everyBinIsHiddenAtTheConfiguredShareOnAverage() {
        var windows = new TemporalWindows(1, 1);
        var rng = new SplittableRandom(4);
        int[] hidden = new int[10];
        int draws = 20_000;
        for (int draw = 0; draw < draws; draw++) {
            boolean[] row = hide(windows, rng, 10, 3);
            for (int b = 0; b < 10; b++) {
                hidden[b] += row[b] ? 1 : 0;
            }
        }
        // three isolated single bins of ten: P(bin b hidden) is 3/10 averaged over bins, and by the
        // uniform stars-and-bars layout each end bin is hidden in C(7,2)/C(8,3) = 21/56 = 0.375 of layouts
        assertEquals(0.375, hidden[0] / (double) draws, 0.015);
        assertEquals(0.375, hidden[9] / (double) draws, 0.015);
        int sum = 0;
        for (int h : hidden) {
            sum += h;
        }
        assertEquals(3.0 * draws, sum);
    }

    @Test
    void mergesNeighbouringRunsWhenSeparatedRunsCannotFit() {
        // 6 single-bin runs need 11 bins with separators; in 10 bins two must merge: 5 runs, one of length 2,
        // with exactly one visible bin between runs and none at the ends
        var windows = new TemporalWindows(1, 1);
        var rng = new SplittableRandom(5);
        for (int draw = 0; draw < 200; draw++) {
            boolean[] row = hide(windows, rng, 10, 6);
            List<int[]> runs = Batches.runs(row);
            assertEquals(5, runs.size());
            assertEquals(6, runs.stream().mapToInt(r -> r[1]).sum());
            assertEquals(1, runs.stream().filter(r -> r[1] == 2).count());
            assertTrue(row[0] && row[9]);
        }
    }

    @Test
    void hidingAllButOneBinLeavesExactlyOneVisible() {
        var windows = new TemporalWindows(3, 3);
        var rng = new SplittableRandom(6);
        for (int draw = 0; draw < 100; draw++) {
            boolean[] row = hide(windows, rng, 10, 9);
            int visible = 0;
            for (boolean b : row) {
                visible += b ? 0 : 1;
            }
            assertEquals(1, visible);
        }
    }

    @Test
    void theSameGeneratorStateGivesTheSameLayout() {
        var windows = new TemporalWindows(1, 5);
        assertArrayEquals(hide(windows, new SplittableRandom(7), 100, 30), hide(windows, new SplittableRandom(7), 100, 30));
    }

    @Test
    void rejectsImpossibleLengthsAndCounts() {
        assertThrows(IllegalArgumentException.class, () -> new TemporalWindows(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new TemporalWindows(4, 3));
        var windows = new TemporalWindows(1, 3);
        assertThrows(IllegalArgumentException.class, () -> hide(windows, new SplittableRandom(1), 10, 10));
    }
}
