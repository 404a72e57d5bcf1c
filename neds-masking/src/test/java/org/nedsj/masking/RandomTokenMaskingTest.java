package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class RandomTokenMaskingTest {

    @Test
    void hidesTheSameBinsInEveryTemporalModality() {
        MaskingScheme scheme = Batches.scheme("random-token");
        for (long index = 0; index < 50; index++) {
            MaskPlan plan = scheme.plan(Batches.zeros(index, 8, IBL), 42);
            for (int trial = 0; trial < 8; trial++) {
                boolean[] spikes = Batches.hiddenRow(plan, "spikes", trial);
                assertArrayEquals(spikes, Batches.hiddenRow(plan, "wheel", trial));
                assertArrayEquals(spikes, Batches.hiddenRow(plan, "whisker", trial));
                assertEquals(30, Batches.hiddenInTrial(plan, "spikes", trial));
            }
        }
    }

    @Test
    void hidesConsecutiveRunsWithinTheConfiguredLengths() {
        MaskingScheme scheme = Batches.scheme("random-token", "masking.random-token { window-min = 5, window-max = 10 }");
        int runs = 0;
        int trials = 0;
        for (long index = 0; index < 100; index++) {
            MaskPlan plan = scheme.plan(Batches.zeros(index, 8, IBL), 42);
            for (int trial = 0; trial < 8; trial++) {
                var trialRuns = Batches.runs(Batches.hiddenRow(plan, "spikes", trial));
                assertTrue(trialRuns.stream().allMatch(r -> r[1] <= 10), "a run is longer than window-max");
                assertTrue(trialRuns.stream().filter(r -> r[1] < 5).count() <= 1, "more than one short run");
                assertTrue(trialRuns.size() >= 3 && trialRuns.size() <= 6, "runs: " + trialRuns.size());
                runs += trialRuns.size();
                trials++;
            }
        }
        // mean run length drawn is 7.5, so 30 bins take about 4.0–4.5 runs per trial
        double mean = runs / (double) trials;
        assertTrue(mean > 3.8 && mean < 4.8, "mean runs per trial " + mean);
    }

    @Test
    void everyBinIsHiddenAtAboutTheRatio() {
        MaskingScheme scheme = Batches.scheme("random-token");
        int[] hidden = new int[100];
        int trials = 0;
        for (long index = 0; index < 500; index++) {
            MaskPlan plan = scheme.plan(Batches.zeros(index, 8, List.of(SPIKES)), 9);
            for (int trial = 0; trial < 8; trial++) {
                for (int k = 0; k < 100; k++) {
                    hidden[k] += plan.isHidden("spikes", trial, k) ? 1 : 0;
                }
                trials++;
            }
        }
        // interior bins: 4000 trials at ≈ 0.3, sd ≈ 0.007 (runs correlate neighbours, not single bins)
        for (int k = 10; k < 90; k++) {
            assertEquals(0.3, hidden[k] / (double) trials, 0.05, "bin " + k);
        }
    }

    @Test
    void mapsAShorterModalityOntoTheTimeAxisByTokenCentres() {
        var wheelAt50 = ModalitySpec.dynamicBehaviour("wheel", 50);
        var modalities = List.of(SPIKES, wheelAt50);
        MaskPlan plan = Batches.scheme("random-token").plan(Batches.zeros(0, 8, modalities), 5);
        for (int trial = 0; trial < 8; trial++) {
            for (int k = 0; k < 50; k++) {
                // token k of 50 covers bins 2k and 2k+1 of 100; its centre bin is ⌊(2k+1)·100/100⌋ = 2k+1
                assertEquals(plan.isHidden("spikes", trial, 2 * k + 1), plan.isHidden("wheel", trial, k), "token " + k);
            }
        }
        assertEquals(3, RandomTokenMasking.centreBin(1, 50, 100));
        assertEquals(0, RandomTokenMasking.centreBin(0, 3, 4));   // ⌊1·4/6⌋
        assertEquals(2, RandomTokenMasking.centreBin(1, 3, 4));   // ⌊3·4/6⌋
        assertEquals(3, RandomTokenMasking.centreBin(2, 3, 4));   // ⌊5·4/6⌋
    }

    @Test
    void hidesStaticTokensByTheirOwnRule() {
        SelfModalityMaskingTest.assertStaticRate(Batches.scheme("random-token"), 0.3);
        SelfModalityMaskingTest.assertStaticRate(
                Batches.scheme("random-token", "masking.random-token.static-probability = 0.05"), 0.05);
    }

    @Test
    void aBatchOfStaticModalitiesAloneKeepsOneVisible() {
        MaskingScheme scheme = Batches.scheme("random-token", "masking.random-token.static-probability = 1");
        MaskPlan plan = scheme.plan(Batches.zeros(0, 8, List.of(CHOICE, BLOCK)), 3);
        for (int trial = 0; trial < 8; trial++) {
            assertTrue(plan.isHidden("choice", trial, 0) ^ plan.isHidden("block", trial, 0));
        }
    }

    @Test
    void aWheelOnlyBatchIsMaskedInTime() {
        MaskPlan plan = Batches.scheme("random-token").plan(Batches.zeros(0, 4, List.of(WHEEL)), 3);
        for (int trial = 0; trial < 4; trial++) {
            assertEquals(30, Batches.hiddenInTrial(plan, "wheel", trial));
        }
    }
}
