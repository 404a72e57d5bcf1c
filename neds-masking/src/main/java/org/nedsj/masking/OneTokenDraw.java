package org.nedsj.masking;

import java.util.SplittableRandom;

/**
 * The one-token rule shared by self-modality and random-token: each static (one-token) modality of
 * a trial is hidden with a fixed probability, independently. When the trial has no temporal
 * modality to stay partly visible and every one-token modality came up hidden, one of them, chosen
 * uniformly, is shown again, so no trial is ever wholly hidden.
 */
final class OneTokenDraw {

    private final double probability;

    OneTokenDraw(double probability) {
        this.probability = probability;
    }

    double probability() {
        return probability;
    }

    /** Fills {@code hidden[0..count)} for one trial. */
    void draw(SplittableRandom rng, int count, boolean otherTokensVisible, boolean[] hidden) {
        boolean allHidden = true;
        for (int i = 0; i < count; i++) {
            hidden[i] = rng.nextDouble() < probability;
            allHidden &= hidden[i];
        }
        if (allHidden && !otherTokensVisible && count > 0) {
            hidden[rng.nextInt(count)] = false;
        }
    }
}
