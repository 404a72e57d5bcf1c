package org.nedsj.trainer.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ASHA's rungs and its promotion rule, on scripted results (no training). */
class AshaSchedulerTest {

    @Test
    void rungsAreGraceTimesReductionPowersEndingAtTheBudget() {
        assertEquals(List.of(10, 30, 90, 200), AshaScheduler.rungs(10, 3, 200));
        assertEquals(List.of(1, 3, 9), AshaScheduler.rungs(1, 3, 9));
        assertEquals(List.of(1, 2, 4, 5), AshaScheduler.rungs(1, 2, 5));
        assertEquals(List.of(7), AshaScheduler.rungs(7, 3, 7));
    }

    @Test
    void aTrialGoesOnOnlyInTheTopThirdOfWhatItsRungHasRecordedSoFar() {
        AshaScheduler asha = new AshaScheduler(1, 3, 9);
        assertTrue(asha.report(0, 5.0), "the first result at a rung has nothing better: it goes on");
        assertFalse(asha.report(0, 6.0), "1 of 2 better: 1/2 is not under 1/3");
        assertTrue(asha.report(0, 4.0), "the best so far");
        assertTrue(asha.report(0, 4.5), "1 of 4 better: under a third");
        assertFalse(asha.report(0, 5.5), "3 of 5 better");
    }

    @Test
    void theRuleCountsStrictlyBetterResultsAgainstOneOverReduction() {
        AshaScheduler asha = new AshaScheduler(1, 2, 8);
        // reduction 2: goes on while fewer than half the recorded results (its own included) beat it
        assertTrue(asha.report(0, 3.0));      // 0 of 1 better
        assertFalse(asha.report(0, 4.0));     // 1 of 2 better: 2 >= 2
        assertTrue(asha.report(0, 3.5));      // 1 of 3 better: 2 < 3
        assertFalse(asha.report(0, 3.9));     // 2 of 4 better: 4 >= 4
        assertTrue(asha.report(0, 1.0));      // 0 of 5
        assertTrue(asha.report(1, 9.0), "each rung keeps its own results");
    }

    @Test
    void aNonFiniteResultStopsTheTrialAndIsNotRecorded() {
        AshaScheduler asha = new AshaScheduler(1, 3, 9);
        assertFalse(asha.report(0, Double.NaN));
        assertTrue(asha.report(0, 100.0), "still the first recorded result");
    }
}
