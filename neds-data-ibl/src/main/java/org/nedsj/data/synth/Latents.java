package org.nedsj.data.synth;

/**
 * A session's latent traces on a grid of {@link LatentDynamics#CELL} cells: {@code value(cell, k)} of
 * the {@link LatentDynamics#FACTORS} factors, and the log excitability gain of the trial each cell
 * belongs to; per trial, the gain a of its choice ramp ({@code choice · a} is what the neurons carry) and
 * the subjective prior p̂ in force during it.
 */
record Latents(float[] values, float[] logGain, double[] choiceGain, double[] prior) {

    int cells() {
        return logGain.length;
    }

    float value(int cell, int factor) {
        return values[cell * LatentDynamics.FACTORS + factor];
    }
}
