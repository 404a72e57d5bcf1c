package org.nedsj.data.alf;

/**
 * A session folder that lacks a whole kind of data (no {@code alf} folder, no spike sorting), as
 * behaviour-only sessions of a ONE cache do. Preparing a cache skips such sessions and reports why;
 * asking for one by id is an error.
 */
public class IncompleteSessionException extends AlfDataException {

    public IncompleteSessionException(String message) {
        super(message);
    }
}
