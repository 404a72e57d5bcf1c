package org.nedsj.masking;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nedsj.spi.Batch;
import org.nedsj.spi.ModalitySpec;

/**
 * {@code cross-modality}: per trial, whole modalities are hidden and scored, to be predicted from the
 * remaining ones. The number hidden is drawn uniformly between {@code minHidden} and
 * {@code min(maxHidden, modalities − 1)}, then that many modalities uniformly among the batch's;
 * at least one modality always stays visible.
 *
 * <p>A batch with a single modality cannot be planned (there is nothing to predict it from), nor one
 * with fewer than {@code minHidden + 1} modalities: planning throws an {@link IllegalArgumentException}.
 */
public final class CrossModalityMasking extends TrialwiseMasking {

    public static final String NAME = "cross-modality";

    /** {@code maxHidden} meaning "all modalities but one", whatever the batch has. */
    public static final int ALL_BUT_ONE = Integer.MAX_VALUE;

    private final int minHidden;
    private final int maxHidden;

    /**
     * @param minHidden fewest modalities hidden per trial, ≥ 1
     * @param maxHidden most modalities hidden per trial, ≥ minHidden; capped at all but one
     */
    public CrossModalityMasking(int minHidden, int maxHidden) {
        if (minHidden < 1 || maxHidden < minHidden) {
            throw new IllegalArgumentException("cross-modality needs 1 ≤ min-hidden ≤ max-hidden, got "
                    + minHidden + " and " + maxHidden);
        }
        this.minHidden = minHidden;
        this.maxHidden = maxHidden;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    TrialPlanner planner(Batch batch) {
        List<ModalitySpec> modalities = batch.modalities();
        int count = modalities.size();
        requireEnough(batch, count);
        int most = Math.min(maxHidden, count - 1);
        boolean[] chosen = new boolean[count];
        return (rng, trial, plan) -> {
            int hidden = minHidden + rng.nextInt(most - minHidden + 1);
            choose(rng, count, hidden, chosen);
            for (int m = 0; m < count; m++) {
                if (chosen[m]) {
                    plan.maskAll(modalities.get(m).name(), trial);
                }
            }
        };
    }

    private void requireEnough(Batch batch, int count) {
        if (count < minHidden + 1) {
            var names = modalities(batch);
            throw new IllegalArgumentException("masking scheme 'cross-modality' hides at least " + minHidden
                    + " whole modalit" + (minHidden == 1 ? "y" : "ies") + " per trial and keeps one visible, but batch "
                    + batch.index() + " has " + count + " (" + names + "). "
                    + (count < 2 ? "Add a modality to the data or use self-modality or random-token."
                                 : "Lower masking.cross-modality.min-hidden to at most " + (count - 1) + "."));
        }
    }

    private static List<String> modalities(Batch batch) {
        return batch.modalities().stream().map(ModalitySpec::name).toList();
    }

    /** A uniform {@code k}-subset of {@code n} (Floyd's algorithm) into {@code chosen}. */
    private static void choose(SplittableRandom rng, int n, int k, boolean[] chosen) {
        Arrays.fill(chosen, false);
        for (int j = n - k; j < n; j++) {
            int t = rng.nextInt(j + 1);
            chosen[chosen[t] ? j : t] = true;
        }
    }

    @Override
    public String toString() {
        return NAME + "[hides " + minHidden + " to " + (maxHidden == ALL_BUT_ONE ? "all but one" : maxHidden)
                + " modalities]";
    }
}
