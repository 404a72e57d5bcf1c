package org.nedsj.prep.npy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesEachTypeAndReadsItBack() {
        NpyWriter.writeDoubles(dir.resolve("f8.npy"), new double[]{1.5, -2, 3, 4, 5, 6}, 2, 3);
        NpyWriter.writeFloats(dir.resolve("f4.npy"), new float[]{0.25f, -1f});
        NpyWriter.writeLongs(dir.resolve("i8.npy"), new long[]{Long.MIN_VALUE, 5});
        NpyWriter.writeInts(dir.resolve("u4.npy"), NpyDtype.U4, new int[]{-1, 7});
        NpyWriter.writeInts(dir.resolve("i4.npy"), NpyDtype.I4, new int[]{-1, 7});
        NpyWriter.writeBytes(dir.resolve("u1.npy"), NpyDtype.U1, new byte[]{(byte) 200, 3}, 1, 2);
        NpyWriter.writeBytes(dir.resolve("i1.npy"), NpyDtype.I1, new byte[]{-2, 2});

        NpyArray f8 = NpyReader.read(dir.resolve("f8.npy"));
        assertArrayEquals(new long[]{2, 3}, f8.shape());
        assertArrayEquals(new double[]{1.5, -2, 3, 4, 5, 6}, f8.toDoubleArray());
        assertEquals(-1f, NpyReader.read(dir.resolve("f4.npy")).getFloat(1));
        assertArrayEquals(new long[]{Long.MIN_VALUE, 5}, NpyReader.read(dir.resolve("i8.npy")).toLongArray());
        assertArrayEquals(new long[]{4294967295L, 7}, NpyReader.read(dir.resolve("u4.npy")).toLongArray());
        assertArrayEquals(new long[]{-1, 7}, NpyReader.read(dir.resolve("i4.npy")).toLongArray());
        assertEquals(200, NpyReader.read(dir.resolve("u1.npy")).getUnsignedByte(0));
        assertArrayEquals(new long[]{-2, 2}, NpyReader.read(dir.resolve("i1.npy")).toLongArray());
    }

    @Test
    void headerIsNumpysVersionOneLayoutAlignedTo64Bytes() throws IOException {
        Path f = dir.resolve("h.npy");
        NpyWriter.writeDoubles(f, new double[]{1, 2, 3});
        byte[] bytes = Files.readAllBytes(f);
        NpyHeader h = NpyReader.readHeader(f);
        assertEquals(1, h.major());
        assertEquals(0, h.dataOffset() % 64);
        assertEquals(ByteOrder.LITTLE_ENDIAN, h.order());
        String text = new String(bytes, 10, (int) h.dataOffset() - 10, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), text);
        assertTrue(text.endsWith("\n"));
        assertEquals(h.dataOffset() + 24, bytes.length);
    }

    @Test
    void appenderWritesTheFinalShapeOnClose() {
        Path f = dir.resolve("a.npy");
        try (NpyAppender a = NpyWriter.append(f, NpyDtype.F8, 2)) {
            for (int i = 0; i < 300_000; i++) {
                a.put(i * 0.5);
            }
        }
        NpyArray r = NpyReader.read(f);
        assertArrayEquals(new long[]{150_000, 2}, r.shape());
        assertEquals(149_999.5, r.getDouble(299_999));

        Path u = dir.resolve("u.npy");
        try (NpyAppender a = NpyWriter.append(u, NpyDtype.U4)) {
            a.put(4294967295L).put(3L);
        }
        assertArrayEquals(new long[]{4294967295L, 3}, NpyReader.read(u).toLongArray());
    }

    @Test
    void shapeMustMatchTheValues() {
        NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> NpyWriter.writeDoubles(dir.resolve("x.npy"), new double[]{1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("x.npy"));
        assertThrows(NpyFormatException.class, () -> NpyWriter.writeBytes(dir.resolve("y.npy"), NpyDtype.F8, new byte[1]));
    }
}
