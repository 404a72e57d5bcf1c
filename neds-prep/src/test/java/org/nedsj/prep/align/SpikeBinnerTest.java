package org.nedsj.prep.align;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.npy.NpyWriter;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SpikeBinnerTest {

    @TempDir
    Path dir;

    /** A probe's spikes as ALF stores them: times and probe-local clusters, offset to session-wide ids. */
    private SortedSpikes probe(double[] times, int[] clusters, int offset, int count) {
        NpyWriter.writeDoubles(dir.resolve("t" + offset + ".npy"), times);
        NpyWriter.writeInts(dir.resolve("c" + offset + ".npy"), NpyDtype.U4, clusters);
        NpyArray t = NpyReader.read(dir.resolve("t" + offset + ".npy"));
        NpyArray c = NpyReader.read(dir.resolve("c" + offset + ".npy"));
        return new SortedSpikes() {
            public long size() {
                return t.size();
            }

            public double time(long i) {
                return t.getDouble(i);
            }

            public int unit(long i) {
                return offset + (int) c.getLong(i);
            }
        };
    }

    @Test
    void binsTwoWindowsOfTwoProbesIntoKeptColumns() {
        // window A [1.0, 1.1), window B [5.0, 5.1); 10 bins of 10 ms
        SortedSpikes p0 = probe(new double[]{0.99, 1.0, 1.01, 1.0999, 1.1, 3.0, 5.05, 5.05}, new int[]{0, 0, 1, 0, 0, 0, 1, 1}, 0, 2);
        SortedSpikes p1 = probe(new double[]{1.055, 5.0, 5.1}, new int[]{0, 0, 0}, 2, 1);
        SpikeBinner binner = new SpikeBinner(10, 0.01);
        double[] t0 = {1.0, 5.0};
        double[] t1 = {1.1, 5.1};
        assertArrayEquals(new long[]{2, 3, 2}, binner.countPerCluster(List.of(p0, p1), t0, t1, 3));

        int[] columnOf = {0, -1, 1};  // cluster 1 of probe 0 dropped
        byte[] dest = new byte[2 * 10 * 2];
        assertEquals(0, binner.bin(List.of(p0, p1), t0, t1, columnOf, 2, dest));
        byte[] expected = new byte[40];
        expected[0] = 1;             // window A: 1.0 -> bin 0, cluster 0
        expected[9 * 2] = 1;         // 1.0999 -> bin 9
        expected[5 * 2 + 1] = 1;     // probe 1 at 1.055 -> bin 5, column 1
        expected[20 + 1] = 1;        // window B: probe 1 at 5.0 -> bin 0, column 1 (5.1 is the window end)
        assertArrayEquals(expected, dest);
    }

    @Test
    void countsSaturateAt255() {
        double[] times = new double[300];
        java.util.Arrays.fill(times, 2.0);
        SortedSpikes p = probe(times, new int[300], 0, 1);
        byte[] dest = new byte[10];
        long saturated = new SpikeBinner(10, 0.1).bin(List.of(p), new double[]{2.0}, new double[]{3.0}, new int[]{0}, 1, dest);
        assertEquals(255, Byte.toUnsignedInt(dest[0]));
        assertEquals(45, saturated);
    }

    @Test
    void binOfRoundsSpikesOnEdgesUp() {
        SpikeBinner b = new SpikeBinner(100, 0.02);
        assertEquals(1, b.binOf(20.02, 20.0), "floor(0.9999999999999787) would say 0");
        assertEquals(3, b.binOf(10.36, 10.3), "floor(2.999999999999936) would say 2");
        assertEquals(2, b.binOf(10.3599, 10.3));
        assertEquals(99, b.binOf(Math.nextDown(22.0), 20.0), "never past the last bin");
    }
}
