package org.nedsj.trainer.plugin;

import java.util.List;

/**
 * A configuration names a factory no plugin offers (or one that cannot handle the modality); the
 * message names the key, the name, where it was set when known, and the names that would work.
 */
public final class UnknownFactoryException extends IllegalArgumentException {

    private final List<String> available;

    public UnknownFactoryException(String message, List<String> available) {
        super(message);
        this.available = List.copyOf(available);
    }

    /** The names that would have been accepted, sorted. */
    public List<String> available() {
        return available;
    }
}
