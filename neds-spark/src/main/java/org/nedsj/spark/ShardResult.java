package org.nedsj.spark;

import java.io.Serializable;
import java.util.Map;

/** What a task sends back: its partition, the flat gradient of its shard's share of the loss, and the shard's losses. */
record ShardResult(int partition, float[] gradient, Map<String, Double> losses) implements Serializable {
}
