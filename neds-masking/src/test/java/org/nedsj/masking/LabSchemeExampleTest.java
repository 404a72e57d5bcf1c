package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.example.lab.RegionMaskingPlugin;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.ModalitySpec;

/** The README's lab plugin, named in masking.mixed.schemes beside built-in schemes. */
class LabSchemeExampleTest {

    private static final List<ModalitySpec> REGIONS = List.of(
            ModalitySpec.neuralCounts("spikes-ca1", 100),
            ModalitySpec.neuralCounts("spikes-po", 100),
            ModalitySpec.neuralCounts("spikes-visp", 100),
            Batches.WHEEL, Batches.CHOICE);

    private static MaskingScheme mixed(String overrides) {
        var masking = Batches.masking("masking.region.count = 1\n" + overrides);
        var region = new RegionMaskingPlugin().maskingSchemes().get(0);
        return new Batches.Catalog(masking, region).create("mixed");
    }

    @Test
    void aLabSchemeIsDrawnAtItsWeightAndHidesWholeRegions() {
        MaskingScheme mixed = mixed("masking.mixed { schemes = [decoding, region], weights = [1, 3] }");
        int regionTrials = 0;
        for (long index = 0; index < 250; index++) {
            MaskPlan plan = mixed.plan(Batches.zeros(index, 8, REGIONS), 42);
            for (int trial = 0; trial < 8; trial++) {
                if (plan.scheme(trial).equals("region")) {
                    regionTrials++;
                    int hiddenRegions = 0;
                    for (String m : List.of("spikes-ca1", "spikes-po", "spikes-visp")) {
                        int n = Batches.hiddenInTrial(plan, m, trial);
                        assertTrue(n == 0 || n == 100);
                        hiddenRegions += n == 100 ? 1 : 0;
                    }
                    assertEquals(1, hiddenRegions);
                    assertEquals(0, Batches.hiddenInTrial(plan, "wheel", trial));
                } else {
                    assertEquals("decoding", plan.scheme(trial));
                    assertEquals(100, Batches.hiddenInTrial(plan, "wheel", trial));
                }
            }
        }
        // 2000 trials at 3/4: sd ≈ 0.0097
        assertEquals(0.75, regionTrials / 2000.0, 0.045);
    }

    @Test
    void aLabSchemeThatCannotPlanTheBatchIsReportedOnTheFirstBatch() {
        MaskingScheme mixed = mixed("masking.mixed { schemes = [self-modality, region], weights = [1000000, 1] }");
        var e = assertThrows(IllegalArgumentException.class,
                () -> mixed.plan(Batches.zeros(0, 8, List.of(Batches.SPIKES, Batches.WHEEL)), 42));
        assertTrue(e.getMessage().contains("masking.mixed.schemes includes 'region'"), e.getMessage());
        assertTrue(e.getMessage().contains("lower masking.region.count"), e.getMessage());
    }
}
