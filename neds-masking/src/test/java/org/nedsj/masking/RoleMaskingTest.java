package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nedsj.masking.Batches.BLOCK;
import static org.nedsj.masking.Batches.CHOICE;
import static org.nedsj.masking.Batches.IBL;
import static org.nedsj.masking.Batches.LFP;
import static org.nedsj.masking.Batches.SPIKES;
import static org.nedsj.masking.Batches.WHEEL;
import static org.nedsj.masking.Batches.WHISKER;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;

class RoleMaskingTest {

    /** Every token of every trial: hidden and target exactly when {@code hiddenRole} matches. */
    private static void assertRoleMasked(MaskPlan plan, List<ModalitySpec> modalities, ModalitySpec.Role hiddenRole) {
        for (ModalitySpec m : modalities) {
            boolean expected = m.role() == hiddenRole;
            for (int trial = 0; trial < plan.size(); trial++) {
                for (int k = 0; k < m.tokensPerTrial(); k++) {
                    assertEquals(expected, plan.isHidden(m.name(), trial, k), m.name() + " trial " + trial + " token " + k);
                    assertEquals(expected, plan.isTarget(m.name(), trial, k), m.name() + " trial " + trial + " token " + k);
                }
            }
        }
    }

    @Test
    void encodingHidesAndScoresEveryNeuralTokenAndNothingElse() {
        MaskPlan plan = Batches.scheme("encoding").plan(Batches.zeros(3, 4, IBL), 42);
        assertRoleMasked(plan, IBL, ModalitySpec.Role.NEURAL);
        assertEquals(400, plan.hiddenCount("spikes"));
        assertEquals(400, plan.targetCount("spikes"));
        assertEquals(0, plan.hiddenCount("wheel") + plan.hiddenCount("whisker") + plan.hiddenCount("choice") + plan.hiddenCount("block"));
        for (int trial = 0; trial < 4; trial++) {
            assertEquals("encoding", plan.scheme(trial));
        }
    }

    @Test
    void decodingHidesAndScoresEveryBehaviouralTokenStaticOnesIncluded() {
        MaskPlan plan = Batches.scheme("decoding").plan(Batches.zeros(3, 4, IBL), 42);
        assertRoleMasked(plan, IBL, ModalitySpec.Role.BEHAVIOURAL);
        assertEquals(0, plan.hiddenCount("spikes"));
        assertEquals(400, plan.targetCount("wheel"));
        assertEquals(400, plan.targetCount("whisker"));
        assertEquals(4, plan.targetCount("choice"));
        assertEquals(4, plan.targetCount("block"));
    }

    @Test
    void aPluginModalityDeclaredNeuralIsMaskedWithSpikes() {
        var modalities = List.of(SPIKES, LFP, WHEEL, CHOICE);
        var batch = Batches.zeros(0, 4, modalities);
        assertRoleMasked(Batches.scheme("encoding").plan(batch, 1), modalities, ModalitySpec.Role.NEURAL);
        assertRoleMasked(Batches.scheme("decoding").plan(batch, 1), modalities, ModalitySpec.Role.BEHAVIOURAL);
    }

    @Test
    void encodingWithoutBehaviourFailsNamingWhatIsMissing() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Batches.scheme("encoding").plan(Batches.zeros(5, 4, List.of(SPIKES, LFP)), 1));
        assertTrue(e.getMessage().contains("'encoding'"), e.getMessage());
        assertTrue(e.getMessage().contains("no behavioural modality"), e.getMessage());
        assertTrue(e.getMessage().contains("[spikes, lfp]"), e.getMessage());
    }

    @Test
    void decodingWithoutBehaviourFailsRatherThanPlanningNothing() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Batches.scheme("decoding").plan(Batches.zeros(5, 4, List.of(SPIKES)), 1));
        assertTrue(e.getMessage().contains("'decoding' predicts behavioural modalities"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing to score"), e.getMessage());
    }

    @Test
    void bothFailOnABatchWithoutNeuralModalities() {
        var behaviourOnly = Batches.zeros(0, 4, List.of(WHEEL, WHISKER, CHOICE, BLOCK));
        var encoding = assertThrows(IllegalArgumentException.class, () -> Batches.scheme("encoding").plan(behaviourOnly, 1));
        assertTrue(encoding.getMessage().contains("nothing to score"), encoding.getMessage());
        var decoding = assertThrows(IllegalArgumentException.class, () -> Batches.scheme("decoding").plan(behaviourOnly, 1));
        assertTrue(decoding.getMessage().contains("no neural modality"), decoding.getMessage());
    }

    @Test
    void ignoresTheSeed() {
        var batch = Batches.zeros(9, 8, IBL);
        var encoding = Batches.scheme("encoding");
        assertEquals(Batches.fingerprint(encoding.plan(batch, 1)), Batches.fingerprint(encoding.plan(batch, 2)));
    }
}
