package org.nedsj.prep.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes NPY files as numpy does: little-endian, C order, format version 1.0 (2.0 when the header
 * would not fit), header padded so the data starts on a 64-byte boundary.
 */
public final class NpyWriter {

    static final int ALIGN = 64;
    private static final int BUFFER = 1 << 20;

    private NpyWriter() {
    }

    public static void writeDoubles(Path file, double[] values, long... shape) {
        write(file, NpyDtype.F8, shapeOr(shape, values.length), values.length, (b, i) -> b.putDouble(values[i]));
    }

    public static void writeFloats(Path file, float[] values, long... shape) {
        write(file, NpyDtype.F4, shapeOr(shape, values.length), values.length, (b, i) -> b.putFloat(values[i]));
    }

    public static void writeLongs(Path file, long[] values, long... shape) {
        write(file, NpyDtype.I8, shapeOr(shape, values.length), values.length, (b, i) -> b.putLong(values[i]));
    }

    /** Writes {@code int32} ({@link NpyDtype#I4}) or {@code uint32} ({@link NpyDtype#U4}, values read as unsigned). */
    public static void writeInts(Path file, NpyDtype dtype, int[] values, long... shape) {
        requireOneOf(file, dtype, NpyDtype.I4, NpyDtype.U4);
        write(file, dtype, shapeOr(shape, values.length), values.length, (b, i) -> b.putInt(values[i]));
    }

    /** Writes {@code uint8}, {@code int8} or {@code bool} ({@link NpyDtype#U1}, {@link NpyDtype#I1}, {@link NpyDtype#B1}). */
    public static void writeBytes(Path file, NpyDtype dtype, byte[] values, long... shape) {
        requireOneOf(file, dtype, NpyDtype.U1, NpyDtype.I1, NpyDtype.B1);
        write(file, dtype, shapeOr(shape, values.length), values.length, (b, i) -> b.put(values[i]));
    }

    /**
     * Opens a file whose first axis grows as values are appended; the header is written on
     * {@link NpyAppender#close()}. {@code trailingShape} are the dimensions after the first.
     */
    public static NpyAppender append(Path file, NpyDtype dtype, long... trailingShape) {
        return new NpyAppender(file, dtype, trailingShape);
    }

    /** The complete header (magic, version, length, dictionary, padding) for a little-endian C-order array. */
    static byte[] header(NpyDtype dtype, long[] shape, int minLength) {
        String dict = "{'descr': '" + NpyHeader.descrOf(dtype, ByteOrder.LITTLE_ENDIAN) + "', 'fortran_order': False, 'shape': "
                + shapeTuple(shape) + ", }";
        int version = 1;
        int preamble = 10;
        int total = padded(preamble + dict.length() + 1, minLength);
        if (total - preamble > 0xFFFF) {
            version = 2;
            preamble = 12;
            total = padded(preamble + dict.length() + 1, minLength);
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            b.putShort((short) (total - preamble));
        } else {
            b.putInt(total - preamble);
        }
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    private static int padded(int length, int minLength) {
        int n = Math.max(length, minLength);
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    static String shapeTuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(')').toString();
    }

    private interface ElementWriter {
        void put(ByteBuffer b, int i);
    }

    private static void write(Path file, NpyDtype dtype, long[] shape, int count, ElementWriter element) {
        long size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (size != count) {
            throw new NpyFormatException(file, "shape " + shapeTuple(shape) + " holds " + size + " elements but " + count + " were given");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, ByteBuffer.wrap(header(dtype, shape, 0)));
            ByteBuffer b = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                if (b.remaining() < dtype.itemSize()) {
                    b.flip();
                    writeFully(ch, b);
                    b.clear();
                }
                element.put(b, i);
            }
            b.flip();
            writeFully(ch, b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write NPY file " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    private static long[] shapeOr(long[] shape, int length) {
        return shape.length == 0 ? new long[]{length} : shape;
    }

    private static void requireOneOf(Path file, NpyDtype dtype, NpyDtype... allowed) {
        if (!Arrays.asList(allowed).contains(dtype)) {
            throw new NpyFormatException(file, "cannot write " + dtype + " values from this array type; use one of " + Arrays.toString(allowed));
        }
    }
}
