package org.nedsj.data.synth;

/**
 * A session's latent traces on a grid of {@link LatentDynamics#CELL} cells: {@code value(cell, k)} of
 * the {@link LatentDynamics#FACTORS} factors, and the log excitability gain of the trial each cell
 * belongs to.
 */
record Latents(float[] values, float[] logGain) {

    int cells() {
        return logGain.length;
    }

    float value(int cell, int factor) {
        return values[cell * LatentDynamics.FACTORS + factor];
    }
}
