package org.nedsj.eval;

/** Implemented by the trainer around a trained model. */
public interface ModelPredictor {

    /**
     * Predicts the given trials of one session under one masking scheme.
     *
     * @param sessionId the session
     * @param trials    rows of the session to predict
     * @param scheme    the masking scheme's name ({@code encoding}, {@code decoding}, …)
     */
    TaskPredictions predict(String sessionId, int[] trials, String scheme);
}
