package org.nedsj.data.synth;

import java.util.SplittableRandom;

/**
 * Wheel velocity (rad/s, counter-clockwise positive) of a synthetic session on the 1 ms grid of
 * {@link BehaviourTrace}. Every displacement is a minimum-jerk sub-movement, whose speed is a bell
 * that lasts its duration and is about half as wide at half height:
 * <ul>
 *   <li>the response of each choice trial: toward the choice (choice +1 = clockwise = decreasing
 *       position) from firstMovement to the response; amplitude {@value #TURN} rad (the 35° stimulus
 *       displacement of the rig's wheel gain) × log-normal(σ {@value #TURN_SPREAD}), so mice overshoot or
 *       barely reach it; in {@value #SPLIT_SHARE} of trials it is made of two overlapping sub-movements
 *       (the first carries 55–80 % of the amplitude);</li>
 *   <li>a corrective sub-movement in {@value #CORRECTION_SHARE} of choice trials, 50–300 ms after the
 *       response, 10–40 % of the amplitude, either way, lasting 0.1–0.25 s;</li>
 *   <li>fidgets at other times: {@value #FIDGET_RATE}/s (Poisson), amplitude 0.03 rad × N(0,1),
 *       lasting 0.15–0.4 s.</li>
 * </ul>
 */
final class WheelMovements {

    static final double TURN = 0.28;
    static final double TURN_SPREAD = 0.3;
    static final double SPLIT_SHARE = 0.3;
    static final double CORRECTION_SHARE = 0.25;
    static final double FIDGET_RATE = 0.2;

    private WheelMovements() {
    }

    static double[] velocity(SyntheticTrials trials, int samples, SplittableRandom rng) {
        double[] velocity = new double[samples];
        for (int i = 0; i < trials.size(); i++) {
            double start = trials.movementStart()[i];
            if (!Double.isNaN(start)) {
                response(velocity, trials, i, rng);
            }
        }
        for (double t = rng.nextDouble(5); t < trials.duration(); t += -Math.log(1 - rng.nextDouble()) / FIDGET_RATE) {
            addSubMovement(velocity, t, rng.nextDouble(0.15, 0.4), 0.03 * rng.nextGaussian());
        }
        return velocity;
    }

    private static void response(double[] velocity, SyntheticTrials trials, int i, SplittableRandom rng) {
        double start = trials.movementStart()[i];
        double duration = trials.movementEnd()[i] - start;
        double amplitude = -trials.choice()[i] * TURN * Math.exp(TURN_SPREAD * rng.nextGaussian());
        if (rng.nextDouble() < SPLIT_SHARE) {
            double first = rng.nextDouble(0.55, 0.8);
            addSubMovement(velocity, start, 0.6 * duration, first * amplitude);
            addSubMovement(velocity, start + 0.35 * duration, 0.65 * duration, (1 - first) * amplitude);
        } else {
            addSubMovement(velocity, start, duration, amplitude);
        }
        if (rng.nextDouble() < CORRECTION_SHARE) {
            double sign = rng.nextBoolean() ? 1 : -1;
            addSubMovement(velocity, trials.movementEnd()[i] + rng.nextDouble(0.05, 0.3), rng.nextDouble(0.1, 0.25),
                    sign * rng.nextDouble(0.1, 0.4) * amplitude);
        }
    }

    /** Adds the velocity of a minimum-jerk displacement by {@code amplitude} over {@code duration} from {@code start}. */
    private static void addSubMovement(double[] velocity, double start, double duration, double amplitude) {
        int from = (int) Math.ceil(start / BehaviourTrace.DT);
        int to = Math.min(velocity.length, (int) Math.floor((start + duration) / BehaviourTrace.DT));
        for (int i = Math.max(0, from); i < to; i++) {
            double s = (i * BehaviourTrace.DT - start) / duration;
            velocity[i] += amplitude / duration * 30 * s * s * (1 - s) * (1 - s);
        }
    }
}
