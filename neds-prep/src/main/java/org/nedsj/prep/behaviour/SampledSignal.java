package org.nedsj.prep.behaviour;

/** A behaviour sampled at non-decreasing times, read by index. */
public interface SampledSignal {

    int size();

    /** Time of sample {@code i}, seconds. */
    double time(int i);

    double value(int i);

    /** Index of the first sample with time ≥ {@code t} ({@link #size()} when none). */
    default int firstAtOrAfter(double t) {
        int lo = 0;
        int hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Linear interpolation at {@code t}, holding the first/last value outside the samples (as numpy's interp). */
    default double interpolate(double t) {
        int n = size();
        int j = firstAtOrAfter(t);
        if (j >= n) {
            return value(n - 1);
        }
        if (j == 0 || time(j) == t) {
            return value(j);
        }
        double t0 = time(j - 1);
        double slope = (value(j) - value(j - 1)) / (time(j) - t0);
        return slope * (t - t0) + value(j - 1);
    }
}
