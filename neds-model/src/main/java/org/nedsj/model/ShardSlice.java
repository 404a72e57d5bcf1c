package org.nedsj.model;

import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

/**
 * Trials [start, end) of a larger batch, cut for a replica or a Spark task to step: the shard's own batch
 * and mask plan, and its {@link BatchShard} (position in the whole batch, share of every modality's loss).
 */
public record ShardSlice(Batch batch, MaskPlan plan, BatchShard part) {
}
