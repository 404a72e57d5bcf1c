package org.nedsj.masking;

import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

/**
 * {@code random-token}, temporal masking: per trial, runs of consecutive time bins are hidden and
 * scored in every temporal modality at once (the same bins in spikes, wheel, whisker...), so the
 * model fills whole moments in from the moments around them. The bins hidden are exactly
 * {@link TemporalWindows#hiddenCount} of the trial's time axis (the longest temporal modality).
 * A modality with fewer tokens maps each token to the bin at its centre: token k of a modality with
 * T tokens, on an axis of A bins, is hidden when bin ⌊(2k+1)·A / 2T⌋ is. One-token (static)
 * modalities follow {@link OneTokenDraw}.
 *
 * <p>Works on any batch whose trials have more than one token; with no temporal modality only the
 * one-token rule applies. A trial of a single token cannot be partly hidden, so planning such a
 * batch throws an {@link IllegalArgumentException}.
 */
public final class RandomTokenMasking extends TrialwiseMasking {

    public static final String NAME = "random-token";

    private final double ratio;
    private final TemporalWindows windows;
    private final OneTokenDraw oneToken;

    public RandomTokenMasking(double ratio, TemporalWindows windows, double staticProbability) {
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
        int axis = modalities.maxTokens();
        var layout = new TemporalWindows.Layout(axis);
        boolean[] oneTokenHidden = new boolean[modalities.oneTokenCount()];
        boolean temporal = modalities.temporalCount() > 0;
        return (rng, trial, plan) -> {
            if (temporal) {
                windows.hide(rng, axis, TemporalWindows.hiddenCount(ratio, axis), layout);
                maskTemporal(modalities, layout, axis, trial, plan);
            }
            oneToken.draw(rng, oneTokenHidden.length, temporal, oneTokenHidden);
            for (int m = 0; m < oneTokenHidden.length; m++) {
                if (oneTokenHidden[m]) {
                    plan.mask(modalities.oneTokenName(m), trial, 0);
                }
            }
        };
    }

    private static void maskTemporal(BatchModalities modalities, TemporalWindows.Layout layout, int axis,
                                     int trial, MaskPlan.Builder plan) {
        for (int m = 0; m < modalities.temporalCount(); m++) {
            String name = modalities.temporalName(m);
            int tokens = modalities.temporalTokens(m);
            for (int k = 0; k < tokens; k++) {
                if (layout.isHidden(centreBin(k, tokens, axis))) {
                    plan.mask(name, trial, k);
                }
            }
        }
    }

    /** The axis bin at the centre of token {@code k} of a modality with {@code tokens} tokens. */
    static int centreBin(int k, int tokens, int axis) {
        return (int) ((2L * k + 1) * axis / (2L * tokens));
    }

    @Override
    public String toString() {
        return NAME + "[ratio " + ratio + ", " + windows + ", static " + oneToken.probability() + "]";
    }
}
