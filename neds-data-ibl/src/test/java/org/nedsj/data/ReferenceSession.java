package org.nedsj.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The hand-computed session of the pipeline tests: 11 trials (4 kept by the NEDS filter), two probes
 * (6 clusters, 2 kept), a wheel ramp and a camera whose motion energy equals the frame time. The
 * expected values are written out in the tests; this class only writes the files.
 *
 * <pre>
 * row stimOn goCue  firstMove feedback choice pLeft  outcome (neds)
 *  0  10.5   10.5   10.8      11.2      1     0.5    wheel-coverage (wheel starts at 10.1 > t0 + 0.02)
 *  1  20.5   20.5   20.8      21.2     -1     0.5    kept
 *  2  NaN    30.5   30.8      31.2      1     0.5    missing-event
 *  3  40.5   40.5   NaN       100.5     0     0.5    no-go
 *  4  50.5   50.5   61.0      61.5      1     0.2    reaction-time (10.5 s)
 *  5  60.5   60.5   60.55     71.0      1     0.8    feedback-delay (10.5 s; bwm: reaction-time 0.05 s)
 *  6  70.5   NaN    70.6      71.0      1     0.8    kept (a NaN goCue does not drop)
 *  7  80.5   80.5   80.9      81.3     -1     0.2    kept
 *  8  90.5   90.5   90.7      91.0      1     0.3    block-level
 *  9  100.5  100.5  100.8     101.0     1     0.8    kept
 * 10  110.5  110.5  110.8     111.0    -1     0.2    whisker-coverage (camera ends at 111.9)
 * </pre>
 */
public final class ReferenceSession {

    public static final String ID = "testlab_M001_2024-02-03_001";
    public static final int[] KEPT_ROWS = {1, 6, 7, 9};

    private ReferenceSession() {
    }

    public static HandMadeSession write(Path root) {
        HandMadeSession s = HandMadeSession.create(root, "testlab", "M001", "2024-02-03", "001");
        double nan = Double.NaN;
        s.trials("", HandMadeSession.attributes(
                "stimOn_times", new double[]{10.5, 20.5, nan, 40.5, 50.5, 60.5, 70.5, 80.5, 90.5, 100.5, 110.5},
                "goCue_times", new double[]{10.5, 20.5, 30.5, 40.5, 50.5, 60.5, nan, 80.5, 90.5, 100.5, 110.5},
                "firstMovement_times", new double[]{10.8, 20.8, 30.8, nan, 61.0, 60.55, 70.6, 80.9, 90.7, 100.8, 110.8},
                "feedback_times", new double[]{11.2, 21.2, 31.2, 100.5, 61.5, 71.0, 71.0, 81.3, 91.0, 101.0, 111.0},
                "choice", new double[]{1, -1, 1, 0, 1, 1, 1, -1, 1, 1, -1},
                "feedbackType", new double[]{1, 1, 1, -1, 1, 1, 1, -1, 1, 1, 1},
                "probabilityLeft", new double[]{0.5, 0.5, 0.5, 0.5, 0.2, 0.8, 0.8, 0.2, 0.3, 0.8, 0.2}));
        s.wheel(wheelTimes(), wheelPositions(wheelTimes()));
        double[][] camera = camera();
        s.camera("right", camera[0], camera[1]);
        s.probe("probe00", List.of(unit0(), fill(40, 0), withOutside(fill(39, 1)), new double[0]), 4);
        s.probe("probe01/pykilosort", List.of(fill(60, 2), concat(fill(38, 3), inWindow(0, 20))), 2);
        return s;
    }

    /** Wheel events every 5 ms from 10.1 s to 116 s. */
    public static double[] wheelTimes() {
        int n = (int) Math.round((116.0 - 10.1) / 0.005) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 10.1 + i * 0.005;
        }
        return t;
    }

    /** 0.5 rad/s until 65 s, 2 rad/s after: speed 0.5 in trial 1's window, 2 in the other kept windows. */
    static double[] wheelPositions(double[] t) {
        double[] p = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            p[i] = t[i] <= 65 ? 0.5 * (t[i] - 10.1) : 0.5 * (65 - 10.1) + 2 * (t[i] - 65);
        }
        return p;
    }

    /**
     * Frames at 150 Hz from 9 s to 111.9 s, motion energy = frame time, one NaN frame near 80.7 s;
     * two extra timestamps (7 s, 8 s) precede the frames and must be trimmed.
     */
    static double[][] camera() {
        int frames = (int) Math.floor((111.9 - 9.0) * 150) + 1;
        double[] times = new double[frames + 2];
        double[] energy = new double[frames];
        times[0] = 7.0;
        times[1] = 8.0;
        for (int k = 0; k < frames; k++) {
            times[k + 2] = 9.0 + k / 150.0;
            energy[k] = times[k + 2];
        }
        energy[(int) Math.round((80.7 - 9.0) * 150)] = Double.NaN;
        return new double[][]{times, energy};
    }

    /**
     * Merged unit 0: 41 spikes in the kept windows. In trial 1's window (t0 = 20.0) they are on the
     * window start, on bin edges, in bin 25 twice and near the end; two more just outside the window.
     */
    static double[] unit0() {
        double[] special = {19.9999, 20.0, 20.02, 20.0399, 20.04, 20.5, 20.51, 21.98, 21.9999, 22.0};
        return concat(special, fill(41 - 8, 0));
    }

    /** Spike times in kept windows other than trial 1's: mid-bin, spread over trials 6, 7, 9. */
    static double[] fill(int count, int offset) {
        int[] rows = {6, 7, 9};
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            int row = rows[i % 3];
            double t0 = 10.0 * row + 10.0;
            t[i] = t0 + (10 + i / 3 * 2 + offset) * 0.02 + 0.01;
        }
        return t;
    }

    /** {@code count} spikes inside the window of trial {@code row} (a dropped trial in the tests). */
    static double[] inWindow(int row, int count) {
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = 10.0 * row + 10.0 + 0.1 + i * 0.05;
        }
        return t;
    }

    /** Adds 100 spikes between 23 s and 62.6 s, outside every kept window. */
    static double[] withOutside(double[] inside) {
        double[] outside = new double[100];
        for (int i = 0; i < 100; i++) {
            outside[i] = 23.0 + i * 0.4;
        }
        return concat(inside, outside);
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
