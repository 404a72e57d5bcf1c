package org.nedsj.prep.align;

/**
 * A session that lacks a whole kind of data (no trials, no spike sorting, no trial or unit passing
 * the filters), as behaviour-only sessions of a ONE cache do. Preparing a dataset skips such sessions
 * and reports why; asking for one by id is an error.
 */
public class IncompleteSessionException extends IllegalArgumentException {

    public IncompleteSessionException(String message) {
        super(message);
    }
}
