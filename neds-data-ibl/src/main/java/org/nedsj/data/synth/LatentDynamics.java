package org.nedsj.data.synth;

import java.util.SplittableRandom;

/**
 * The latent dynamics shared by every session of a synthetic dataset: {@value #FACTORS} factors
 * driven by the session's task events and behaviour through kernels whose latencies and time
 * constants are drawn once from the dataset seed, so the mapping from task and behaviour to latents
 * is the same in every session while the behaviour and the neurons reading the latents differ. The
 * factors ({@code t} is time, α(t; τ) = (t/τ)·e^{1 − t/τ} for t ≥ 0, peaking at 1 at τ):
 * <ol start="0">
 *   <li>{@link #STIMULUS} — visual onset response: √contrast · α(t − onset − L_s; τ_s), L_s ∈ U(30, 60) ms,
 *       τ_s ∈ U(40, 80) ms;</li>
 *   <li>{@link #SIDE} — stimulus side (+1 left, −1 right) · √contrast · α(t − onset − L_s; τ_side),
 *       τ_side ∈ U(60, 120) ms;</li>
 *   <li>{@link #PREPARATION} — movement preparation, locked to movement onset m: e^{(t − m)/τ_p}
 *       before it (τ_p ∈ U(100, 200) ms), e^{−(t − m)/τ_d} after it (τ_d ∈ U(80, 150) ms);</li>
 *   <li>{@link #MOVEMENT} — wheel speed / 1.5 rad/s, at most 2 (mean over the cell; a response turn peaks at about 1–3 rad/s);</li>
 *   <li>{@link #CHOICE} — choice ramp: choice · a · r(t), where r rises linearly from 0 at
 *       onset + L_c (L_c ∈ U(80, 150) ms) to 1 at movement onset (at least 100 ms later), holds to the
 *       feedback and decays with τ_c ∈ U(300, 600) ms; a ~ N(1, {@value #CHOICE_NOISE}²) per trial, so
 *       on some trials the neural choice signal is weak or points the wrong way;</li>
 *   <li>{@link #REWARD} — licking (mean of the lick rhythm over the cell);</li>
 *   <li>{@link #ERROR} — α(t − feedback − 50 ms; τ_e) after error feedback, τ_e ∈ U(150, 300) ms;</li>
 *   <li>{@link #PRIOR} — the subjective prior (p̂ − 0.5)/0.3, constant within a trial; p̂ starts at
 *       0.5 and after each trial moves toward its stimulus side (1 left, 0 right) by a rate
 *       ∈ U(0.1, 0.2) (an exponential "stimulus kernel" of about 5–10 trials);</li>
 *   <li>{@link #NOISE_A}, {@link #NOISE_B} — slow latent noise: Ornstein–Uhlenbeck processes of unit
 *       variance, time constants ∈ U(0.5, 2) s.</li>
 * </ol>
 * Besides the factors, each trial has a log excitability gain shared by the population: AR(1) over
 * trials with coefficient {@value #GAIN_MEMORY} and stationary standard deviation {@value #GAIN_SD}.
 * {@link Latents} keeps each trial's choice-ramp gain a and prior p̂, the ground truth of {@link SyntheticTruth}.
 */
record LatentDynamics(double stimulusLatency, double stimulusTau, double sideTau, double preparationRise,
                      double preparationDecay, double choiceLatency, double choiceDecay, double errorTau,
                      double priorRate, double noiseTauA, double noiseTauB) {

    static final double CELL = 0.01;
    static final int FACTORS = 10;
    static final int STIMULUS = 0;
    static final int SIDE = 1;
    static final int PREPARATION = 2;
    static final int MOVEMENT = 3;
    static final int CHOICE = 4;
    static final int REWARD = 5;
    static final int ERROR = 6;
    static final int PRIOR = 7;
    static final int NOISE_A = 8;
    static final int NOISE_B = 9;
    static final double CHOICE_NOISE = 0.8;
    static final double GAIN_MEMORY = 0.8;
    static final double GAIN_SD = 0.2;
    private static final double SPEED_SCALE = 1.5;

    /** The dataset's latent system, drawn from its seed. */
    static LatentDynamics draw(long datasetSeed) {
        SplittableRandom rng = new SplittableRandom(datasetSeed ^ 0x6C6174656E74L);
        return new LatentDynamics(rng.nextDouble(0.03, 0.06), rng.nextDouble(0.04, 0.08), rng.nextDouble(0.06, 0.12),
                rng.nextDouble(0.1, 0.2), rng.nextDouble(0.08, 0.15), rng.nextDouble(0.08, 0.15), rng.nextDouble(0.3, 0.6),
                rng.nextDouble(0.15, 0.3), rng.nextDouble(0.1, 0.2), rng.nextDouble(0.5, 2), rng.nextDouble(0.5, 2));
    }

    /** The latents of one session; {@code rng} draws its trial-to-trial noise. */
    Latents run(SyntheticTrials trials, BehaviourTrace behaviour, SplittableRandom rng) {
        int cells = (int) Math.floor(trials.duration() / CELL);
        float[] z = new float[cells * FACTORS];
        float[] logGain = new float[cells];
        double[] choiceGain = new double[trials.size()];
        double[] priors = new double[trials.size()];
        double gain = GAIN_SD * rng.nextGaussian();
        double prior = 0.5;
        for (int i = 0; i < trials.size(); i++) {
            priors[i] = prior;
            fill(z, PRIOR, trials.start()[i], nextStart(trials, i), (prior - 0.5) / 0.3);
            fillGain(logGain, trials.start()[i], nextStart(trials, i), gain);
            choiceGain[i] = 1 + CHOICE_NOISE * rng.nextGaussian();
            taskEvents(z, trials, i, choiceGain[i]);
            prior += priorRate * ((Double.isNaN(trials.contrastLeft()[i]) ? 0 : 1) - prior);
            gain = GAIN_MEMORY * gain + GAIN_SD * Math.sqrt(1 - GAIN_MEMORY * GAIN_MEMORY) * rng.nextGaussian();
        }
        behaviour(z, behaviour, cells);
        ornsteinUhlenbeck(z, NOISE_A, noiseTauA, rng);
        ornsteinUhlenbeck(z, NOISE_B, noiseTauB, rng);
        return new Latents(z, logGain, choiceGain, priors);
    }

    private void taskEvents(float[] z, SyntheticTrials trials, int i, double choiceGain) {
        double onset = trials.stimulusOnset()[i];
        double left = trials.contrastLeft()[i];
        double side = Double.isNaN(left) ? -1 : 1;
        double strength = Math.sqrt(Double.isNaN(left) ? trials.contrastRight()[i] : left);
        alpha(z, STIMULUS, onset + stimulusLatency, stimulusTau, strength);
        alpha(z, SIDE, onset + stimulusLatency, sideTau, side * strength);
        double move = trials.movementStart()[i];
        if (Double.isNaN(move)) {
            return;
        }
        preparation(z, move);
        choiceRamp(z, onset + choiceLatency, move, trials.feedback()[i], trials.choice()[i] * choiceGain);
        if (trials.feedbackType()[i] < 0) {
            alpha(z, ERROR, trials.feedback()[i] + 0.05, errorTau, 1);
        }
    }

    private void preparation(float[] z, double move) {
        for (int c = cell(move - 5 * preparationRise); c < cell(move + 5 * preparationDecay); c++) {
            double t = time(c) - move;
            add(z, c, PREPARATION, t < 0 ? Math.exp(t / preparationRise) : Math.exp(-t / preparationDecay));
        }
    }

    private void choiceRamp(float[] z, double rampStart, double move, double feedback, double amplitude) {
        double peak = Math.max(move, rampStart + 0.1);
        for (int c = cell(rampStart); c < cell(Math.max(peak, feedback) + 5 * choiceDecay); c++) {
            double t = time(c);
            double r = t < peak ? (t - rampStart) / (peak - rampStart)
                    : t < feedback ? 1 : Math.exp(-(t - Math.max(peak, feedback)) / choiceDecay);
            add(z, c, CHOICE, amplitude * r);
        }
    }

    private static void alpha(float[] z, int factor, double from, double tau, double amplitude) {
        for (int c = cell(from); c < cell(from + 8 * tau); c++) {
            double s = (time(c) - from) / tau;
            if (s >= 0) {
                add(z, c, factor, amplitude * s * Math.exp(1 - s));
            }
        }
    }

    private static void behaviour(float[] z, BehaviourTrace behaviour, int cells) {
        int ms = (int) Math.round(CELL / BehaviourTrace.DT);
        for (int c = 0; c < cells; c++) {
            z[c * FACTORS + MOVEMENT] = (float) Math.min(2, behaviour.meanSpeed(c * ms, (c + 1) * ms) / SPEED_SCALE);
            z[c * FACTORS + REWARD] = (float) behaviour.meanLick(c * ms, (c + 1) * ms);
        }
    }

    private static void ornsteinUhlenbeck(float[] z, int factor, double tau, SplittableRandom rng) {
        double decay = Math.exp(-CELL / tau);
        double kick = Math.sqrt(1 - decay * decay);
        double x = rng.nextGaussian();
        for (int c = 0; c < z.length / FACTORS; c++) {
            z[c * FACTORS + factor] = (float) x;
            x = decay * x + kick * rng.nextGaussian();
        }
    }

    private static double nextStart(SyntheticTrials trials, int i) {
        return i + 1 < trials.size() ? trials.start()[i + 1] : trials.duration();
    }

    private static void fill(float[] z, int factor, double from, double to, double value) {
        for (int c = cell(from); c < Math.min(z.length / FACTORS, cell(to)); c++) {
            z[c * FACTORS + factor] = (float) value;
        }
    }

    private static void fillGain(float[] logGain, double from, double to, double value) {
        for (int c = cell(from); c < Math.min(logGain.length, cell(to)); c++) {
            logGain[c] = (float) value;
        }
    }

    private static void add(float[] z, int c, int factor, double value) {
        if (c >= 0 && c < z.length / FACTORS) {
            z[c * FACTORS + factor] += (float) value;
        }
    }

    private static int cell(double t) {
        return (int) Math.ceil(t / CELL - 0.5);
    }

    /** The centre of cell {@code c}. */
    private static double time(int c) {
        return (c + 0.5) * CELL;
    }
}
