package org.nedsj.data.alf;

/** ALF data that cannot be used as it is; the message names the file or folder, the problem and the fix. */
public class AlfDataException extends IllegalArgumentException {

    public AlfDataException(String message) {
        super(message);
    }

    public AlfDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
