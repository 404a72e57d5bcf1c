package org.nedsj.spark;

import org.nedsj.model.NedsModel;

import java.io.Serializable;

/**
 * Makes, on an executor, a model of the same structure as the driver's (its weights are replaced by
 * the driver's before every step, so only the structure matters). Shipped to the executors with the
 * step's closure, hence serialisable.
 */
@FunctionalInterface
public interface ReplicaSource extends Serializable {

    NedsModel newReplica();
}
