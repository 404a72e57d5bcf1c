package org.nedsj.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.nedsj.model.NedsModel;
import org.nedsj.trainer.parallel.ClusterSteps;
import org.nedsj.trainer.parallel.GradientStep;

import java.util.Locale;

/** A run's steps on one Spark context: each optimiser step one barrier job of {@code tasks} tasks. */
final class SparkSteps implements ClusterSteps {

    private final JavaSparkContext context;
    private final boolean own;
    private final int tasks;
    private final int threadsPerTask;

    /** @param own whether this run started the context (and so stops it) */
    SparkSteps(JavaSparkContext context, boolean own, int tasks, int threadsPerTask) {
        this.context = context;
        this.own = own;
        this.tasks = tasks;
        this.threadsPerTask = threadsPerTask;
    }

    /** {@code replicas} is 1: the tasks are the replicas (TrainRun refuses more). */
    @Override
    public GradientStep open(NedsModel model, int replicas, int microBatch) {
        return new SparkDataParallelStep(context, model, SavedModelReplica.of(model), tasks, threadsPerTask, microBatch,
                TaskStartHook.NONE);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Spark %s: %d task(s) x %d thread(s)", context.master(), tasks, threadsPerTask);
    }

    @Override
    public void close() {
        if (own) {
            context.stop();
        }
    }
}
