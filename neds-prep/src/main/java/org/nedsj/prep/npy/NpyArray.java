package org.nedsj.prep.npy;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * An array read from an NPY file, in memory or memory-mapped. Elements are addressed by their
 * index in C (row-major) order whatever the file's memory order, and converted on access:
 * {@code uint32} values are widened to {@code long} so values ≥ 2³¹ stay positive.
 *
 * <p>Files over 1 GiB are mapped in 1 GiB chunks, so arrays are not limited to 2 GiB.
 */
public final class NpyArray {

    static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;

    private final Path file;
    private final NpyHeader header;
    private final ByteBuffer[] chunks;
    private final long size;
    private final long[] cStrides;
    private final long[] fStrides;

    NpyArray(Path file, NpyHeader header, ByteBuffer[] chunks) {
        this.file = file;
        this.header = header;
        this.chunks = chunks;
        this.size = header.size();
        long[] shape = header.shape();
        this.cStrides = new long[shape.length];
        this.fStrides = new long[shape.length];
        long c = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            cStrides[k] = c;
            c *= shape[k];
        }
        long f = 1;
        for (int k = 0; k < shape.length; k++) {
            fStrides[k] = f;
            f *= shape[k];
        }
        for (ByteBuffer b : chunks) {
            b.order(header.order());
        }
    }

    /**
     * An array held in memory, read like one from a file: {@code data} holds the elements in C order
     * with {@code order}; {@code name} names it in messages.
     */
    public static NpyArray wrap(Path name, NpyDtype dtype, java.nio.ByteOrder order, long[] shape, ByteBuffer data) {
        NpyHeader header = new NpyHeader(dtype, order, false, shape.clone(), 1, 0);
        if (data.capacity() != header.dataBytes()) {
            throw new IllegalArgumentException(name + ": shape " + header.shapeString() + " needs " + header.dataBytes()
                    + " bytes, got " + data.capacity());
        }
        return new NpyArray(name, header, new ByteBuffer[]{data.duplicate().clear()});
    }

    public Path file() {
        return file;
    }

    public NpyHeader header() {
        return header;
    }

    public NpyDtype dtype() {
        return header.dtype();
    }

    public long[] shape() {
        return header.shape().clone();
    }

    public int rank() {
        return header.shape().length;
    }

    public long shape(int axis) {
        return header.shape()[axis];
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    /** Element {@code i} (C order) as a double; integers convert exactly up to 2⁵³. */
    public double getDouble(long i) {
        long at = byteOffset(i);
        ByteBuffer b = chunks[(int) (at >>> CHUNK_SHIFT)];
        int p = (int) (at & CHUNK_MASK);
        return switch (header.dtype()) {
            case F8 -> b.getDouble(p);
            case F4 -> b.getFloat(p);
            default -> integer(b, p);
        };
    }

    /** An integer or boolean element at byte {@code p} of {@code b}; unsigned types widened. */
    private long integer(ByteBuffer b, int p) {
        return switch (header.dtype()) {
            case I8 -> b.getLong(p);
            case I4 -> b.getInt(p);
            case I2 -> b.getShort(p);
            case U4 -> Integer.toUnsignedLong(b.getInt(p));
            case U2 -> Short.toUnsignedInt(b.getShort(p));
            case U1 -> Byte.toUnsignedInt(b.get(p));
            case B1 -> b.get(p) != 0 ? 1 : 0;
            case I1 -> b.get(p);
            case F8, F4 -> throw new IllegalStateException("not an integer type: " + header.dtype());
        };
    }

    /** Element {@code i} (C order) as a long; floating-point values must be whole numbers. */
    public long getLong(long i) {
        long at = byteOffset(i);
        ByteBuffer b = chunks[(int) (at >>> CHUNK_SHIFT)];
        int p = (int) (at & CHUNK_MASK);
        return switch (header.dtype()) {
            case F8, F4 -> {
                double v = header.dtype() == NpyDtype.F8 ? b.getDouble(p) : b.getFloat(p);
                if (v != Math.rint(v) || Double.isInfinite(v)) {
                    throw new NpyFormatException(file, "element " + i + " is " + v + ", not a whole number; this array must hold integers");
                }
                yield (long) v;
            }
            default -> integer(b, p);
        };
    }

    /** Element {@code i} of a {@code uint8} array, 0…255, without conversion overhead. */
    public int getUnsignedByte(long i) {
        long at = byteOffset(i);
        return Byte.toUnsignedInt(chunks[(int) (at >>> CHUNK_SHIFT)].get((int) (at & CHUNK_MASK)));
    }

    /** Element {@code i} of a {@code float32} array. */
    public float getFloat(long i) {
        long at = byteOffset(i);
        return chunks[(int) (at >>> CHUNK_SHIFT)].getFloat((int) (at & CHUNK_MASK));
    }

    /** All elements as doubles, C order. */
    public double[] toDoubleArray() {
        double[] out = new double[checkedLength()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** All elements as longs, C order. */
    public long[] toLongArray() {
        long[] out = new long[checkedLength()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** Requires this array to have {@code rank} dimensions, naming the file and what was expected otherwise. */
    public NpyArray requireRank(int rank, String what) {
        if (rank() != rank) {
            throw new NpyFormatException(file, "expected " + what + " with " + rank + " dimension(s), found shape "
                    + header.shapeString());
        }
        return this;
    }

    private int checkedLength() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(file, size + " elements do not fit a Java array; read it element by element");
        }
        return (int) size;
    }

    private long byteOffset(long i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " out of " + size + " elements of " + file);
        }
        return storageIndex(i) * header.dtype().itemSize();
    }

    private long storageIndex(long cIndex) {
        if (!header.fortranOrder() || cStrides.length < 2) {
            return cIndex;
        }
        long rest = cIndex;
        long f = 0;
        for (int k = 0; k < cStrides.length; k++) {
            long idx = rest / cStrides[k];
            rest -= idx * cStrides[k];
            f += idx * fStrides[k];
        }
        return f;
    }

    @Override
    public String toString() {
        return "NpyArray[" + file + ", " + header + "]";
    }
}
