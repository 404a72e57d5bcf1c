package org.nedsj.data.synth;

import java.util.SplittableRandom;

/**
 * The continuous behaviour of a synthetic session on a 1 ms grid: wheel position and speed
 * ({@link WheelMovements}), whisker-pad motion and licking ({@link FaceMotion}). Each session's
 * behaviour is its own, drawn from the session's seed.
 */
final class BehaviourTrace {

    static final double DT = 0.001;
    static final double ENCODER_RESOLUTION = 2 * Math.PI / 4096;

    private final double[] position;
    private final float[] speed;
    private final float[] whisking;
    private final float[] lick;

    private BehaviourTrace(double[] position, float[] speed, float[] whisking, float[] lick) {
        this.position = position;
        this.speed = speed;
        this.whisking = whisking;
        this.lick = lick;
    }

    static BehaviourTrace of(SyntheticTrials trials, SplittableRandom rng) {
        int n = (int) Math.ceil(trials.duration() / DT);
        double[] velocity = WheelMovements.velocity(trials, n, rng.split());
        double[] position = new double[n];
        float[] speed = new float[n];
        double p = rng.nextDouble(-1, 1);
        for (int i = 0; i < n; i++) {
            position[i] = p;
            p += velocity[i] * DT;
            speed[i] = (float) Math.abs(velocity[i]);
        }
        float[] lick = FaceMotion.licking(trials, n, rng.split());
        return new BehaviourTrace(position, speed, FaceMotion.whisking(trials, speed, lick, rng.split()), lick);
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

    /** Mean licking rhythm (0…1) over samples {@code [from, to)}. */
    double meanLick(int from, int to) {
        return mean(lick, from, to);
    }

    /** Whisker-pad motion at time {@code t} (s). */
    double whiskingAt(double t) {
        int i = (int) Math.min(whisking.length - 1, Math.max(0, Math.round(t / DT)));
        return whisking[i];
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
