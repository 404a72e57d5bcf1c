package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nedsj.masking.Batches.BLOCK;
import static org.nedsj.masking.Batches.CHOICE;
import static org.nedsj.masking.Batches.IBL;
import static org.nedsj.masking.Batches.SPIKES;
import static org.nedsj.masking.Batches.WHEEL;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.ModalitySpec;

class SelfModalityMaskingTest {

    @Test
    void hidesExactlyTheShareOfEveryTemporalModalityInEveryTrial() {
        MaskingScheme scheme = Batches.scheme("self-modality");
        for (long index = 0; index < 50; index++) {
            MaskPlan plan = scheme.plan(Batches.zeros(index, 8, IBL), 42);
            for (int trial = 0; trial < 8; trial++) {
                for (String m : List.of("spikes", "wheel", "whisker")) {
                    assertEquals(30, Batches.hiddenInTrial(plan, m, trial), m + " trial " + trial);
                }
            }
            assertEquals(plan.hiddenCount("spikes"), plan.targetCount("spikes"));
        }
    }

    @Test
    void followsTheConfiguredRatio() {
        MaskPlan plan = Batches.scheme("self-modality", "masking.ratio = 0.1").plan(Batches.zeros(0, 4, IBL), 42);
        for (int trial = 0; trial < 4; trial++) {
            assertEquals(10, Batches.hiddenInTrial(plan, "wheel", trial));
        }
    }

    @Test
    void hidesConsecutiveWindowsWithinTheConfiguredLengths() {
        MaskingScheme scheme = Batches.scheme("self-modality", "masking.self-modality { window-min = 3, window-max = 4 }");
        for (long index = 0; index < 50; index++) {
            MaskPlan plan = scheme.plan(Batches.zeros(index, 8, IBL), 7);
            for (int trial = 0; trial < 8; trial++) {
                for (String m : List.of("spikes", "wheel", "whisker")) {
                    var runs = Batches.runs(Batches.hiddenRow(plan, m, trial));
                    // 30 bins in runs of 3–4: 8 to 10 runs (one may be cut short), never longer than 4
                    assertTrue(runs.size() >= 8 && runs.size() <= 10, "runs: " + runs.size());
                    assertTrue(runs.stream().allMatch(r -> r[1] <= 4));
                    assertTrue(runs.stream().filter(r -> r[1] < 3).count() <= 1);
                }
            }
        }
    }

    @Test
    void laysOutEachModalityIndependently() {
        MaskPlan plan = Batches.scheme("self-modality").plan(Batches.zeros(0, 8, IBL), 42);
        int identical = 0;
        for (int trial = 0; trial < 8; trial++) {
            if (java.util.Arrays.equals(Batches.hiddenRow(plan, "spikes", trial), Batches.hiddenRow(plan, "wheel", trial))) {
                identical++;
            }
        }
        assertEquals(0, identical);
    }

    @Test
    void hidesStaticTokensAtTheirProbability() {
        assertStaticRate(Batches.scheme("self-modality"), 0.3);
        assertStaticRate(Batches.scheme("self-modality", "masking.ratio = 0.2"), 0.2);
        assertStaticRate(Batches.scheme("self-modality", "masking.self-modality.static-probability = 0.8"), 0.8);
    }

    static void assertStaticRate(MaskingScheme scheme, double expected) {
        int hidden = 0;
        int draws = 0;
        for (long index = 0; index < 500; index++) {
            MaskPlan plan = scheme.plan(Batches.zeros(index, 8, IBL), 11);
            hidden += plan.targetCount("choice") + plan.targetCount("block");
            draws += 16;
        }
        // 8000 Bernoulli draws: sd ≤ 0.0056; allow about 5 sd
        assertEquals(expected, hidden / (double) draws, 0.028);
    }

    @Test
    void neverHidesStaticTokensAtProbabilityZero() {
        MaskPlan plan = Batches.scheme("self-modality", "masking.self-modality.static-probability = 0")
                .plan(Batches.zeros(0, 8, IBL), 1);
        assertEquals(0, plan.hiddenCount("choice") + plan.hiddenCount("block"));
    }

    @Test
    void aBatchOfStaticModalitiesAloneKeepsOneVisibleEvenAtProbabilityOne() {
        MaskingScheme scheme = Batches.scheme("self-modality", "masking.self-modality.static-probability = 1");
        int choiceShown = 0;
        int trials = 0;
        for (long index = 0; index < 500; index++) {
            MaskPlan plan = scheme.plan(Batches.zeros(index, 8, List.of(CHOICE, BLOCK)), 3);
            for (int trial = 0; trial < 8; trial++) {
                boolean choice = plan.isHidden("choice", trial, 0);
                boolean block = plan.isHidden("block", trial, 0);
                assertTrue(choice ^ block, "exactly one of the two stays visible");
                choiceShown += choice ? 0 : 1;
                trials++;
            }
        }
        assertEquals(0.5, choiceShown / (double) trials, 0.03);
    }

    @Test
    void worksOnASingleNeuralModality() {
        MaskPlan plan = Batches.scheme("self-modality").plan(Batches.zeros(0, 4, List.of(SPIKES)), 1);
        for (int trial = 0; trial < 4; trial++) {
            assertEquals(30, Batches.hiddenInTrial(plan, "spikes", trial));
        }
    }

    @Test
    void aOneTokenDynamicModalityFollowsTheStaticRule() {
        var scalar = ModalitySpec.dynamicBehaviour("reaction-time", 1);
        MaskingScheme scheme = Batches.scheme("self-modality", "masking.self-modality.static-probability = 1");
        MaskPlan plan = scheme.plan(Batches.zeros(0, 4, List.of(WHEEL, scalar)), 1);
        for (int trial = 0; trial < 4; trial++) {
            assertTrue(plan.isTarget("reaction-time", trial, 0));
            assertFalse(Batches.hiddenInTrial(plan, "wheel", trial) == 100);
        }
    }
}
