package org.nedsj.spark;

import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * driver's broadcast ones, steps its shard of each micro-batch in turn, summing the gradients in the
 * task (gradient accumulation: one job per optimiser step whatever {@code train.accumulate}), and
 * returns the sum and the weighted losses. A retried task starts again from the broadcast weights, so
 * nothing of a failed attempt survives.
 */
final class ShardStepper extends AbstractFunction1<Iterator<TaskShards>, Iterator<ShardResult>> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Replicas kept in this executor, by run and partition; one run at a time. */
    private static final Map<String, Replica> REPLICAS = new ConcurrentHashMap<>();

    /** A replica and, once a task has accumulated micro-batches, the buffer their gradients are summed in. */
    private static final class Replica {
        final NedsModel model;
        INDArray accumulated;

        Replica(NedsModel model) {
            this.model = model;
        }
    }

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
    public Iterator<ShardResult> apply(Iterator<TaskShards> tasks) {
        BarrierTaskContext context = BarrierTaskContext.get();
        List<ShardResult> out = new ArrayList<>();
        while (tasks.hasNext()) {
            TaskShards task = tasks.next();
            hook.started(step, task.partition(), context.stageAttemptNumber());
            out.add(step(task));
        }
        return CollectionConverters.asScala(out.iterator());
    }

    private ShardResult step(TaskShards task) {
        Replica replica = replica(task.partition());
        synchronized (replica) {           // a killed attempt may still be finishing when its retry starts
            NedsModel model = replica.model;
            CoreShare.of(1, threads).applyToThisThread();
            float[] w = weights.value();
            model.store().values().assign(Nd4j.createFromArray(w).reshape(model.store().values().shape()));
            Map<String, Double> losses = new LinkedHashMap<>();
            INDArray gradient = model.store().gradients();
            for (int i = 0; i < task.microShards().size(); i++) {
                ShardTask shard = task.microShards().get(i);
                StepResult r = model.step(shard.batch(), shard.plan(), shard.noiseSeed(), shard.part());
                r.modalityLosses().forEach((m, loss) -> losses.merge(m, loss * shard.lossShares().get(m), Double::sum));
                if (task.microShards().size() > 1) {
                    if (replica.accumulated == null) {
                        replica.accumulated = gradient.dup();
                    }
                    if (i == 0) {
                        replica.accumulated.assign(gradient);
                    } else {
                        replica.accumulated.addi(gradient);
                    }
                }
            }
            INDArray sum = task.microShards().size() > 1 ? replica.accumulated : gradient;
            return new ShardResult(task.partition(), sum.toFloatVector(), losses);
        }
    }

    private Replica replica(int partition) {
        String prefix = run + "/";
        REPLICAS.keySet().removeIf(k -> !k.startsWith(prefix));
        return REPLICAS.computeIfAbsent(prefix + partition, k -> new Replica(source.value().newReplica()));
    }
}
