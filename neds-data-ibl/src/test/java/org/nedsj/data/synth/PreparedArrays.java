package org.nedsj.data.synth;

import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyReader;

import java.nio.file.Path;

/** One prepared session's arrays, loaded into memory for statistics: counts [trial][bin][unit]. */
record PreparedArrays(int[][][] spikes, double[][] wheel, double[][] whisker, int[] choice, int[] block) {

    static PreparedArrays load(Path session) {
        NpyArray s = NpyReader.read(session.resolve("spikes.npy"));
        int trials = (int) s.shape(0);
        int bins = (int) s.shape(1);
        int units = (int) s.shape(2);
        int[][][] spikes = new int[trials][bins][units];
        for (int t = 0; t < trials; t++) {
            for (int b = 0; b < bins; b++) {
                for (int u = 0; u < units; u++) {
                    spikes[t][b][u] = s.getUnsignedByte(((long) t * bins + b) * units + u);
                }
            }
        }
        return new PreparedArrays(spikes, rows(session.resolve("wheel.npy"), trials), rows(session.resolve("whisker.npy"), trials),
                ints(session.resolve("choice.npy")), ints(session.resolve("block.npy")));
    }

    int trials() {
        return spikes.length;
    }

    int bins() {
        return spikes[0].length;
    }

    int units() {
        return spikes[0][0].length;
    }

    /** Mean count per bin of each unit over bins {@code [from, to)} of trial {@code t}. */
    double[] meanCounts(int t, int from, int to) {
        double[] m = new double[units()];
        for (int b = from; b < to; b++) {
            for (int u = 0; u < units(); u++) {
                m[u] += spikes[t][b][u] / (double) (to - from);
            }
        }
        return m;
    }

    private static double[][] rows(Path file, int trials) {
        double[] flat = NpyReader.read(file).toDoubleArray();
        int width = flat.length / trials;
        double[][] rows = new double[trials][];
        for (int t = 0; t < trials; t++) {
            rows[t] = java.util.Arrays.copyOfRange(flat, t * width, (t + 1) * width);
        }
        return rows;
    }

    private static int[] ints(Path file) {
        long[] v = NpyReader.read(file).toLongArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }
}
