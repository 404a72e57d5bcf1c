package org.nedsj.masking;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Temporal masking: hides an exact number of a trial's time bins as runs of consecutive bins
 * ("windows"), each run's length drawn uniformly between {@code minLength} and {@code maxLength}
 * (expanding windows). Runs never touch: at least one visible bin separates two runs, so each run
 * is a window of its own.
 *
 * <p>The last run drawn is cut short when that makes the total exact. When the share is too high
 * for that many separated runs to fit, neighbouring runs are merged (and may then exceed
 * {@code maxLength}); with the defaults (share 0.3, lengths 1–5) this never happens.
 *
 * @param minLength shortest run, ≥ 1
 * @param maxLength longest run, ≥ minLength
 */
public record TemporalWindows(int minLength, int maxLength) {

    public TemporalWindows {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("window lengths must satisfy 1 ≤ min ≤ max, got min "
                    + minLength + ", max " + maxLength);
        }
    }

    /**
     * How many of {@code bins} bins a share {@code ratio} hides: the rounded share, at least one and
     * at most all but one (so a modality is never wholly hidden by temporal masking).
     */
    public static int hiddenCount(double ratio, int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("temporal masking needs at least 2 bins, got " + bins);
        }
        long rounded = Math.round(ratio * bins);
        return (int) Math.max(1, Math.min(bins - 1, rounded));
    }

    /** Reusable arrays for laying out windows over up to {@code maxBins} bins; one per plan call. */
    public static final class Layout {
        private final int[] lengths;
        private final boolean[] cut;
        private final boolean[] hidden;

        public Layout(int maxBins) {
            this.lengths = new int[maxBins];
            this.cut = new boolean[maxBins + 1];
            this.hidden = new boolean[maxBins];
        }

        /** Whether bin {@code bin} was hidden by the last {@link #hide} call. */
        public boolean isHidden(int bin) {
            return hidden[bin];
        }
    }

    /**
     * Hides exactly {@code count} of {@code bins} bins (read them back with {@link Layout#isHidden}).
     *
     * @return the number of runs laid out
     */
    public int hide(SplittableRandom rng, int bins, int count, Layout layout) {
        if (count < 0 || count >= bins) {
            throw new IllegalArgumentException("cannot hide " + count + " of " + bins + " bins");
        }
        int runs = drawLengths(rng, count, layout.lengths);
        int slack = bins - count - (runs - 1);
        while (slack < 0) {
            layout.lengths[runs - 2] += layout.lengths[runs - 1];
            runs--;
            slack++;
        }
        shuffle(rng, layout.lengths, runs);
        place(rng, bins, runs, slack, layout);
        return runs;
    }

    private int drawLengths(SplittableRandom rng, int count, int[] lengths) {
        int runs = 0;
        for (int left = count; left > 0; ) {
            int length = Math.min(left, minLength + rng.nextInt(maxLength - minLength + 1));
            lengths[runs++] = length;
            left -= length;
        }
        return runs;
    }

    private static void shuffle(SplittableRandom rng, int[] a, int n) {
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Spreads {@code slack} free bins over the {@code runs + 1} gaps uniformly (stars and bars: a
     * uniform {@code runs}-subset of {@code slack + runs} cut points, drawn by Floyd's algorithm),
     * with one mandatory visible bin between neighbouring runs.
     */
    private static void place(SplittableRandom rng, int bins, int runs, int slack, Layout layout) {
        int points = slack + runs;
        boolean[] cut = layout.cut;
        Arrays.fill(cut, 0, points, false);
        for (int j = points - runs; j < points; j++) {
            int t = rng.nextInt(j + 1);
            cut[cut[t] ? j : t] = true;
        }
        Arrays.fill(layout.hidden, 0, bins, false);
        int run = 0;
        int before = 0;
        for (int y = 0; y < points && run < runs; y++) {
            if (cut[y]) {
                // offset y - run, plus the runs and the one-bin separators before this run
                int start = y + before;
                Arrays.fill(layout.hidden, start, start + layout.lengths[run], true);
                before += layout.lengths[run];
                run++;
            }
        }
    }
}
