package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nedsj.masking.Batches.IBL;
import static org.nedsj.masking.Batches.SPIKES;

import com.typesafe.config.Config;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.MaskingSchemeFactory;

class MixedMaskingTest {

    private static final List<String> DEFAULT_MEMBERS =
            List.of("encoding", "decoding", "self-modality", "cross-modality", "random-token");

    /** How often each scheme planned a trial, over {@code batches} batches of 8. */
    private static Map<String, Integer> trialCounts(MaskingScheme mixed, int batches) {
        var counts = new HashMap<String, Integer>();
        for (long index = 0; index < batches; index++) {
            MaskPlan plan = mixed.plan(Batches.zeros(index, 8, IBL), 42);
            for (int trial = 0; trial < 8; trial++) {
                counts.merge(plan.scheme(trial), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void defaultsToEqualWeightsOverTheFiveSchemesDrawnPerTrial() {
        var mixed = (MixedMasking) Batches.scheme("mixed");
        assertEquals(MixedMasking.Draw.TRIAL, mixed.draw());
        assertEquals(DEFAULT_MEMBERS, mixed.members().stream().map(MaskingScheme::name).toList());
        var counts = trialCounts(mixed, 1000);
        for (String name : DEFAULT_MEMBERS) {
            // 8000 trials at 1/5: sd ≈ 0.0045; allow about 5 sd
            assertEquals(0.2, counts.getOrDefault(name, 0) / 8000.0, 0.022, name);
        }
    }

    @Test
    void drawsPerTrialAtTheConfiguredWeights() {
        var mixed = Batches.scheme("mixed", "masking.mixed { schemes = [encoding, decoding, random-token], weights = [6, 3, 1] }");
        var counts = trialCounts(mixed, 1000);
        assertEquals(0.6, counts.get("encoding") / 8000.0, 0.027);
        assertEquals(0.3, counts.get("decoding") / 8000.0, 0.026);
        assertEquals(0.1, counts.get("random-token") / 8000.0, 0.017);
    }

    @Test
    void aZeroWeightSchemeIsNeverDrawn() {
        var mixed = Batches.scheme("mixed", "masking.mixed { schemes = [encoding, decoding], weights = [1, 0] }");
        assertEquals(Map.of("encoding", 800), trialCounts(mixed, 100));
    }

    @Test
    void eachTrialIsTheRowItsSchemePlanned() {
        var mixed = Batches.scheme("mixed");
        Batch batch = Batches.zeros(17, 16, IBL);
        MaskPlan plan = mixed.plan(batch, 42);
        var members = new HashMap<String, MaskPlan>();
        for (String name : DEFAULT_MEMBERS) {
            members.put(name, Batches.scheme(name).plan(batch, 42));
        }
        assertTrue(java.util.stream.IntStream.range(0, 16).mapToObj(plan::scheme).distinct().count() > 1,
                "16 trials should draw more than one scheme");
        for (int trial = 0; trial < 16; trial++) {
            MaskPlan member = members.get(plan.scheme(trial));
            for (String m : plan.modalities()) {
                for (int k = 0; k < plan.tokens(m); k++) {
                    assertEquals(member.isHidden(m, trial, k), plan.isHidden(m, trial, k));
                    assertEquals(member.isTarget(m, trial, k), plan.isTarget(m, trial, k));
                }
            }
        }
    }

    @Test
    void drawsOneSchemePerBatchAtTheConfiguredWeights() {
        var mixed = Batches.scheme("mixed", "masking.mixed { schemes = [encoding, decoding], weights = [3, 1], draw = batch }");
        int encoding = 0;
        for (long index = 0; index < 2000; index++) {
            MaskPlan plan = mixed.plan(Batches.zeros(index, 8, IBL), 42);
            for (int trial = 1; trial < 8; trial++) {
                assertEquals(plan.scheme(0), plan.scheme(trial), "one scheme for the whole batch");
            }
            encoding += plan.scheme(0).equals("encoding") ? 1 : 0;
        }
        // 2000 batches at 3/4: sd ≈ 0.0097
        assertEquals(0.75, encoding / 2000.0, 0.045);
    }

    @Test
    void aLabSchemeNamedInTheListIsBuiltThroughTheCatalogAndDrawn() {
        MaskingSchemeFactory firstHalf = new MaskingSchemeFactory() {
            @Override
            public String name() {
                return "first-half-spikes";
            }

            @Override
            public String description() {
                return "hides the first half of the spike bins";
            }

            @Override
            public MaskingScheme create(Config masking, SchemeCatalog schemes) {
                int bins = masking.getInt("first-half-spikes.bins");
                return new MaskingScheme() {
                    @Override
                    public String name() {
                        return "first-half-spikes";
                    }

                    @Override
                    public MaskPlan plan(Batch batch, long seed) {
                        var plan = MaskPlan.builder(batch.size(), batch.modalities(), name());
                        for (int trial = 0; trial < batch.size(); trial++) {
                            for (int k = 0; k < bins; k++) {
                                plan.mask("spikes", trial, k);
                            }
                        }
                        return plan.build();
                    }
                };
            }
        };
        Config masking = Batches.masking("masking { first-half-spikes.bins = 50, mixed { schemes = [decoding, first-half-spikes] } }");
        MaskingScheme mixed = new Batches.Catalog(masking, firstHalf).create("mixed");
        MaskPlan plan = mixed.plan(Batches.zeros(0, 16, IBL), 42);
        int labTrials = 0;
        for (int trial = 0; trial < 16; trial++) {
            if (plan.scheme(trial).equals("first-half-spikes")) {
                labTrials++;
                assertEquals(50, Batches.hiddenInTrial(plan, "spikes", trial));
                assertTrue(plan.isTarget("spikes", trial, 49));
                assertFalse(plan.isHidden("spikes", trial, 50));
            }
        }
        assertTrue(labTrials > 0 && labTrials < 16, "lab trials: " + labTrials);
    }

    @Test
    void aMemberThatCannotPlanTheBatchFailsOnTheFirstBatchEvenIfNotDrawn() {
        // per batch, with decoding's weight tiny: the first batch almost surely draws self-modality,
        // yet decoding's inability to plan a spikes-only batch is reported at once
        var mixed = Batches.scheme("mixed",
                "masking.mixed { schemes = [self-modality, decoding], weights = [1000000, 1], draw = batch }");
        var e = assertThrows(IllegalArgumentException.class, () -> mixed.plan(Batches.zeros(0, 8, List.of(SPIKES)), 42));
        assertTrue(e.getMessage().contains("masking.mixed.schemes includes 'decoding'"), e.getMessage());
        assertTrue(e.getMessage().contains("has none (it has [spikes])"), e.getMessage());
    }

    @Test
    void aSpikesOnlyBatchIsPlannedWhenEveryMemberCanPlanIt() {
        var mixed = Batches.scheme("mixed", "masking.mixed.schemes = [self-modality, random-token]");
        MaskPlan plan = mixed.plan(Batches.zeros(0, 8, List.of(SPIKES)), 42);
        for (int trial = 0; trial < 8; trial++) {
            assertEquals(30, Batches.hiddenInTrial(plan, "spikes", trial));
        }
    }

    @Test
    void anUnknownSchemeNameFailsAtCreationNamingTheEntry() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Batches.scheme("mixed", "masking.mixed.schemes = [encoding, region]"));
        assertTrue(e.getMessage().startsWith("masking.mixed.schemes[1] = region: no masking scheme named region"), e.getMessage());
    }

    @Test
    void rejectsBadListsWithTheKeyAndTheFix() {
        assertMessage("masking.mixed.weights = [1, 2]", "masking.mixed.weights = [1,2]", "one weight per scheme");
        assertMessage("masking.mixed.weights = [1, 1, -1, 1, 1]", "masking.mixed.weights", "finite and ≥ 0");
        assertMessage("masking.mixed.weights = [0, 0, 0, 0, 0]", "masking.mixed.weights", "at least one scheme");
        assertMessage("masking.mixed.schemes = []", "masking.mixed.schemes", "name at least one");
        assertMessage("masking.mixed.schemes = [encoding, mixed]", "masking.mixed.schemes", "names mixed itself");
        assertMessage("masking.mixed.draw = epoch", "masking.mixed.draw = \"epoch\"", "trial");
    }

    private static void assertMessage(String override, String key, String fix) {
        var e = assertThrows(IllegalArgumentException.class, () -> Batches.scheme("mixed", override));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(fix), e.getMessage());
    }

    @Test
    void aSingleDrawnSchemeIsReturnedAsItsOwnPlan() {
        var mixed = Batches.scheme("mixed", "masking.mixed.schemes = [encoding]");
        MaskPlan plan = mixed.plan(Batches.zeros(0, 8, IBL), 42);
        assertEquals(800, plan.targetCount("spikes"));
        assertEquals("encoding", plan.scheme(7));
    }
}
