package org.nedsj.spi.io;

/** Another command holds the lock of a folder this one would write; the message names the holder. */
public final class FolderBusyException extends IllegalStateException {

    public FolderBusyException(String message) {
        super(message);
    }
}
