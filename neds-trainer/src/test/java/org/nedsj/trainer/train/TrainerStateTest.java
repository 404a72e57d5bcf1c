package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainerStateTest {

    private static TrainerState after(TrainerState s, int epoch, double val, double alpha) {
        TrainerState atEpoch = new TrainerState(epoch, s.step(), s.batches(), s.bestValLoss(), s.bestEpoch(), s.stale(),
                s.seconds(), s.smoothedValLoss());
        return atEpoch.afterValidation(val, alpha, 0.0);
    }

    /** Losses 1.0, 0.6, 0.9, 0.7 with weight 0.5: smoothed 1.0, 0.8, 0.85, 0.775; best at epochs 1, 2, then 4. */
    @Test
    void theBestEpochFollowsTheSmoothedValidationLoss() {
        TrainerState s = after(TrainerState.start(), 1, 1.0, 0.5);
        assertEquals(1.0, s.smoothedValLoss(), 1e-12);
        assertEquals(1, s.bestEpoch());
        s = after(s, 2, 0.6, 0.5);
        assertEquals(0.8, s.smoothedValLoss(), 1e-12);
        assertEquals(2, s.bestEpoch());
        s = after(s, 3, 0.9, 0.5);
        assertEquals(0.85, s.smoothedValLoss(), 1e-12);
        assertEquals(2, s.bestEpoch());
        assertEquals(1, s.stale());
        s = after(s, 4, 0.7, 0.5);
        assertEquals(0.775, s.smoothedValLoss(), 1e-12);
        assertEquals(4, s.bestEpoch());
        assertEquals(0.775, s.bestValLoss(), 1e-12);
        assertEquals(0, s.stale());
    }

    /** A single lucky epoch (0.3 among 0.8s) does not become the best one once smoothed with weight 0.3. */
    @Test
    void aLuckyEpochIsNotTheBestOnceSmoothed() {
        TrainerState s = after(TrainerState.start(), 1, 0.8, 0.3);
        s = after(s, 2, 0.79, 0.3);
        s = after(s, 3, 0.3, 0.3);
        s = after(s, 4, 0.8, 0.3);
        s = after(s, 5, 0.5, 0.3);
        s = after(s, 6, 0.5, 0.3);
        assertEquals(6, s.bestEpoch(), "smoothed: " + s.smoothedValLoss());
        TrainerState raw = after(after(after(TrainerState.start(), 1, 0.8, 1), 2, 0.3, 1), 3, 0.5, 1);
        assertEquals(2, raw.bestEpoch());
    }

    @Test
    void theSmoothedLossSurvivesTheCheckpoint() throws Exception {
        TrainerState s = after(after(TrainerState.start(), 1, 1.0, 0.5), 2, 0.6, 0.5);
        TrainerState back = TrainerState.fromJson(s.toJson());
        assertEquals(s, back);
        assertEquals(TrainerState.start(), TrainerState.fromJson(TrainerState.start().toJson()));
    }
}
