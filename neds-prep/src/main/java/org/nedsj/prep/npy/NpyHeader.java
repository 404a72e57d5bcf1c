package org.nedsj.prep.npy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of an NPY file: element type, byte order, memory order and shape, and where the data starts.
 *
 * @param dtype        element type
 * @param order        byte order of the elements
 * @param fortranOrder true when the data is stored column-major
 * @param shape        the array's shape ({@code []} for a scalar)
 * @param major        format version 1, 2 or 3
 * @param dataOffset   byte offset of the first element
 */
public record NpyHeader(NpyDtype dtype, ByteOrder order, boolean fortranOrder, long[] shape, int major, long dataOffset) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(['\"])([^'\"]*)\\1");
    private static final Pattern DESCR_ANY = Pattern.compile("['\"]descr['\"]\\s*:\\s*(\\S)");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    /** Number of elements: the product of the shape (1 for a scalar). */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    public long dataBytes() {
        return Math.multiplyExact(size(), dtype.itemSize());
    }

    public String shapeString() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    /** The type as numpy writes it, e.g. {@code <f8} or {@code |u1}. */
    public String descr() {
        return descrOf(dtype, order);
    }

    static String descrOf(NpyDtype dtype, ByteOrder order) {
        char prefix = dtype.itemSize() == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return prefix + dtype.code();
    }

    /** Parses the header dictionary (the text after the length field). */
    static NpyHeader parse(Path file, String dict, int major, long dataOffset) {
        Matcher descr = DESCR.matcher(dict);
        if (!descr.find()) {
            Matcher any = DESCR_ANY.matcher(dict);
            if (any.find() && any.group(1).equals("[")) {
                throw new NpyFormatException(file, "structured dtype (record array) is not supported; save each field as its own array");
            }
            throw new NpyFormatException(file, "header has no 'descr' entry: " + dict.strip());
        }
        String text = descr.group(2);
        if (text.length() < 2) {
            throw new NpyFormatException(file, "unsupported dtype '" + text + "'; supported: " + NpyDtype.supportedList());
        }
        char prefix = text.charAt(0);
        String code = "<>|=".indexOf(prefix) >= 0 ? text.substring(1) : text;
        NpyDtype dtype = NpyDtype.ofCode(code);
        if (dtype == null) {
            throw new NpyFormatException(file, "unsupported dtype '" + text + "'; supported: " + NpyDtype.supportedList()
                    + " (convert it with numpy's astype before saving)");
        }
        ByteOrder order = prefix == '>' ? ByteOrder.BIG_ENDIAN
                : prefix == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;

        Matcher fortran = FORTRAN.matcher(dict);
        if (!fortran.find()) {
            throw new NpyFormatException(file, "header has no 'fortran_order' entry: " + dict.strip());
        }
        Matcher shape = SHAPE.matcher(dict);
        if (!shape.find()) {
            throw new NpyFormatException(file, "header has no 'shape' entry: " + dict.strip());
        }
        return new NpyHeader(dtype, order, fortran.group(1).equals("True"), parseShape(file, shape.group(1)), major, dataOffset);
    }

    private static long[] parseShape(Path file, String tuple) {
        String[] parts = tuple.split(",");
        long[] dims = new long[parts.length];
        int n = 0;
        for (String part : parts) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims[n] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(file, "shape entry '" + part.strip() + "' is not an integer");
            }
            if (dims[n] < 0) {
                throw new NpyFormatException(file, "negative dimension in shape (" + tuple + ")");
            }
            n++;
        }
        return Arrays.copyOf(dims, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && dtype == h.dtype && order.equals(h.order) && fortranOrder == h.fortranOrder
                && Arrays.equals(shape, h.shape) && major == h.major && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + dtype.hashCode();
    }

    @Override
    public String toString() {
        return "NpyHeader[" + descr() + ", shape " + shapeString() + (fortranOrder ? ", Fortran order" : "")
                + ", v" + major + ".0, data at " + dataOffset + "]";
    }
}
