package org.nedsj.data.behaviour;

import org.nedsj.data.PreprocessingConfig.WheelRules;
import org.nedsj.data.alf.WheelRecording;

/**
 * Wheel speed as brainbox and NEDS compute it: the position interpolated linearly onto a regular
 * grid ({@code interpolate_position}), low-passed by a zero-phase Butterworth filter, differentiated
 * ({@code velocity_filtered}: first sample 0, then differences × rate) and made absolute.
 */
public final class WheelSpeed {

    private WheelSpeed() {
    }

    public static RegularSignal of(WheelRecording wheel, WheelRules rules) {
        double[] ts = wheel.timestamps();
        double[] pos = wheel.position();
        int n = (int) Math.ceil((ts[ts.length - 1] - ts[0]) / (1.0 / rules.rate()));
        RegularSignal times = RegularSignal.ofRate(ts[0], rules.rate(), new double[0]);
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
        SecondOrderSections filter = ButterworthLowPass.design(rules.filterOrder(), rules.cutoff(), rules.rate());
        if (n <= filter.defaultPadLength()) {
            throw new IllegalArgumentException("the wheel recording spans " + (ts[ts.length - 1] - ts[0]) + " s, too short to filter");
        }
        double[] filtered = filter.filtfilt(grid);
        double[] speed = new double[n];
        for (int i = 1; i < n; i++) {
            speed[i] = Math.abs((filtered[i] - filtered[i - 1]) * rules.rate());
        }
        return new RegularSignal(ts[0], times.step(), speed);
    }
}
