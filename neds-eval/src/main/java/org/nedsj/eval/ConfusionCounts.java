package org.nedsj.eval;

import java.util.Arrays;

/**
 * A confusion matrix of a categorical modality: {@code counts[truth][predicted]} over the scored
 * trials, classes 0 … classes−1.
 */
public record ConfusionCounts(long[][] counts) {

    public ConfusionCounts {
        int k = counts.length;
        long[][] copy = new long[k][];
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("confusion matrix row " + i + " has " + counts[i].length
                        + " entries, expected " + k);
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    public int classes() {
        return counts.length;
    }

    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /** The element-wise sum of two matrices of the same size. */
    public ConfusionCounts plus(ConfusionCounts other) {
        if (other.classes() != classes()) {
            throw new IllegalArgumentException("cannot add confusion matrices of " + classes() + " and "
                    + other.classes() + " classes");
        }
        long[][] sum = new long[classes()][classes()];
        for (int i = 0; i < classes(); i++) {
            for (int j = 0; j < classes(); j++) {
                sum[i][j] = counts[i][j] + other.counts[i][j];
            }
        }
        return new ConfusionCounts(sum);
    }

    @Override
    public long[][] counts() {
        long[][] copy = new long[classes()][];
        for (int i = 0; i < classes(); i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionCounts c && Arrays.deepEquals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionCounts" + Arrays.deepToString(counts);
    }
}
