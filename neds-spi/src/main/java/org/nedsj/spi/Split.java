package org.nedsj.spi;

/** Trial splits within a session; stored as 0, 1, 2 in prepared datasets. */
public enum Split {
    TRAIN, VAL, TEST;

    private static final Split[] BY_CODE = values();

    public static Split of(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("split code " + code + " is not 0 (train), 1 (val) or 2 (test)");
        }
        return BY_CODE[code];
    }

    public static Split parse(String name) {
        for (Split s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "': use train, val or test");
    }
}
