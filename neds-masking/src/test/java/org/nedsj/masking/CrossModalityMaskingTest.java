package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nedsj.masking.Batches.IBL;
import static org.nedsj.masking.Batches.SPIKES;
import static org.nedsj.masking.Batches.WHEEL;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.ModalitySpec;

class CrossModalityMaskingTest {

    /** Per trial, which of the batch's modalities are wholly hidden; fails if one is partly hidden. */
    private static boolean[] wholeModalitiesHidden(MaskPlan plan, List<ModalitySpec> modalities, int trial) {
        boolean[] hidden = new boolean[modalities.size()];
        for (int m = 0; m < modalities.size(); m++) {
            String name = modalities.get(m).name();
            int n = Batches.hiddenInTrial(plan, name, trial);
            assertTrue(n == 0 || n == plan.tokens(name), name + " partly hidden: " + n);
            int targets = 0;
            for (int k = 0; k < plan.tokens(name); k++) {
                targets += plan.isTarget(name, trial, k) ? 1 : 0;
            }
            assertEquals(n, targets, "every hidden token is a target");
            hidden[m] = n > 0;
        }
        return hidden;
    }

    @Test
    void hidesOneToAllButOneWholeModalitiesUniformlyByCount() {
        MaskingScheme scheme = Batches.scheme("cross-modality");
        int[] byCount = new int[6];
        int[] byModality = new int[5];
        int trials = 0;
        for (long index = 0; index < 500; index++) {
            MaskPlan plan = scheme.plan(Batches.zeros(index, 8, IBL), 42);
            for (int trial = 0; trial < 8; trial++) {
                boolean[] hidden = wholeModalitiesHidden(plan, IBL, trial);
                int count = 0;
                for (int m = 0; m < 5; m++) {
                    count += hidden[m] ? 1 : 0;
                    byModality[m] += hidden[m] ? 1 : 0;
                }
                byCount[count]++;
                trials++;
            }
        }
        assertEquals(0, byCount[0]);
        assertEquals(0, byCount[5]);
        for (int count = 1; count <= 4; count++) {
            // uniform over 1..4: 1/4 each; 4000 trials, sd ≈ 0.0068
            assertEquals(0.25, byCount[count] / (double) trials, 0.03, "trials hiding " + count);
        }
        for (int m = 0; m < 5; m++) {
            // E[count]/5 = 2.5/5 = 0.5 for every modality
            assertEquals(0.5, byModality[m] / (double) trials, 0.03, IBL.get(m).name());
        }
    }

    @Test
    void hidesExactlyTheConfiguredNumberWhenMinEqualsMax() {
        MaskingScheme scheme = Batches.scheme("cross-modality", "masking.cross-modality { min-hidden = 2, max-hidden = 2 }");
        MaskPlan plan = scheme.plan(Batches.zeros(0, 8, IBL), 1);
        for (int trial = 0; trial < 8; trial++) {
            boolean[] hidden = wholeModalitiesHidden(plan, IBL, trial);
            int count = 0;
            for (boolean h : hidden) {
                count += h ? 1 : 0;
            }
            assertEquals(2, count);
        }
    }

    @Test
    void withTwoModalitiesHidesExactlyOneOfThem() {
        var modalities = List.of(SPIKES, WHEEL);
        MaskPlan plan = Batches.scheme("cross-modality").plan(Batches.zeros(0, 8, modalities), 1);
        for (int trial = 0; trial < 8; trial++) {
            boolean[] hidden = wholeModalitiesHidden(plan, modalities, trial);
            assertTrue(hidden[0] ^ hidden[1]);
        }
    }

    @Test
    void aSingleModalityBatchFailsWithAClearMessage() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Batches.scheme("cross-modality").plan(Batches.zeros(4, 8, List.of(SPIKES)), 1));
        assertTrue(e.getMessage().contains("'cross-modality'"), e.getMessage());
        assertTrue(e.getMessage().contains("batch 4 has 1 ([spikes])"), e.getMessage());
    }

    @Test
    void tooFewModalitiesForMinHiddenNamesTheKey() {
        var scheme = Batches.scheme("cross-modality", "masking.cross-modality.min-hidden = 2");
        var e = assertThrows(IllegalArgumentException.class,
                () -> scheme.plan(Batches.zeros(0, 8, List.of(SPIKES, WHEEL)), 1));
        assertTrue(e.getMessage().contains("masking.cross-modality.min-hidden"), e.getMessage());
    }
}
