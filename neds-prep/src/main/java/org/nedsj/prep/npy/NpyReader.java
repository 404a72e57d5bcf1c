package org.nedsj.prep.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads NPY files (format versions 1.0, 2.0 and 3.0) of the types in {@link NpyDtype}, either byte
 * order and either memory order. Small files are read into memory, large ones memory-mapped.
 * Everything else is rejected with an {@link NpyFormatException} naming the file and the reason.
 */
public final class NpyReader {

    /** Files at least this large are memory-mapped by {@link #read(Path)}. */
    public static final long MAP_THRESHOLD = 1L << 20;

    private NpyReader() {
    }

    /** Reads {@code file}, memory-mapping it when it is large. */
    public static NpyArray read(Path file) {
        return open(file, false);
    }

    /** Memory-maps {@code file} whatever its size (for arrays read repeatedly, e.g. during training). */
    public static NpyArray map(Path file) {
        return open(file, true);
    }

    /** Reads only the header. */
    public static NpyHeader readHeader(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(file, ch);
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(file, "file not found");
        } catch (IOException e) {
            throw new NpyFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static NpyArray open(Path file, boolean forceMap) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader header = header(file, ch);
            long fileSize = ch.size();
            long expected = header.dataBytes();
            long actual = fileSize - header.dataOffset();
            if (actual < expected) {
                throw new NpyFormatException(file, "truncated: shape " + header.shapeString() + " of " + header.descr()
                        + " needs " + expected + " data bytes but the file holds " + Math.max(actual, 0)
                        + "; the download or write was cut short, fetch or write it again");
            }
            if (actual > expected) {
                throw new NpyFormatException(file, "header/size mismatch: shape " + header.shapeString() + " of " + header.descr()
                        + " needs " + expected + " data bytes but the file holds " + actual
                        + "; the header does not describe the data, rewrite the file");
            }
            ByteBuffer[] chunks = forceMap || fileSize >= MAP_THRESHOLD
                    ? mapChunks(ch, header.dataOffset(), expected)
                    : new ByteBuffer[]{readAll(file, ch, header.dataOffset(), (int) expected)};
            return new NpyArray(file, header, chunks);
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(file, "file not found");
        } catch (IOException e) {
            throw new NpyFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static NpyHeader header(Path file, FileChannel ch) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pre, 0);
        pre.flip();
        if (pre.remaining() < 10 || !hasMagic(pre)) {
            throw new NpyFormatException(file, "not an NPY file (it does not start with \\x93NUMPY); save it with numpy.save");
        }
        int major = Byte.toUnsignedInt(pre.get(6));
        int minor = Byte.toUnsignedInt(pre.get(7));
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(file, "unsupported NPY format version " + major + "." + minor + "; versions 1.0, 2.0 and 3.0 are read");
        }
        long headerLength;
        int preamble;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(pre.getShort(8));
            preamble = 10;
        } else {
            if (pre.remaining() < 12) {
                throw new NpyFormatException(file, "truncated inside the header");
            }
            headerLength = Integer.toUnsignedLong(pre.getInt(8));
            preamble = 12;
        }
        if (preamble + headerLength > ch.size()) {
            throw new NpyFormatException(file, "truncated inside the header (" + headerLength + " header bytes announced, file has "
                    + ch.size() + " bytes in all)");
        }
        if (headerLength > 1 << 24) {
            throw new NpyFormatException(file, "header length " + headerLength + " is implausible; the file is damaged");
        }
        ByteBuffer text = ByteBuffer.allocate((int) headerLength);
        readFully(ch, text, preamble);
        String dict = new String(text.array(), 0, text.position(),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return NpyHeader.parse(file, dict, major, preamble + headerLength);
    }

    private static boolean hasMagic(ByteBuffer b) {
        for (int i = 0; i < NpyHeader.MAGIC.length; i++) {
            if (b.get(i) != NpyHeader.MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                return;
            }
            pos += n;
        }
    }

    private static ByteBuffer readAll(Path file, FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readFully(ch, b, offset);
        if (b.hasRemaining()) {
            throw new NpyFormatException(file, "truncated while reading");
        }
        b.clear();
        return b;
    }

    private static ByteBuffer[] mapChunks(FileChannel ch, long offset, long length) throws IOException {
        long chunk = 1L << NpyArray.CHUNK_SHIFT;
        int n = (int) Math.max(1, (length + chunk - 1) / chunk);
        ByteBuffer[] out = new ByteBuffer[n];
        for (int k = 0; k < n; k++) {
            long start = k * chunk;
            out[k] = ch.map(FileChannel.MapMode.READ_ONLY, offset + start, Math.min(chunk, length - start));
        }
        return out;
    }
}
