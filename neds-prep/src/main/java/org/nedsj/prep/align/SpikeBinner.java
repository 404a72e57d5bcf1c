package org.nedsj.prep.align;

/**
 * Counts sorted spikes in trial windows {@code [t0, t1)}: per trial and spike train (a probe or a unit), a binary search for
 * the window start and one pass to its end. A spike's bin is {@code floor((t − t0) / binSize)};
 * a spike within 10⁻⁶ bin before an edge counts as on it, so spikes exactly on an edge land in the
 * bin that starts there despite floating-point rounding. Counts saturate at 255 ({@code uint8}).
 */
public final class SpikeBinner {

    static final double EDGE_TOLERANCE = 1e-6;

    private final int bins;
    private final double binSize;

    public SpikeBinner(int bins, double binSize) {
        this.bins = bins;
        this.binSize = binSize;
    }

    /**
     * Spikes of each unit inside all the windows together.
     *
     * @param trains iterated once (a lazy source may read one train at a time)
     */
    public long[] countPerCluster(Iterable<? extends SortedSpikes> trains, double[] t0, double[] t1, int totalClusters) {
        long[] counts = new long[totalClusters];
        for (SortedSpikes p : trains) {
            long n = p.size();
            for (int k = 0; k < t0.length; k++) {
                for (long i = firstAtOrAfter(p, t0[k]); i < n && p.time(i) < t1[k]; i++) {
                    counts[p.unit(i)]++;
                }
            }
        }
        return counts;
    }

    /**
     * Bins the spikes of the kept units into {@code [trials, bins, columns]} (row-major).
     *
     * @param columnOf column of each unit id, −1 for clusters not kept
     * @return the number of counts that saturated at 255
     */
    public long bin(Iterable<? extends SortedSpikes> trains, double[] t0, double[] t1, int[] columnOf, int columns, byte[] dest) {
        long saturated = 0;
        for (SortedSpikes p : trains) {
            long n = p.size();
            for (int k = 0; k < t0.length; k++) {
                int trialBase = k * bins * columns;
                for (long i = firstAtOrAfter(p, t0[k]); i < n; i++) {
                    double t = p.time(i);
                    if (t >= t1[k]) {
                        break;
                    }
                    int column = columnOf[p.unit(i)];
                    if (column < 0) {
                        continue;
                    }
                    int at = trialBase + binOf(t, t0[k]) * columns + column;
                    if (dest[at] == (byte) 255) {
                        saturated++;
                    } else {
                        dest[at]++;
                    }
                }
            }
        }
        return saturated;
    }

    /** The bin of a spike at {@code t} in the window starting at {@code t0} (the spike being inside the window). */
    int binOf(double t, double t0) {
        int b = (int) Math.floor((t - t0) / binSize + EDGE_TOLERANCE);
        return Math.min(b, bins - 1);
    }

    static long firstAtOrAfter(SortedSpikes times, double t) {
        long lo = 0;
        long hi = times.size();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (times.time(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
