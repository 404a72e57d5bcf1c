package org.nedsj.trainer.parallel;

import org.nedsj.model.NedsModel;

/**
 * Makes the {@link GradientStep} a run trains with: this process's replicas ({@link #IN_PROCESS}), or
 * the tasks of a cluster engine ({@link ClusterSteps}).
 */
@FunctionalInterface
public interface GradientSteps {

    /** {@code train.parallel.replicas} model replicas in this process. */
    GradientSteps IN_PROCESS = DataParallelStep::new;

    /**
     * @param replicas   in-process replicas ({@code train.parallel.replicas}; a cluster engine has its own tasks)
     * @param microBatch most trials one micro-batch holds ({@code train.batch-size}; the rest of a step's
     *                   trials are accumulated, {@code train.accumulate})
     */
    GradientStep open(NedsModel model, int replicas, int microBatch);
}
