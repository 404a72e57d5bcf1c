package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nedsj.masking.Batches.BLOCK;
import static org.nedsj.masking.Batches.CHOICE;
import static org.nedsj.masking.Batches.IBL;
import static org.nedsj.masking.Batches.LFP;
import static org.nedsj.masking.Batches.SPIKES;
import static org.nedsj.masking.Batches.WHEEL;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.ModalitySpec;

/**
 * Every scheme on every batch shape: either a valid plan on every draw (no target visible, no trial
 * wholly hidden, something scored) or a clear failure, as the table below says.
 */
class InvariantsTest {

    private static final Map<String, List<ModalitySpec>> SHAPES = Map.of(
            "ibl", IBL,
            "spikes-only", List.of(SPIKES),
            "neural-only", List.of(SPIKES, LFP),
            "wheel-only", List.of(WHEEL),
            "choice-only", List.of(CHOICE),
            "static-only", List.of(CHOICE, BLOCK),
            "spikes-and-choice", List.of(SPIKES, CHOICE));

    /** Which scheme fails on which shape; every other pair must plan. */
    private static final Map<String, List<String>> FAILS_ON = Map.of(
            "encoding", List.of("spikes-only", "neural-only", "wheel-only", "choice-only", "static-only"),
            "decoding", List.of("spikes-only", "neural-only", "wheel-only", "choice-only", "static-only"),
            "self-modality", List.of("choice-only"),
            "cross-modality", List.of("spikes-only", "wheel-only", "choice-only"),
            "random-token", List.of("choice-only"),
            "mixed", List.of("spikes-only", "neural-only", "wheel-only", "choice-only", "static-only"));

    static Stream<Arguments> schemesAndShapes() {
        return FAILS_ON.keySet().stream().sorted()
                .flatMap(scheme -> SHAPES.keySet().stream().sorted().map(shape -> Arguments.of(scheme, shape)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("schemesAndShapes")
    void plansValidlyOrFailsClearly(String schemeName, String shape) {
        // static-probability 1 pushes the one-token rule to its corner: everything would be hidden
        for (String overrides : List.of("", "masking { self-modality.static-probability = 1, random-token.static-probability = 1 }")) {
            MaskingScheme scheme = Batches.scheme(schemeName, overrides);
            List<ModalitySpec> modalities = SHAPES.get(shape);
            if (FAILS_ON.get(schemeName).contains(shape)) {
                var e = assertThrows(IllegalArgumentException.class, () -> scheme.plan(Batches.zeros(0, 4, modalities), 1));
                assertTrue(e.getMessage().contains("'"), "the message names the scheme: " + e.getMessage());
                continue;
            }
            int scored = 0;
            for (long index = 0; index < 100; index++) {
                scored += assertValid(scheme.plan(Batches.zeros(index, 4, modalities), 42), modalities);
            }
            assertTrue(scored > 0, "nothing scored in 100 batches");
        }
    }

    /** @return the number of targets */
    private static int assertValid(MaskPlan plan, List<ModalitySpec> modalities) {
        assertEquals(4, plan.size());
        int total = modalities.stream().mapToInt(ModalitySpec::tokensPerTrial).sum();
        int scored = 0;
        for (int trial = 0; trial < 4; trial++) {
            int hidden = 0;
            for (ModalitySpec m : modalities) {
                for (int k = 0; k < m.tokensPerTrial(); k++) {
                    boolean h = plan.isHidden(m.name(), trial, k);
                    boolean t = plan.isTarget(m.name(), trial, k);
                    assertFalse(t && !h, "target visible: " + m.name() + " trial " + trial + " token " + k);
                    hidden += h ? 1 : 0;
                    scored += t ? 1 : 0;
                }
            }
            assertTrue(hidden < total, "trial " + trial + " wholly hidden by " + plan.scheme(trial));
        }
        return scored;
    }
}
