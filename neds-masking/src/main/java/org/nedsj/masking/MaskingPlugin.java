package org.nedsj.masking;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.MaskingSchemeFactory;
import org.nedsj.spi.MaskingSchemeFactory.SchemeCatalog;
import org.nedsj.spi.NedsPlugin;

/**
 * The built-in masking schemes, registered like any lab's plugin through
 * {@code META-INF/services/org.nedsj.spi.NedsPlugin}: {@code encoding}, {@code decoding},
 * {@code self-modality}, {@code cross-modality}, {@code random-token} and {@code mixed}.
 */
public final class MaskingPlugin implements NedsPlugin {

    @Override
    public String name() {
        return "masking";
    }

    @Override
    public List<MaskingSchemeFactory> maskingSchemes() {
        return List.of(
                new SchemeFactory("encoding",
                        "behaviour -> neural activity: every neural token hidden and scored",
                        (masking, schemes) -> RoleMasking.encoding()),
                new SchemeFactory("decoding",
                        "neural activity -> behaviour: every behavioural token hidden and scored",
                        (masking, schemes) -> RoleMasking.decoding()),
                new SchemeFactory(SelfModalityMasking.NAME,
                        "a share of each modality hidden in time windows, predicted from the rest",
                        (masking, schemes) -> selfModality(new MaskingSettings(masking))),
                new SchemeFactory(CrossModalityMasking.NAME,
                        "whole modalities, drawn per trial, hidden and predicted from the others",
                        (masking, schemes) -> crossModality(new MaskingSettings(masking))),
                new SchemeFactory(RandomTokenMasking.NAME,
                        "temporal masking: runs of time bins hidden across all modalities",
                        (masking, schemes) -> randomToken(new MaskingSettings(masking))),
                new SchemeFactory(MixedMasking.NAME,
                        "one of several schemes drawn per trial (or per batch) with configured weights",
                        MaskingPlugin::mixed));
    }

    private static MaskingScheme selfModality(MaskingSettings settings) {
        String scheme = SelfModalityMasking.NAME;
        return new SelfModalityMasking(settings.ratio(), settings.windows(scheme), settings.staticProbability(scheme));
    }

    private static MaskingScheme crossModality(MaskingSettings settings) {
        int min = settings.minHidden();
        return new CrossModalityMasking(min, settings.maxHidden(min));
    }

    private static MaskingScheme randomToken(MaskingSettings settings) {
        String scheme = RandomTokenMasking.NAME;
        return new RandomTokenMasking(settings.ratio(), settings.windows(scheme), settings.staticProbability(scheme));
    }

    private static MaskingScheme mixed(Config masking, SchemeCatalog catalog) {
        var settings = new MaskingSettings(masking);
        List<String> names = settings.mixedSchemes();
        double[] weights = settings.mixedWeights(names.size());
        var members = new ArrayList<MaskingScheme>();
        for (int i = 0; i < names.size(); i++) {
            try {
                members.add(catalog.create(names.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("masking.mixed.schemes[" + i + "] = " + names.get(i) + ": "
                        + e.getMessage(), e);
            }
        }
        return new MixedMasking(members, weights, settings.mixedDraw());
    }
}
