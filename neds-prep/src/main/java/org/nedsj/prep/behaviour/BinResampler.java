package org.nedsj.prep.behaviour;

/**
 * Resamples a behaviour to a trial's bins: linear interpolation at each bin's right edge
 * ({@code t0 + binSize … t0 + bins × binSize}), provided the behaviour has samples in the window
 * that start no later than {@code tolerance} after its start and end no earlier than
 * {@code tolerance} before its end (the coverage rule).
 */
public final class BinResampler {

    private final int bins;
    private final double binSize;
    private final double tolerance;

    public BinResampler(int bins, double binSize, double tolerance) {
        this.bins = bins;
        this.binSize = binSize;
        this.tolerance = tolerance;
    }

    /** Whether {@code signal} covers the window {@code [t0, t1]} by the coverage rule. */
    public boolean covers(SampledSignal signal, double t0, double t1) {
        int first = signal.firstAtOrAfter(t0);
        if (first >= signal.size() || signal.time(first) > t1) {
            return false;
        }
        int last = signal.firstAtOrAfter(Math.nextUp(t1)) - 1;
        return signal.time(first) - t0 <= tolerance && t1 - signal.time(last) <= tolerance;
    }

    /** Writes the {@code bins} right-edge values of the window starting at {@code t0} into {@code dest[offset…]}. */
    public void resample(SampledSignal signal, double t0, double[] dest, int offset) {
        for (int k = 0; k < bins; k++) {
            dest[offset + k] = signal.interpolate(t0 + (k + 1) * binSize);
        }
    }
}
