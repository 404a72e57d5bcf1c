package org.nedsj.trainer.parallel;

import org.nedsj.model.NedsModel;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The losses of each batch under its plan in evaluation mode (no dropout, no gradient) with the weights the
     * model holds now, in the batches' order: each modality's mean over its target values. Replicas that compute
     * them get the model's weights first and keep them until the next {@link #publishWeights()}.
     */
    List<Map<String, Double>> evaluate(List<Batch> batches, List<MaskPlan> plans);

    /** {@link #evaluate} computed by {@code model} alone, one batch after another in the calling thread. */
    static List<Map<String, Double>> evaluateInTurn(NedsModel model, List<Batch> batches, List<MaskPlan> plans) {
        if (batches.size() != plans.size()) {
            throw new IllegalArgumentException(batches.size() + " batches and " + plans.size() + " mask plans");
        }
        List<Map<String, Double>> losses = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            losses.add(new LinkedHashMap<>(model.evaluate(batches.get(i), plans.get(i)).modalityLosses()));
        }
        return losses;
    }

    /** Called after each optimiser step: brings the new weights wherever the next step computes. */
    void publishWeights();

    @Override
    void close();
}
