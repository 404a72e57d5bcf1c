package org.nedsj.trainer.train;

/**
 * The loss, a gradient or an input stopped being finite; the run stops and keeps its last good
 * checkpoint. A diverging run is the user's to fix (settings or data), so this is a user error.
 */
public final class NonFiniteTrainingException extends IllegalStateException {

    public NonFiniteTrainingException(String message) {
        super(message);
    }
}
