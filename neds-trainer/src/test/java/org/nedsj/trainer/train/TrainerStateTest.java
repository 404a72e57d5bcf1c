package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainerStateTest {

    private static TrainerState after(TrainerState s, int epoch, double val, double alpha) {
        return s.withProgress(epoch, s.step(), s.batches(), s.seconds()).afterValidation(val, java.util.Map.of(), alpha, 0.0);
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

    /**
     * Total 1.0, 0.9, 0.95, 0.97 (best at epoch 2); choice 0.7, 0.5, 0.6, 0.65 (own best at epoch 2) and
     * wheel 0.3, 0.3, 0.2, 0.1 (own best at 4, smoothed 0.3, 0.3, 0.25, 0.175): the run is never stale
     * while the wheel improves, and each task keeps its own best epoch.
     */
    @Test
    void eachTaskKeepsItsOwnBestEpochAndKeepsTheRunGoing() {
        double[] total = {1.0, 0.9, 0.95, 0.97};
        double[] choice = {0.7, 0.5, 0.6, 0.65};
        double[] wheel = {0.3, 0.3, 0.2, 0.1};
        TrainerState s = TrainerState.start();
        for (int e = 0; e < 4; e++) {
            s = s.withProgress(e + 1, 0, 0, 0).afterValidation(total[e], java.util.Map.of("choice", choice[e], "wheel",
                    wheel[e]), 0.5, 0.0);
        }
        assertEquals(2, s.bestEpoch());
        assertEquals(0, s.stale());
        assertEquals(2, s.tasks().get("choice").epoch());
        assertEquals(4, s.tasks().get("wheel").epoch());
        assertEquals(0.175, s.tasks().get("wheel").best(), 1e-12);
        assertEquals(java.util.List.of("wheel"), s.tasksImprovedNow());
    }

    /**
     * Choice 0.54 (lucky), 0.86, 0.63 in warm-up epochs 1–2 and then 3: smoothed 0.54, 0.70, 0.665; with
     * epochs 1 and 2 not selectable the best is epoch 3 (0.665), not the lucky first epoch.
     */
    @Test
    void noEpochOfTheWarmUpBecomesTheBest() {
        double[] choice = {0.54, 0.86, 0.63};
        TrainerState s = TrainerState.start();
        for (int e = 0; e < 3; e++) {
            s = s.withProgress(e + 1, 0, 0, 0).afterValidation(1.0 - 0.1 * e, java.util.Map.of("choice", choice[e]), 0.5,
                    0.0, e + 1 >= 3);
        }
        assertEquals(3, s.tasks().get("choice").epoch());
        assertEquals(0.665, s.tasks().get("choice").best(), 1e-12);
        assertEquals(3, s.bestEpoch());
        assertEquals(0, s.stale());
    }

    @Test
    void theSmoothedLossSurvivesTheCheckpoint() throws Exception {
        TrainerState s = TrainerState.start().withProgress(1, 3, 3, 1.5).afterValidation(1.0, java.util.Map.of("wheel", 0.4),
                0.5, 0.0);
        TrainerState back = TrainerState.fromJson(s.toJson());
        assertEquals(s, back);
        assertEquals(TrainerState.start(), TrainerState.fromJson(TrainerState.start().toJson()));
    }
}
