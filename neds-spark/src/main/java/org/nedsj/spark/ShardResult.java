package org.nedsj.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * What a task sends back: its partition, the flat gradient of its shards' share of the loss (summed
 * over its micro-batches), and its shards' losses, each weighted by the shard's share of the batch.
 */
record ShardResult(int partition, float[] gradient, Map<String, Double> weightedLosses) implements Serializable {
}
