package org.nedsj.spark;

import java.io.Serializable;

/**
 * Called in every task just before it steps its shard; the tests make a task fail here to show that
 * Spark's retry of the barrier stage loses nothing.
 */
@FunctionalInterface
public interface TaskStartHook extends Serializable {

    TaskStartHook NONE = (step, partition, stageAttempt) -> { };

    void started(long step, int partition, int stageAttempt);
}
