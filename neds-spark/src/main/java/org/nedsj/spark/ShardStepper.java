package org.nedsj.spark;

import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.NedsModel;
import org.nedsj.model.StepResult;
import org.nedsj.trainer.parallel.CoreShare;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The body of one barrier task: takes the executor's replica for its partition (made once per run
 * and kept, as BigDL keeps its model replicas in the executors), overwrites its weights with the
 * driver's broadcast ones, steps the shard and returns the gradient and the losses. A retried task
 * starts again from the broadcast weights, so nothing of a failed attempt survives.
 */
final class ShardStepper extends AbstractFunction1<Iterator<ShardTask>, Iterator<ShardResult>> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Replicas kept in this executor, by run and partition; one run at a time. */
    private static final Map<String, NedsModel> REPLICAS = new ConcurrentHashMap<>();

    private final String run;
    private final long step;
    private final Broadcast<float[]> weights;
    private final Broadcast<ReplicaSource> source;
    private final int threads;
    private final TaskStartHook hook;

    ShardStepper(String run, long step, Broadcast<float[]> weights, Broadcast<ReplicaSource> source, int threads, TaskStartHook hook) {
        this.run = run;
        this.step = step;
        this.weights = weights;
        this.source = source;
        this.threads = threads;
        this.hook = hook;
    }

    @Override
    public Iterator<ShardResult> apply(Iterator<ShardTask> tasks) {
        BarrierTaskContext context = BarrierTaskContext.get();
        List<ShardResult> out = new ArrayList<>();
        while (tasks.hasNext()) {
            ShardTask task = tasks.next();
            hook.started(step, task.partition(), context.stageAttemptNumber());
            out.add(step(task));
        }
        return CollectionConverters.asScala(out.iterator());
    }

    private ShardResult step(ShardTask task) {
        NedsModel replica = replica(task.partition());
        synchronized (replica) {           // a killed attempt may still be finishing when its retry starts
            CoreShare.of(1, threads).applyToThisThread();
            float[] w = weights.value();
            replica.store().values().assign(Nd4j.createFromArray(w).reshape(replica.store().values().shape()));
            StepResult r = replica.step(task.batch(), task.plan(), task.noiseSeed(), task.part());
            return new ShardResult(task.partition(), replica.store().gradients().toFloatVector(),
                    new LinkedHashMap<>(r.modalityLosses()));
        }
    }

    private NedsModel replica(int partition) {
        String prefix = run + "/";
        REPLICAS.keySet().removeIf(k -> !k.startsWith(prefix));
        return REPLICAS.computeIfAbsent(prefix + partition, k -> source.value().newReplica());
    }
}
