package org.nedsj.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.ReadoutFit;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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

    /**
     * Which parameters the steps train: an engine may leave the gradients of the others as they were instead of
     * computing them. This one computes every gradient.
     */
    default void trainOnly(Predicate<String> trainable) {
    }

    /** Named outputs ({@code m/prediction}, {@code m/loss}, {@code loss}) in evaluation mode. */
    Map<String, INDArray> outputs(Map<String, INDArray> placeholders, List<String> names);

    /**
     * The attention probabilities of each layer [B, heads, L, L] (query, key) of the last
     * {@link #outputs} call; only engines that keep them support this.
     */
    default List<INDArray> attention() {
        throw new UnsupportedOperationException("this engine does not expose attention weights; use model.engine = fused");
    }

    /** Whether the modality's decoder fits a per-session readout after training; only engines that run decoders on arrays. */
    default boolean fitsSessionReadout(String modality) {
        return false;
    }

    /**
     * By modality, the input of its decoder in evaluation mode, [B, T, H] ([B, 1, H] for a pooled static
     * modality), from one forward pass.
     */
    default Map<String, INDArray> headInputs(Map<String, INDArray> placeholders, List<String> modalities) {
        throw new UnsupportedOperationException("this engine does not expose the decoders' inputs; use model.engine = fused");
    }

    /** See {@link org.nedsj.spi.ArrayDecoder#fitSessionReadout}. */
    default ReadoutFit fitSessionReadout(String modality, HeadInputs training, HeadInputs validation) {
        throw new UnsupportedOperationException("this engine fits no session readout; use model.engine = fused");
    }
}
