package org.nedsj.data.synth;

import java.util.SplittableRandom;

/**
 * The continuous behaviour of a synthetic session on a 1 ms grid:
 * <ul>
 *   <li>wheel position (radians, counter-clockwise positive): on each choice trial a minimum-jerk
 *       turn of 0.2–0.35 rad toward the choice (choice +1 = clockwise = decreasing position) from
 *       firstMovement to the response; small fidgets (0.2/s, ±0.03 rad, 0.15–0.3 s) at other times;</li>
 *   <li>whisker-pad motion envelope, 0…~1: follows wheel speed ({@code min(1, speed / 4 rad/s)}), plus
 *       licking (0.84–1.2, 7 Hz modulation) from 50 ms to 1 s after the feedback of correct trials.</li>
 * </ul>
 */
final class BehaviourTrace {

    static final double DT = 0.001;
    static final double ENCODER_RESOLUTION = 2 * Math.PI / 4096;

    private final double[] position;
    private final float[] speed;
    private final float[] envelope;

    private BehaviourTrace(double[] position, float[] speed, float[] envelope) {
        this.position = position;
        this.speed = speed;
        this.envelope = envelope;
    }

    static BehaviourTrace of(SyntheticTrials trials, SplittableRandom rng) {
        int n = (int) Math.ceil(trials.duration() / DT);
        double[] velocity = new double[n];
        for (int i = 0; i < trials.size(); i++) {
            double start = trials.movementStart()[i];
            if (!Double.isNaN(start)) {
                double amplitude = -trials.choice()[i] * rng.nextDouble(0.2, 0.35);
                addTurn(velocity, start, trials.movementEnd()[i] - start, amplitude);
            }
        }
        for (double t = rng.nextDouble(5); t < trials.duration(); t += -Math.log(1 - rng.nextDouble()) / 0.2) {
            addTurn(velocity, t, rng.nextDouble(0.15, 0.3), 0.03 * rng.nextGaussian());
        }
        double[] position = new double[n];
        float[] speed = new float[n];
        float[] envelope = new float[n];
        double p = rng.nextDouble(-1, 1);
        for (int i = 0; i < n; i++) {
            position[i] = p;
            p += velocity[i] * DT;
            speed[i] = (float) Math.abs(velocity[i]);
            envelope[i] = Math.min(1f, speed[i] / 4);
        }
        for (int i = 0; i < trials.size(); i++) {
            if (trials.feedbackType()[i] > 0) {
                int from = (int) ((trials.feedback()[i] + 0.05) / DT);
                int to = Math.min(n, (int) ((trials.feedback()[i] + 1.0) / DT));
                for (int k = Math.max(0, from); k < to; k++) {
                    envelope[k] = (float) Math.max(envelope[k], 0.84 + 0.36 * Math.sin(2 * Math.PI * 7 * k * DT));
                }
            }
        }
        return new BehaviourTrace(position, speed, envelope);
    }

    /** Adds the velocity of a minimum-jerk displacement by {@code amplitude} over {@code duration} from {@code start}. */
    private static void addTurn(double[] velocity, double start, double duration, double amplitude) {
        int from = (int) Math.ceil(start / DT);
        int to = Math.min(velocity.length, (int) Math.floor((start + duration) / DT));
        for (int i = Math.max(0, from); i < to; i++) {
            double s = (i * DT - start) / duration;
            velocity[i] += amplitude / duration * 30 * s * s * (1 - s) * (1 - s);
        }
    }

    int samples() {
        return position.length;
    }

    double position(int i) {
        return position[i];
    }

    /** Mean |velocity| (rad/s) over samples {@code [from, to)}. */
    double meanSpeed(int from, int to) {
        return mean(speed, from, to);
    }

    /** Mean motion envelope over samples {@code [from, to)}. */
    double meanEnvelope(int from, int to) {
        return mean(envelope, from, to);
    }

    double envelopeAt(double t) {
        int i = (int) Math.min(envelope.length - 1, Math.max(0, Math.round(t / DT)));
        return envelope[i];
    }

    private static double mean(float[] a, int from, int to) {
        int lo = Math.max(0, from);
        int hi = Math.min(a.length, to);
        double s = 0;
        for (int i = lo; i < hi; i++) {
            s += a[i];
        }
        return hi > lo ? s / (hi - lo) : 0;
    }
}
