package org.nedsj.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/** Runs the model's computation: the engine, or the whole-model SameDiff graph its tests hold it to. */
interface ModelEngine {

    /** Every parameter and gradient of the model. */
    ParameterStore store();

    /** Width of each modality's values placeholder. */
    Map<String, Integer> widths();

    /**
     * Forward and backward in training mode; placeholders as {@link GraphInputs} fills them; dropout
     * noise drawn per trial from {@code noiseSeed} and the trial's position in the whole batch, each
     * modality's loss gradient weighted by its share (see {@link BatchShard}). The gradients are written
     * to the store's gradient buffer.
     */
    StepResult step(Map<String, INDArray> placeholders, List<String> modalities, long noiseSeed, BatchShard shard);

    /** Named outputs ({@code m/prediction}, {@code m/loss}, {@code loss}) in evaluation mode. */
    Map<String, INDArray> outputs(Map<String, INDArray> placeholders, List<String> names);

    /**
     * The attention probabilities of each layer [B, heads, L, L] (query, key) of the last
     * {@link #outputs} call; only engines that keep them support this.
     */
    default List<INDArray> attention() {
        throw new UnsupportedOperationException("this engine does not expose attention weights; use model.engine = fused");
    }
}
