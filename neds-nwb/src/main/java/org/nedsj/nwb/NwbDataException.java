package org.nedsj.nwb;

/** NWB data that cannot be used as it is; the message names the file, the object in it, the problem and the fix. */
public class NwbDataException extends IllegalArgumentException {

    public NwbDataException(String message) {
        super(message);
    }

    public NwbDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
