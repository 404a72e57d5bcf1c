package org.nedsj.prep.behaviour;

/**
 * Wheel speed as brainbox and NEDS compute it: the position interpolated linearly onto a regular
 * grid ({@code interpolate_position}), low-passed by a zero-phase Butterworth filter, differentiated
 * ({@code velocity_filtered}: first sample 0, then differences × rate) and made absolute. Any
 * position trace (a wheel, a treadmill encoder) becomes a speed this way.
 */
public final class WheelSpeed {

    private WheelSpeed() {
    }

    /**
     * @param ts          sample times, seconds, non-decreasing
     * @param pos         position at each time
     * @param rate        interpolation rate, Hz
     * @param filterOrder Butterworth order
     * @param cutoff      Butterworth cut-off, Hz
     */
    public static RegularSignal of(double[] ts, double[] pos, double rate, int filterOrder, double cutoff) {
        int n = (int) Math.ceil((ts[ts.length - 1] - ts[0]) / (1.0 / rate));
        RegularSignal times = RegularSignal.ofRate(ts[0], rate, new double[0]);
        double[] grid = new double[n];
        int j = 0;
        for (int i = 0; i < n; i++) {
            double t = times.time(i);
            while (j + 1 < ts.length && ts[j + 1] <= t) {
                j++;
            }
            if (j + 1 >= ts.length || ts[j] == t) {
                grid[i] = pos[j];
            } else {
                double slope = (pos[j + 1] - pos[j]) / (ts[j + 1] - ts[j]);
                grid[i] = slope * (t - ts[j]) + pos[j];
            }
        }
        SecondOrderSections filter = ButterworthLowPass.design(filterOrder, cutoff, rate);
        if (n <= filter.defaultPadLength()) {
            throw new IllegalArgumentException("the position recording spans " + (ts[ts.length - 1] - ts[0]) + " s, too short to filter");
        }
        double[] filtered = filter.filtfilt(grid);
        double[] speed = new double[n];
        for (int i = 1; i < n; i++) {
            speed[i] = Math.abs((filtered[i] - filtered[i - 1]) * rate);
        }
        return new RegularSignal(ts[0], times.step(), speed);
    }
}
