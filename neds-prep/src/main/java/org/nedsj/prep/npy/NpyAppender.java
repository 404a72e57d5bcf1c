package org.nedsj.prep.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes an NPY file whose length is not known up front: space for the header is reserved, values
 * are streamed after it, and {@link #close()} writes the header with the final shape. Values are
 * written as the file's type (a double put into an {@code int32} file is converted by a cast).
 */
public final class NpyAppender implements AutoCloseable {

    private static final int RESERVED = 128;

    private final Path file;
    private final NpyDtype dtype;
    private final long[] trailing;
    private final long rowSize;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long count;
    private boolean closed;

    NpyAppender(Path file, NpyDtype dtype, long[] trailingShape) {
        this.file = file;
        this.dtype = dtype;
        this.trailing = trailingShape.clone();
        long r = 1;
        for (long t : trailing) {
            r *= t;
        }
        this.rowSize = r;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            channel.position(RESERVED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write NPY file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one element, converted to the file's type. */
    public NpyAppender put(double value) {
        room();
        switch (dtype) {
            case F8 -> buffer.putDouble(value);
            case F4 -> buffer.putFloat((float) value);
            case I8 -> buffer.putLong((long) value);
            case I4, U4 -> buffer.putInt((int) (long) value);
            case I2, U2 -> buffer.putShort((short) (long) value);
            case U1, I1 -> buffer.put((byte) (long) value);
            case B1 -> buffer.put((byte) (value != 0 ? 1 : 0));
        }
        count++;
        return this;
    }

    /** Appends one integer element (exact for every integer type; {@code uint32} takes 0…2³²−1). */
    public NpyAppender put(long value) {
        room();
        switch (dtype) {
            case F8 -> buffer.putDouble(value);
            case F4 -> buffer.putFloat(value);
            case I8 -> buffer.putLong(value);
            case I4, U4 -> buffer.putInt((int) value);
            case I2, U2 -> buffer.putShort((short) value);
            case U1, I1 -> buffer.put((byte) value);
            case B1 -> buffer.put((byte) (value != 0 ? 1 : 0));
        }
        count++;
        return this;
    }

    /** Elements appended so far. */
    public long count() {
        return count;
    }

    private void room() {
        if (closed) {
            throw new IllegalStateException("NPY file " + file + " is already closed");
        }
        if (buffer.remaining() < 8) {
            flush();
        }
    }

    private void flush() {
        buffer.flip();
        try {
            NpyWriter.writeFully(channel, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write NPY file " + file + ": " + e.getMessage(), e);
        }
        buffer.clear();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
            closed = true;
            if (rowSize > 0 && count % rowSize != 0) {
                throw new NpyFormatException(file, count + " elements do not fill whole rows of " + rowSize);
            }
            long[] shape = new long[trailing.length + 1];
            shape[0] = rowSize == 0 ? 0 : count / rowSize;
            System.arraycopy(trailing, 0, shape, 1, trailing.length);
            byte[] header = NpyWriter.header(dtype, shape, RESERVED);
            if (header.length != RESERVED) {
                throw new NpyFormatException(file, "header of shape " + NpyWriter.shapeTuple(shape) + " exceeds the reserved " + RESERVED + " bytes");
            }
            NpyWriter.writeFully(channel, ByteBuffer.wrap(header), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write NPY file " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // the write errors above are the ones worth reporting
            }
        }
    }
}
