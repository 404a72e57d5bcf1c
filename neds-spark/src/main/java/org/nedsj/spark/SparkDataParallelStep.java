package org.nedsj.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.BatchShard;
import org.nedsj.model.BatchSlices;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.trainer.parallel.CoreShare;
import org.nedsj.trainer.parallel.GradientStep;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The gradient of one optimiser step's batch, computed by a Spark barrier stage: the batch is cut
 * into one contiguous shard per task (as {@code DataParallelStep} cuts it per replica), the driver's
 * weights are broadcast, all tasks are gang-scheduled and each returns its shard's gradient and
 * losses; the driver sums the gradients in partition order into the model's gradient buffer.
 *
 * <p>The exchange is one job per step, the partial gradients passing back through Spark's shuffle
 * (block manager) to the driver, not {@code BarrierTaskContext.allGather}: allGather moves strings
 * through the driver and would carry megabytes every step, while the driver needs the sum anyway to
 * clip, step the optimiser and write checkpoints. Summing in a fixed order on the driver makes the
 * result equal to the in-process replicas' (the same shards, the same order). The shuffle after the
 * barrier stage matters: Spark resubmits a failed barrier map stage as a whole, whereas a failed
 * barrier result stage would abort the job. The driver's weights change only after a step's job has
 * returned every shard, so a lost task costs a retry of that step and nothing else.
 */
public final class SparkDataParallelStep implements GradientStep {

    private static final ClassTag<ShardResult> RESULT = ClassTag$.MODULE$.apply(ShardResult.class);

    private final JavaSparkContext spark;
    private final NedsModel model;
    /** Broadcast once: the replica's bytes (a saved model) would otherwise travel with every step's tasks. */
    private final Broadcast<ReplicaSource> source;
    private final int tasks;
    private final int threadsPerTask;
    private final CoreShare localCores;
    private final TaskStartHook hook;
    private final String run = UUID.randomUUID().toString();
    private long steps;
    private INDArray sum;

    /**
     * @param tasks          shards per step, all running at once (at most the cluster's task slots)
     * @param threadsPerTask the CPU threads each task's replica uses
     */
    public SparkDataParallelStep(JavaSparkContext spark, NedsModel model, ReplicaSource source, int tasks,
                                 int threadsPerTask, TaskStartHook hook) {
        if (tasks < 1 || threadsPerTask < 1) {
            throw new IllegalArgumentException("tasks (" + tasks + ") and threads per task (" + threadsPerTask
                    + ") must be at least 1");
        }
        if (model.store().values().dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Spark training ships float32 weights; the model is "
                    + model.store().values().dataType() + " (set model.dtype = FLOAT)");
        }
        this.spark = spark;
        this.model = model;
        this.source = spark.broadcast(source);
        this.tasks = tasks;
        this.threadsPerTask = threadsPerTask;
        // an embedded local[N] master runs the tasks in this JVM, where ND4J's thread budgets are process-wide
        this.localCores = spark.sc().isLocal() ? CoreShare.of(tasks, tasks * threadsPerTask) : null;
        this.hook = hook;
    }

    public SparkDataParallelStep(JavaSparkContext spark, NedsModel model, int tasks, int threadsPerTask) {
        this(spark, model, SavedModelReplica.of(model), tasks, threadsPerTask, TaskStartHook.NONE);
    }

    public int tasks() {
        return tasks;
    }

    /**
     * Writes the gradient of {@code batch}'s loss under {@code plan} into the model's gradient buffer.
     *
     * @return the batch's loss of each modality (the mean over its target values)
     */
    @Override
    public Map<String, Double> step(Batch batch, MaskPlan plan, long noiseSeed) {
        Map<String, Double> totals = model.targetValues(batch, plan);
        List<ShardTask> shards = shards(batch, plan, noiseSeed, totals);
        List<ShardResult> results = run(shards);
        if (sum == null) {
            sum = model.store().gradients().dup();
        }
        sum.assign(0);
        Map<String, Double> losses = new LinkedHashMap<>();
        totals.keySet().forEach(m -> losses.put(m, 0.0));
        for (ShardResult r : results) {
            sum.addi(Nd4j.createFromArray(r.gradient()).reshape(sum.shape()).castTo(sum.dataType()));
            Map<String, Double> share = shards.get(r.partition()).lossShares();
            r.losses().forEach((m, loss) -> losses.merge(m, loss * share.get(m), Double::sum));
        }
        model.store().gradients().assign(sum);
        steps++;
        return losses;
    }

    /** One contiguous shard per task (fewer when the batch has fewer trials), each with its share of every modality's loss. */
    private List<ShardTask> shards(Batch batch, MaskPlan plan, long noiseSeed, Map<String, Double> totals) {
        int n = batch.size();
        int parts = Math.min(tasks, n);
        List<ShardTask> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int start = n * p / parts;
            int end = n * (p + 1) / parts;
            Batch shard = BatchSlices.trials(batch, start, end);
            MaskPlan shardPlan = BatchSlices.trials(plan, batch.modalities(), start, end);
            Map<String, Double> share = new LinkedHashMap<>();
            model.targetValues(shard, shardPlan).forEach((m, count) -> share.put(m,
                    totals.get(m) > 0 ? count / totals.get(m) : 0.0));
            out.add(ShardTask.of(p, shard, shardPlan, new BatchShard(start, share), noiseSeed));
        }
        return out;
    }

    /** The barrier stage of one step, its results in partition order. */
    private List<ShardResult> run(List<ShardTask> shards) {
        Broadcast<float[]> weights = spark.broadcast(model.store().values().toFloatVector());
        if (localCores != null) {
            localCores.enter();
        }
        try {
            JavaRDD<ShardTask> input = spark.parallelize(shards, shards.size());
            RDD<ShardResult> stepped = input.rdd().barrier().mapPartitions(
                    new ShardStepper(run, steps, weights, source, threadsPerTask, hook), false, RESULT);
            List<ShardResult> results = new ArrayList<>(new JavaRDD<>(stepped, RESULT).repartition(1).collect());
            results.sort(Comparator.comparingInt(ShardResult::partition));
            if (results.size() != shards.size()) {
                throw new IllegalStateException("the Spark step returned " + results.size() + " of " + shards.size() + " shards");
            }
            return results;
        } finally {
            if (localCores != null) {
                localCores.exit();
            }
            weights.destroy();
        }
    }

    /** Nothing to do: every step broadcasts the driver's weights afresh. */
    @Override
    public void publishWeights() {
    }

    /** Releases the broadcast replica source; the executors' replicas go when the next run's tasks start. */
    @Override
    public void close() {
        source.destroy();
    }
}
