package org.nedsj.eval;

import java.util.Objects;
import org.nedsj.spi.ModalitySpec;

/**
 * What the model predicted for one modality of some trials of one session under one masking scheme.
 * The arrays are taken, not copied; callers must not change them afterwards.
 *
 * @param modality  the modality
 * @param trials    number of trials
 * @param tokens    tokens per trial ({@link ModalitySpec#tokensPerTrial()})
 * @param width     the session's real width of the modality (no padding); 1 for static categorical
 * @param truth     {@code [trials, tokens, width]} row-major; for {@code STATIC_CATEGORICAL} {@code [trials]} class indices
 * @param predicted {@code NEURAL_COUNTS}: log firing rates per bin {@code [trials, tokens, width]};
 *                  {@code DYNAMIC_CONTINUOUS}: values {@code [trials, tokens, width]};
 *                  {@code STATIC_CATEGORICAL}: logits {@code [trials, classes]}; only the scored tokens' values
 *                  are read (a predictor may leave the others 0)
 * @param scored    {@code [trials, tokens]}: 1 where the token was a target of the mask (hidden and predicted)
 */
public record ModalityPredictions(ModalitySpec modality, int trials, int tokens, int width,
                                  float[] truth, float[] predicted, float[] scored) {

    public ModalityPredictions {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(scored, "scored");
        String name = modality.name();
        if (trials < 0 || tokens != modality.tokensPerTrial() || width < 1) {
            throw new IllegalArgumentException("predictions of modality " + name + ": trials " + trials + ", tokens "
                    + tokens + " (modality has " + modality.tokensPerTrial() + "), width " + width
                    + "; give trials ≥ 0, the modality's token count and the session's width");
        }
        boolean categorical = modality.isStatic();
        long values = (long) trials * tokens * width;
        expect(name, "truth", truth.length, categorical ? trials : values);
        expect(name, "predicted", predicted.length, categorical ? (long) trials * modality.classes() : values);
        expect(name, "scored", scored.length, (long) trials * tokens);
    }

    private static void expect(String modality, String what, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("predictions of modality " + modality + ": " + what + " has " + actual
                    + " values, expected " + expected + " (see ModalityPredictions for the layout)");
        }
    }

    /** Whether token {@code token} of trial {@code trial} was a target of the mask. */
    public boolean isScored(int trial, int token) {
        return scored[trial * tokens + token] != 0f;
    }

    /** Number of scored tokens. */
    public int scoredCount() {
        int n = 0;
        for (float s : scored) {
            if (s != 0f) {
                n++;
            }
        }
        return n;
    }
}
