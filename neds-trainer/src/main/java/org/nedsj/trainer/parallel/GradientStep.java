package org.nedsj.trainer.parallel;

import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

import java.util.Map;

/**
 * What computes the gradient of one optimiser step's batch into the model's gradient buffer: the
 * replicas of this process ({@link DataParallelStep}), or another engine's tasks (an optional module's).
 */
public interface GradientStep extends AutoCloseable {

    /**
     * Writes the gradient of {@code batch}'s loss under {@code plan} into the model's gradient buffer.
     *
     * @return the batch's loss of each modality (the mean over its target values)
     */
    Map<String, Double> step(Batch batch, MaskPlan plan, long noiseSeed);

    /** Called after each optimiser step: brings the new weights wherever the next step computes. */
    void publishWeights();

    @Override
    void close();
}
