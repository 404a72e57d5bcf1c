package org.nedsj.model;

import java.util.Map;

/**
 * Which part of a larger batch one step computes, so that the steps of its parts add up to the step
 * of the whole: dropout noise is drawn per trial from the trial's position in the whole batch
 * ({@code firstTrial} is the position of the shard's first trial), and each modality's loss, a mean
 * over its target values, is weighted by the shard's share of the whole batch's target values (see
 * {@link NedsModel#targetValues}). The gradients of all shards, summed, are the gradient of the whole
 * batch, up to the order of float summation.
 *
 * @param firstTrial  the position of the shard's first trial in the whole batch
 * @param lossShares  by modality: the shard's target values over the whole batch's (absent: 1)
 */
public record BatchShard(int firstTrial, Map<String, Double> lossShares) {

    /** A batch stepped whole. */
    public static final BatchShard WHOLE = new BatchShard(0, Map.of());

    public BatchShard {
        if (firstTrial < 0) {
            throw new IllegalArgumentException("a shard's first trial is " + firstTrial);
        }
        lossShares = Map.copyOf(lossShares);
    }

    /** The weight of {@code modality}'s mean loss in the shard's contribution to the whole batch's. */
    public double share(String modality) {
        return lossShares.getOrDefault(modality, 1.0);
    }

    /** Whether this is a whole batch: noise from position 0 and every share 1. */
    public boolean whole() {
        return firstTrial == 0 && lossShares.values().stream().allMatch(s -> s == 1.0);
    }
}
