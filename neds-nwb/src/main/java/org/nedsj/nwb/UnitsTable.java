package org.nedsj.nwb;

import io.jhdf.api.Dataset;
import org.nedsj.prep.align.SortedSpikes;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The {@code units} table of an NWB file: the ragged {@code spike_times} column (a flat dataset and
 * the end offset of each unit in {@code spike_times_index}), read one unit at a time, and the
 * per-unit columns the mapping names (quality labels, electrode locations).
 */
final class UnitsTable {

    private final NwbFile file;
    private final String path;
    private final Dataset spikeTimes;
    private final long[] ends;

    UnitsTable(NwbFile file, String path) {
        this.file = file;
        this.path = path;
        String fix = "the mapping's data.nwb.units.table must name the NWB units table (run neds inspect " + file.path() + ")";
        this.spikeTimes = file.dataset(path + "/spike_times", fix);
        this.ends = toEnds(file.doubles(file.dataset(path + "/spike_times_index", fix)));
    }

    private long[] toEnds(double[] index) {
        long[] out = new long[index.length];
        long previous = 0;
        for (int u = 0; u < index.length; u++) {
            out[u] = (long) index[u];
            if (out[u] < previous) {
                throw new NwbDataException(file.path() + ": " + path + "/spike_times_index decreases at unit " + u + " (" + out[u]
                        + " after " + previous + "); a VectorIndex holds each row's end offset, non-decreasing");
            }
            previous = out[u];
        }
        if (previous != spikeTimes.getSize()) {
            throw new NwbDataException(file.path() + ": " + path + "/spike_times_index ends at " + previous + " but spike_times holds "
                    + spikeTimes.getSize() + " values; the file is inconsistent, write it again");
        }
        return out;
    }

    int size() {
        return ends.length;
    }

    long spikeCount() {
        return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    String path() {
        return path;
    }

    /** One unit's spike times (sorted; NaN is an error), read from disk now. */
    UnitTrain train(int unit) {
        long start = unit == 0 ? 0 : ends[unit - 1];
        double[] times = file.doubles(spikeTimes, start, Math.toIntExact(ends[unit] - start));
        boolean sorted = true;
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new NwbDataException(file.path() + ": " + path + "/spike_times of unit " + unit + " holds " + times[i]
                        + " at position " + i + "; spike times must be finite seconds");
            }
            sorted &= i == 0 || times[i - 1] <= times[i];
        }
        if (!sorted) {
            Arrays.sort(times);
        }
        return new UnitTrain(unit, times);
    }

    /** Every unit's train, each read when the iteration reaches it (one unit in memory at a time). */
    Iterable<SortedSpikes> trains() {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < ends.length;
            }

            @Override
            public SortedSpikes next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return train(next++);
            }
        };
    }

    /** A per-unit column as text (quality labels), or empty when the table has no such column. */
    Optional<String[]> textColumn(String name) {
        if (name.isEmpty() || !file.has(path + "/" + name)) {
            return Optional.empty();
        }
        String[] values = file.strings(file.dataset(path + "/" + name, ""));
        requireLength(name, values.length);
        return Optional.of(values);
    }

    /** The brain region of each unit: the location of its first electrode, or empty when the table has no electrodes. */
    Optional<String[]> locations(String electrodesTable) {
        if (!file.has(path + "/electrodes")) {
            return Optional.empty();
        }
        String fix = "the units' electrodes column points into " + electrodesTable + ", which needs a location column";
        double[] rows = file.doubles(file.dataset(path + "/electrodes", fix));
        long[] rowEnds = file.has(path + "/electrodes_index")
                ? Arrays.stream(file.doubles(file.dataset(path + "/electrodes_index", fix))).mapToLong(v -> (long) v).toArray()
                : java.util.stream.LongStream.rangeClosed(1, rows.length).toArray();
        requireLength("electrodes", rowEnds.length);
        String[] location = file.strings(file.dataset(electrodesTable + "/location", fix));
        String[] out = new String[ends.length];
        for (int u = 0; u < ends.length; u++) {
            long first = u == 0 ? 0 : rowEnds[u - 1];
            out[u] = first < rowEnds[u] ? location[(int) rows[(int) first]] : "";
        }
        return Optional.of(out);
    }

    /**
     * Per unit, whether its {@code obs_intervals} (ragged [start, stop] pairs) cover every window
     * {@code [t0[k], t1[k]]}; every unit is observed when the table has no such column.
     */
    boolean[] observed(double[] t0, double[] t1) {
        boolean[] out = new boolean[ends.length];
        if (!file.has(path + "/obs_intervals")) {
            Arrays.fill(out, true);
            return out;
        }
        String fix = "obs_intervals needs its obs_intervals_index (a ragged column of [start, stop] pairs)";
        double[] flat = file.flat(file.dataset(path + "/obs_intervals", fix));
        long[] pairEnds = Arrays.stream(file.doubles(file.dataset(path + "/obs_intervals_index", fix))).mapToLong(v -> (long) v).toArray();
        requireLength("obs_intervals", pairEnds.length);
        int perPair = flat.length == 2 * pairEnds[pairEnds.length - 1] ? 2 : 0;
        if (perPair == 0) {
            throw new NwbDataException(file.path() + ": " + path + "/obs_intervals holds " + flat.length + " values for "
                    + pairEnds[pairEnds.length - 1] + " intervals; each interval is a [start, stop] pair");
        }
        for (int u = 0; u < ends.length; u++) {
            long first = u == 0 ? 0 : pairEnds[u - 1];
            out[u] = covers(flat, (int) first, (int) pairEnds[u], t0, t1);
        }
        return out;
    }

    private static boolean covers(double[] pairs, int first, int last, double[] t0, double[] t1) {
        for (int k = 0; k < t0.length; k++) {
            boolean inside = false;
            for (int i = first; i < last && !inside; i++) {
                inside = pairs[2 * i] <= t0[k] && t1[k] <= pairs[2 * i + 1];
            }
            if (!inside) {
                return false;
            }
        }
        return true;
    }

    private void requireLength(String column, int length) {
        if (length != ends.length) {
            throw new NwbDataException(file.path() + ": " + path + "/" + column + " has " + length + " rows but the table has "
                    + ends.length + " units; the file is inconsistent, write it again");
        }
    }
}
