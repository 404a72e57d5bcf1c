package org.nedsj.trainer.train;

/** The loss or a gradient stopped being finite; the run stops and keeps its last good checkpoint. */
public final class NonFiniteTrainingException extends RuntimeException {

    public NonFiniteTrainingException(String message) {
        super(message);
    }
}
