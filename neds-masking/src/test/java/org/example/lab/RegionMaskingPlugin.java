package org.example.lab;

import com.typesafe.config.Config;
import java.util.List;
import java.util.SplittableRandom;
import org.nedsj.masking.PlanRandom;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.MaskingSchemeFactory;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.NedsPlugin;

/**
 * The README's example of a lab's masking plugin, compiled and tested here: {@code region} hides,
 * per trial, the spikes of {@code masking.region.count} brain regions, where the lab's data source
 * offers each region's spikes as a neural modality of its own (spikes-ca1, spikes-po, ...).
 * Uses only the public API: neds-spi, plus {@link PlanRandom} from neds-masking.
 */
public final class RegionMaskingPlugin implements NedsPlugin {

    @Override
    public String name() {
        return "region-masking";
    }

    @Override
    public List<MaskingSchemeFactory> maskingSchemes() {
        return List.of(new RegionMaskingFactory());
    }

    /** Reads {@code masking.region.count}, declared in the lab jar's reference.conf. */
    public static final class RegionMaskingFactory implements MaskingSchemeFactory {
        @Override
        public String name() {
            return "region";
        }

        @Override
        public String description() {
            return "hides the spikes of whole brain regions, drawn per trial";
        }

        @Override
        public MaskingScheme create(Config masking, SchemeCatalog schemes) {
            return new RegionMasking(masking.getInt("region.count"));
        }
    }

    static final class RegionMasking implements MaskingScheme {
        private final int count;

        RegionMasking(int count) {
            this.count = count;
        }

        @Override
        public String name() {
            return "region";
        }

        @Override
        public MaskPlan plan(Batch batch, long seed) {
            List<String> regions = batch.modalities().stream()
                    .filter(ModalitySpec::isNeural).map(ModalitySpec::name).toList();
            if (regions.size() <= count) {
                throw new IllegalArgumentException("masking scheme 'region' hides " + count
                        + " region(s) per trial but the batch has neural modalities " + regions
                        + "; lower masking.region.count");
            }
            SplittableRandom rng = PlanRandom.of(seed, batch.index(), name());
            MaskPlan.Builder plan = MaskPlan.builder(batch.size(), batch.modalities(), name());
            for (int trial = 0; trial < batch.size(); trial++) {
                int first = rng.nextInt(regions.size());
                for (int r = 0; r < count; r++) {
                    plan.maskAll(regions.get((first + r) % regions.size()), trial);
                }
            }
            return plan.build();
        }
    }
}
