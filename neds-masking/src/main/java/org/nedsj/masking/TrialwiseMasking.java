package org.nedsj.masking;

import java.util.SplittableRandom;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;

/**
 * A scheme that plans a batch trial by trial, each trial from its own random stream
 * ({@link PlanRandom#of(long, long, int, String)}). A trial's row therefore does not depend on the
 * other trials, which lets {@link MixedMasking} have each member plan only the trials that drew it,
 * straight into the mixed plan, with the very rows the member's own plan would have.
 */
abstract class TrialwiseMasking implements MaskingScheme {

    /** Plans the trials of one batch; holds that batch's working arrays, so use it on one thread. */
    interface TrialPlanner {
        void plan(SplittableRandom rng, int trial, MaskPlan.Builder plan);
    }

    /**
     * Checks that the batch's modalities can be planned and prepares a planner for it.
     *
     * @throws IllegalArgumentException saying what the batch lacks and what to change
     */
    abstract TrialPlanner planner(Batch batch);

    @Override
    public final MaskPlan plan(Batch batch, long seed) {
        TrialPlanner planner = planner(batch);
        MaskPlan.Builder plan = MaskPlan.builder(batch.size(), batch.modalities(), name());
        for (int trial = 0; trial < batch.size(); trial++) {
            planner.plan(PlanRandom.of(seed, batch.index(), trial, name()), trial, plan);
        }
        return plan.build();
    }
}
