package org.nedsj.data.synth;

/**
 * What a synthetic session's neurons were given that its files do not record, per trial in the trials table's
 * order: the signed choice ramp, {@code choice · a} with a ~ N(1, 0.8²) ({@link LatentDynamics}; 0 on a trial
 * without a movement, which has no ramp), and the subjective prior p̂ in force during the trial; beside them what
 * the trials table records of the trial: its choice, block ({@code probabilityLeft}) and stimulus (side and contrast;
 * the trials table writes them as {@code contrastLeft}/{@code contrastRight}, the one not shown NaN).
 *
 * @param sessionId       the id the reader gives the session
 * @param choice          +1, −1, or 0 (no-go), as written
 * @param probabilityLeft the block: 0.2, 0.5 or 0.8, as written
 * @param choiceRamp      choice · a; its sign is the choice the neurons signal
 * @param prior           p̂ ∈ (0, 1), the prior probability of a left stimulus the neurons carry
 * @param stimulusSide    +1 for a stimulus on the left, −1 on the right (a zero-contrast stimulus has a side too)
 * @param contrast        the stimulus contrast, 0 to 1
 */
public record SyntheticTruth(String sessionId, double[] choice, double[] probabilityLeft, double[] choiceRamp, double[] prior,
                             double[] stimulusSide, double[] contrast) {

    /** The truth of the session {@code spec} describes, from the same streams its writer draws. */
    static SyntheticTruth of(SessionSpec spec) {
        SimulatedSession session = SimulatedSession.of(spec);
        SyntheticTrials trials = session.trials();
        int n = trials.size();
        double[] ramp = new double[n];
        double[] side = new double[n];
        double[] contrast = new double[n];
        for (int i = 0; i < n; i++) {
            ramp[i] = Double.isNaN(trials.movementStart()[i]) ? 0 : trials.choice()[i] * session.latents().choiceGain()[i];
            boolean left = !Double.isNaN(trials.contrastLeft()[i]);
            side[i] = left ? 1 : -1;
            contrast[i] = left ? trials.contrastLeft()[i] : trials.contrastRight()[i];
        }
        return new SyntheticTruth(spec.id(), trials.choice().clone(), trials.probabilityLeft().clone(), ramp,
                session.latents().prior().clone(), side, contrast);
    }

    public int trials() {
        return choice.length;
    }
}
