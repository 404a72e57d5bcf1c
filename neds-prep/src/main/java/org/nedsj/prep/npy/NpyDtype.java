package org.nedsj.prep.npy;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The NPY element types this project reads and writes: numpy's {@code descr} without the byte-order character. */
public enum NpyDtype {
    F8("f8", 8), F4("f4", 4), I8("i8", 8), I4("i4", 4), I2("i2", 2),
    U4("u4", 4), U2("u2", 2), U1("u1", 1), B1("b1", 1), I1("i1", 1);

    private final String code;
    private final int itemSize;

    NpyDtype(String code, int itemSize) {
        this.code = code;
        this.itemSize = itemSize;
    }

    /** numpy's type code, e.g. {@code f8}. */
    public String code() {
        return code;
    }

    public int itemSize() {
        return itemSize;
    }

    public boolean isFloatingPoint() {
        return this == F8 || this == F4;
    }

    /** The type with numpy code {@code code} (e.g. {@code u4}), or null when unsupported. */
    static NpyDtype ofCode(String code) {
        for (NpyDtype d : values()) {
            if (d.code.equals(code)) {
                return d;
            }
        }
        return null;
    }

    static String supportedList() {
        return Arrays.stream(values()).map(d -> (d.itemSize == 1 ? "|" : "<") + d.code).collect(Collectors.joining(" "));
    }
}
