package org.nedsj.spark.tune;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.nedsj.trainer.tune.TrialExecutor;
import org.nedsj.trainer.tune.TrialSegment;

/**
 * Trial segments as Spark jobs of one task each, up to {@code slots} jobs at once (the sweep submits each from a
 * thread of its own; Spark runs concurrent jobs side by side). A task that fails beyond Spark's retries, or an
 * executor lost, is the segment's failure with Spark's message.
 */
final class SparkTrials implements TrialExecutor {

    private final JavaSparkContext spark;
    private final int slots;
    private final boolean owned;
    private final int threads;

    SparkTrials(JavaSparkContext spark, int slots, boolean owned) {
        this.spark = spark;
        this.slots = slots;
        this.owned = owned;
        this.threads = Math.max(1, spark.getConf().getInt("spark.task.cpus", 1));
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public TrialSegment.Outcome run(TrialSegment segment) {
        try {
            spark.setJobDescription(String.format(Locale.ROOT, "neds tune: trial %d to epoch %d", segment.trial(),
                    segment.epoch()));
            return spark.parallelize(List.of(segment), 1).map(new SegmentTask(threads)).collect().get(0);
        } catch (Exception e) { // SparkException is checked in Scala's eyes only: javac does not see collect() throw it
            return TrialSegment.Outcome.failed(segment.trialDir(), "Spark could not run the trial's task: "
                    + (e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : e.toString()));
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "up to %d trials at once as Spark tasks on %s (%d thread%s each, spark.task.cpus)",
                slots, spark.master(), threads, threads == 1 ? "" : "s");
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }
}
