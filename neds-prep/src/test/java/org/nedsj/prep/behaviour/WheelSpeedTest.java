package org.nedsj.prep.behaviour;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Against brainbox's interpolate_position + velocity_filtered and NEDS's absolute value, computed by numpy/scipy. */
class WheelSpeedTest {

    @Test
    void matchesBrainboxOnAnIrregularEncoderTrace() {
        double[] t = ButterworthLowPassTest.fixture("wheel_timestamps.npy");
        double[] pos = ButterworthLowPassTest.fixture("wheel_position.npy");
        double[] grid = ButterworthLowPassTest.fixture("wheel_grid.npy");
        double[] expected = ButterworthLowPassTest.fixture("wheel_speed.npy");
        RegularSignal speed = WheelSpeed.of(t, pos, 1000, 8, 20.0);
        assertEquals(expected.length, speed.size());
        double max = 0;
        for (double v : expected) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(grid[i], speed.time(i), 1e-12, "grid time " + i);
            assertEquals(expected[i], speed.value(i), 1e-9 * max, "speed " + i);
        }
        assertEquals(0.0, speed.value(0), "velocity_filtered starts with 0");
    }
}
