package org.nedsj.prep.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One-dimensional string arrays in NPY files: numpy's fixed-width unicode ({@code <U n}, UTF-32),
 * byte strings ({@code |S n}, ASCII), and object arrays ({@code |O}) whose elements are str or None.
 * An object array is stored as a Python pickle; it is read by {@link PickledStrings}, which
 * interprets the pickle's opcodes without executing anything and refuses any pickle that is not
 * numpy's plain array of strings. Missing elements (None, empty) read as null.
 */
public final class NpyStrings {

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(['\"])([^'\"]*)\\1");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(\\s*(\\d+)\\s*,?\\s*\\)");
    private static final Pattern FIXED_WIDTH = Pattern.compile("([<>|=]?)([US])(\\d+)");

    private NpyStrings() {
    }

    /**
     * @throws NpyFormatException naming the file when it is not a 1-D string array of a supported form
     */
    public static String[] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(file, "file not found");
        } catch (IOException e) {
            throw new NpyFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < NpyHeader.MAGIC.length; i++) {
            if (bytes.length < 10 || bytes[i] != NpyHeader.MAGIC[i]) {
                throw new NpyFormatException(file, "not an NPY file (it does not start with \\x93NUMPY); save it with numpy.save");
            }
        }
        int major = bytes[6];
        int preamble = major == 1 ? 10 : 12;
        if (major < 1 || major > 3 || bytes.length < preamble) {
            throw new NpyFormatException(file, "unsupported NPY format version " + major + "; versions 1.0, 2.0 and 3.0 are read");
        }
        long headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : Integer.toUnsignedLong(b.getInt(8));
        if (preamble + headerLength > bytes.length) {
            throw new NpyFormatException(file, "truncated inside the header");
        }
        String dict = new String(bytes, preamble, (int) headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int dataOffset = preamble + (int) headerLength;
        Matcher descr = DESCR.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find()) {
            throw new NpyFormatException(file, "header has no 'descr' entry: " + dict.strip());
        }
        if (!shape.find()) {
            throw new NpyFormatException(file, "expected a one-dimensional array of strings, the header says " + dict.strip());
        }
        int count = Integer.parseInt(shape.group(1));
        String type = descr.group(2);
        if (type.equals("|O") || type.equals("O")) {
            return PickledStrings.read(file, bytes, dataOffset, count);
        }
        Matcher fixed = FIXED_WIDTH.matcher(type);
        if (!fixed.matches()) {
            throw new NpyFormatException(file, "dtype '" + type + "' is not a string type; expected numpy unicode (<U…), "
                    + "bytes (|S…) or an object array of str");
        }
        boolean unicode = fixed.group(2).equals("U");
        int width = Integer.parseInt(fixed.group(3));
        int itemSize = unicode ? 4 * width : width;
        long needed = (long) itemSize * count;
        if (bytes.length - dataOffset != needed) {
            throw new NpyFormatException(file, "shape (" + count + ",) of " + type + " needs " + needed + " data bytes but the file holds "
                    + (bytes.length - dataOffset) + "; write it again with numpy.save");
        }
        ByteOrder order = fixed.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Charset charset = !unicode ? StandardCharsets.US_ASCII
                : order == ByteOrder.BIG_ENDIAN ? Charset.forName("UTF-32BE") : Charset.forName("UTF-32LE");
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            int start = dataOffset + i * itemSize;
            int length = itemSize;
            // numpy pads with NUL code points: drop the trailing ones
            while (length > 0 && isNulUnit(bytes, start + length - (unicode ? 4 : 1), unicode)) {
                length -= unicode ? 4 : 1;
            }
            String s = new String(bytes, start, length, charset);
            out[i] = s.isEmpty() ? null : s;
        }
        return out;
    }

    private static boolean isNulUnit(byte[] bytes, int at, boolean unicode) {
        if (!unicode) {
            return bytes[at] == 0;
        }
        return bytes[at] == 0 && bytes[at + 1] == 0 && bytes[at + 2] == 0 && bytes[at + 3] == 0;
    }

    /**
     * Writes {@code values} as numpy unicode {@code <U n} (n the longest value, at least 1; null as
     * the empty string), atomically (temporary file, then moved into place).
     */
    public static void write(Path file, String[] values) {
        int width = 1;
        for (String v : values) {
            width = Math.max(width, v == null ? 0 : v.codePointCount(0, v.length()));
        }
        String dict = "{'descr': '<U" + width + "', 'fortran_order': False, 'shape': (" + values.length + ",), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (NpyWriter.ALIGN - unpadded % NpyWriter.ALIGN) % NpyWriter.ALIGN;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * width * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (String v : values) {
            int written = 0;
            if (v != null) {
                for (int cp : v.codePoints().toArray()) {
                    b.putInt(cp);
                    written++;
                }
            }
            for (; written < width; written++) {
                b.putInt(0);
            }
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.write(tmp, b.array());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write error is the one to report
            }
            throw new NpyFormatException(file, "cannot be written: " + e.getMessage(), e);
        }
    }
}
