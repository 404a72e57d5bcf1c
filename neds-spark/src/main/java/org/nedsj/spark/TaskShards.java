package org.nedsj.spark;

import java.io.Serializable;
import java.util.List;

/** One task's part of an optimiser step: its shard of each micro-batch, stepped in turn and summed in the task. */
record TaskShards(int partition, List<ShardTask> microShards) implements Serializable {
}
