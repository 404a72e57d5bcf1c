package org.nedsj.masking;

import org.nedsj.spi.Batch;

/**
 * {@code self-modality}: within every modality of every trial, a share of its tokens is hidden and
 * scored, to be predicted from the rest of that modality and from the other modalities. Temporal
 * modalities lose exactly {@link TemporalWindows#hiddenCount} bins in runs of consecutive bins, laid
 * out independently per modality; one-token (static) modalities are hidden with their own
 * probability ({@link OneTokenDraw}).
 *
 * <p>Works on any batch whose trials have more than one token: one modality alone, neural modalities
 * alone, static ones alone (at least two). A trial of a single token cannot be partly hidden, so
 * planning such a batch throws an {@link IllegalArgumentException}.
 */
public final class SelfModalityMasking extends TrialwiseMasking {

    public static final String NAME = "self-modality";

    private final double ratio;
    private final TemporalWindows windows;
    private final OneTokenDraw oneToken;

    public SelfModalityMasking(double ratio, TemporalWindows windows, double staticProbability) {
        this.ratio = ratio;
        this.windows = windows;
        this.oneToken = new OneTokenDraw(staticProbability);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    TrialPlanner planner(Batch batch) {
        var modalities = new BatchModalities(batch.modalities());
        modalities.requireMoreThanOneToken(NAME, batch.index());
        var layout = new TemporalWindows.Layout(modalities.maxTokens());
        boolean[] oneTokenHidden = new boolean[modalities.oneTokenCount()];
        return (rng, trial, plan) -> {
            for (int m = 0; m < modalities.temporalCount(); m++) {
                int bins = modalities.temporalTokens(m);
                windows.hide(rng, bins, TemporalWindows.hiddenCount(ratio, bins), layout);
                String name = modalities.temporalName(m);
                for (int bin = 0; bin < bins; bin++) {
                    if (layout.isHidden(bin)) {
                        plan.mask(name, trial, bin);
                    }
                }
            }
            oneToken.draw(rng, oneTokenHidden.length, modalities.temporalCount() > 0, oneTokenHidden);
            for (int m = 0; m < oneTokenHidden.length; m++) {
                if (oneTokenHidden[m]) {
                    plan.mask(modalities.oneTokenName(m), trial, 0);
                }
            }
        };
    }

    @Override
    public String toString() {
        return NAME + "[ratio " + ratio + ", " + windows + ", static " + oneToken.probability() + "]";
    }
}
