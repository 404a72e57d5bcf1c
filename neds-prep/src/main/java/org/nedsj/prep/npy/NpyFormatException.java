package org.nedsj.prep.npy;

import java.nio.file.Path;

/** An NPY file that cannot be read or written as asked; the message names the file, the problem and the fix. */
public class NpyFormatException extends IllegalArgumentException {

    private final transient Path file;

    public NpyFormatException(Path file, String problem) {
        super("NPY file " + file + ": " + problem);
        this.file = file;
    }

    public NpyFormatException(Path file, String problem, Throwable cause) {
        super("NPY file " + file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
