package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoTableTest {

    @Test
    void aFigureIsMarkedOnlyWhenTheBaselineIsStrictlyBetter() {
        // 54 of 57 test trials right for both: at the baseline, which the demo's question accepts
        assertFalse(DemoTable.below("choice.accuracy", 54 / 57.0, 54 / 57.0));
        assertFalse(DemoTable.below("choice.accuracy", 0.95, 0.94));
        assertTrue(DemoTable.below("choice.accuracy", 0.93, 0.94));
    }

    @Test
    void lowerIsBetterForNegativeLogLikelihoods() {
        assertFalse(DemoTable.below("spikes.poisson_nll", 0.60, 0.61));
        assertTrue(DemoTable.below("spikes.poisson_nll", 0.62, 0.61));
    }

    @Test
    void aMissingModelFigureIsMarkedAndAMissingBaselineIsNot() {
        assertTrue(DemoTable.below("wheel.r2", Double.NaN, 0.5));
        assertFalse(DemoTable.below("wheel.r2", 0.5, Double.NaN));
    }
}
