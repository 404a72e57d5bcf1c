package org.nedsj.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.ShardSlice;
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
 * into micro-batches of at most {@code microBatch} trials and each micro-batch into one contiguous
 * shard per task (as {@code DataParallelStep} cuts them per replica), the driver's weights are
 * broadcast, all tasks are gang-scheduled and each steps its shard of every micro-batch in turn and
 * returns their summed gradient and weighted losses; the driver sums the gradients in partition
 * order into the model's gradient buffer.
 *
 * <p>Gradient accumulation stays inside the one job of a step: k micro-batches cost one broadcast,
 * one barrier stage and one shuffle of one gradient per task, not k of each, so the per-step cost of
 * Spark is spread over k times as many trials.
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
    private final int microBatch;
    private final CoreShare localCores;
    private final TaskStartHook hook;
    private final String run = UUID.randomUUID().toString();
    private long steps;
    private INDArray sum;

    /**
     * @param tasks          shards per micro-batch, all running at once (at most the cluster's task slots)
     * @param threadsPerTask the CPU threads each task's replica uses
     * @param microBatch     most trials one micro-batch holds (the trials of a batch beyond it are accumulated)
     */
    public SparkDataParallelStep(JavaSparkContext spark, NedsModel model, ReplicaSource source, int tasks,
                                 int threadsPerTask, int microBatch, TaskStartHook hook) {
        if (tasks < 1 || threadsPerTask < 1 || microBatch < 1) {
            throw new IllegalArgumentException("tasks (" + tasks + "), threads per task (" + threadsPerTask
                    + ") and micro-batch (" + microBatch + ") must be at least 1");
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
        this.microBatch = microBatch;
        // an embedded local[N] master runs the tasks in this JVM, where ND4J's thread budgets are process-wide
        this.localCores = spark.sc().isLocal() ? CoreShare.of(tasks, tasks * threadsPerTask) : null;
        this.hook = hook;
    }

    /** Each batch in one micro-batch (no accumulation). */
    public SparkDataParallelStep(JavaSparkContext spark, NedsModel model, ReplicaSource source, int tasks,
                                 int threadsPerTask, TaskStartHook hook) {
        this(spark, model, source, tasks, threadsPerTask, Integer.MAX_VALUE, hook);
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
        List<ShardResult> results = run(partitions(batch, plan, noiseSeed, totals));
        if (sum == null) {
            sum = model.store().gradients().dup();
        }
        sum.assign(0);
        Map<String, Double> losses = new LinkedHashMap<>();
        totals.keySet().forEach(m -> losses.put(m, 0.0));
        for (ShardResult r : results) {
            sum.addi(Nd4j.createFromArray(r.gradient()).reshape(sum.shape()).castTo(sum.dataType()));
            r.weightedLosses().forEach((m, loss) -> losses.merge(m, loss, Double::sum));
        }
        model.store().gradients().assign(sum);
        steps++;
        return losses;
    }

    /**
     * Each task's shards: every micro-batch of at most {@code microBatch} trials cut into one contiguous
     * shard per task (fewer when it has fewer trials), each with its share of every modality's loss in
     * the whole batch and its position there (for the dropout noise), as {@code DataParallelStep} cuts them.
     */
    private List<TaskShards> partitions(Batch batch, MaskPlan plan, long noiseSeed, Map<String, Double> totals) {
        int parts = Math.min(tasks, Math.min(batch.size(), microBatch));
        List<List<ShardTask>> shards = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            shards.add(new ArrayList<>());
        }
        for (int from = 0; from < batch.size(); from += microBatch) {
            int to = Math.min(batch.size(), from + microBatch);
            int n = to - from;
            int cut = Math.min(parts, n);
            for (int p = 0; p < cut; p++) {
                int start = from + n * p / cut;
                int end = from + n * (p + 1) / cut;
                ShardSlice shard = model.shard(batch, plan, start, end, totals);
                shards.get(p).add(ShardTask.of(p, shard.batch(), shard.plan(), shard.part(), noiseSeed));
            }
        }
        List<TaskShards> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            out.add(new TaskShards(p, shards.get(p)));
        }
        return out;
    }

    /** The barrier stage of one step, its results in partition order. */
    private List<ShardResult> run(List<TaskShards> shards) {
        Broadcast<float[]> weights = spark.broadcast(model.store().values().toFloatVector());
        if (localCores != null) {
            localCores.enter();
        }
        try {
            JavaRDD<TaskShards> input = spark.parallelize(shards, shards.size());
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

    /** On the driver's model, one batch after another: a validation pass is small beside an epoch's steps. */
    @Override
    public List<Map<String, Double>> evaluate(List<Batch> batches, List<MaskPlan> plans) {
        return GradientStep.evaluateInTurn(model, batches, plans);
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
