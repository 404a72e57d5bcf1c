package org.nedsj.data.synth;

import java.util.SplittableRandom;

/**
 * The whisker-pad motion of a synthetic session on the 1 ms grid of {@link BehaviourTrace}, in
 * units where a vigorous whisking bout is about 1. It is denser and smoother than the wheel: mice
 * whisk in bouts that also happen without wheel movement, whisk harder while turning the wheel, and
 * lick after a reward.
 * <ul>
 *   <li>whisking bouts: {@value #BOUT_RATE}/s (Poisson), lasting 0.3–3 s (log-normal, median 0.9 s),
 *       strength 0.2–0.6;</li>
 *   <li>movement-related: {@value #MOVEMENT_WEIGHT} · min(1, wheel speed / 2 rad/s);</li>
 *   <li>licking ({@link #licking}) after correct feedback, weighted {@value #LICK_WEIGHT};</li>
 *   <li>the sum smoothed forward and backward by a first-order filter of time constant
 *       {@value #SMOOTHING} s.</li>
 * </ul>
 */
final class FaceMotion {

    static final double BOUT_RATE = 0.25;
    static final double MOVEMENT_WEIGHT = 1.0;
    static final double LICK_WEIGHT = 0.8;
    static final double SMOOTHING = 0.06;

    private FaceMotion() {
    }

    /**
     * Licking after each correct feedback: from 80–200 ms after it for 0.5–1.5 s, a 6–8 Hz
     * rhythm {@code (1 + sin)/2} of strength 0.6–1.
     */
    static float[] licking(SyntheticTrials trials, int samples, SplittableRandom rng) {
        float[] lick = new float[samples];
        double dt = BehaviourTrace.DT;
        for (int i = 0; i < trials.size(); i++) {
            if (trials.feedbackType()[i] > 0) {
                double onset = trials.feedback()[i] + rng.nextDouble(0.08, 0.2);
                double frequency = rng.nextDouble(6, 8);
                double strength = rng.nextDouble(0.6, 1.0);
                int from = (int) (onset / dt);
                int to = Math.min(samples, (int) ((onset + rng.nextDouble(0.5, 1.5)) / dt));
                for (int k = Math.max(0, from); k < to; k++) {
                    lick[k] = (float) (strength * 0.5 * (1 - Math.cos(2 * Math.PI * frequency * (k - from) * dt)));
                }
            }
        }
        return lick;
    }

    static float[] whisking(SyntheticTrials trials, float[] speed, float[] lick, SplittableRandom rng) {
        int n = speed.length;
        double[] drive = new double[n];
        double dt = BehaviourTrace.DT;
        for (double t = rng.nextDouble(2); t < trials.duration(); t += -Math.log(1 - rng.nextDouble()) / BOUT_RATE) {
            double strength = rng.nextDouble(0.2, 0.6);
            double length = Math.min(3, Math.max(0.3, 0.9 * Math.exp(0.6 * rng.nextGaussian())));
            int to = Math.min(n, (int) ((t + length) / dt));
            for (int k = (int) (t / dt); k < to; k++) {
                drive[k] = Math.max(drive[k], strength);
            }
        }
        for (int k = 0; k < n; k++) {
            drive[k] += MOVEMENT_WEIGHT * Math.min(1, speed[k] / 2) + LICK_WEIGHT * lick[k];
        }
        return smooth(drive);
    }

    private static float[] smooth(double[] x) {
        double a = BehaviourTrace.DT / (SMOOTHING + BehaviourTrace.DT);
        for (int k = 1; k < x.length; k++) {
            x[k] = x[k - 1] + a * (x[k] - x[k - 1]);
        }
        for (int k = x.length - 2; k >= 0; k--) {
            x[k] = x[k + 1] + a * (x[k] - x[k + 1]);
        }
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = (float) x[k];
        }
        return out;
    }
}
