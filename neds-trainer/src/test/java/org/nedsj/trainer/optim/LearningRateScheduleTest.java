package org.nedsj.trainer.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LearningRateScheduleTest {

    private final LearningRateSchedule schedule = new LearningRateSchedule(1e-3, 100, 0.2, 0.1, 0.0);

    @Test
    void warmsUpLinearlyFromATenthOfThePeak() {
        assertEquals(1e-4, schedule.at(0), 1e-12);
        assertEquals(1e-4 + 0.9e-3 * 10 / 20, schedule.at(10), 1e-12);
        assertEquals(1e-3, schedule.at(20), 1e-12);
    }

    @Test
    void decaysAlongACosineToTheEnd() {
        assertEquals(0.5e-3, schedule.at(60), 1e-12);                                  // half way through the decay
        assertEquals(1e-3 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), schedule.at(40), 1e-12);
        assertEquals(0.0, schedule.at(100), 1e-12);
        assertEquals(0.0, schedule.at(150), 1e-12);                                    // stays at the end value
    }

    @Test
    void rejectsAWarmupOfTheWholeRun() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, 100, 1.0, 0.1, 0));
    }
}
