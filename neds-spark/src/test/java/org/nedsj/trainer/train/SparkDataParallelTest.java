package org.nedsj.trainer.train;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nedsj.model.NedsModel;
import org.nedsj.spark.SavedModelReplica;
import org.nedsj.spark.SparkDataParallelStep;
import org.nedsj.spark.TaskStartHook;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.TrialRef;
import org.nedsj.trainer.batch.TrialSplits;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.optim.GlobalNormClipping;
import org.nedsj.trainer.parallel.DataParallelStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spark {@code local[2]} barrier stage per step computes the in-process step: after 5 optimiser
 * steps on batches of 16 trials (dropout on, the mixed masking scheme), 2 Spark tasks × 8 trials give
 * the weights (within 1e-5 relative) and losses (within 1e-6) of 1 in-process replica × 16 trials,
 * also when one task throws in its first attempt at the third step and Spark reruns the stage; and
 * gradient accumulation on Spark (each batch of 16 as 2 micro-batches of 8, each task stepping its 4
 * trials of both in one job) gives the same weights and losses.
 */
class SparkDataParallelTest {

    private static final int STEPS = 5;
    /** Throws left for the lost-task test; static because the local[2] tasks run in this JVM. */
    private static final AtomicInteger THROWS_LEFT = new AtomicInteger();
    private static final AtomicInteger ATTEMPTS_SEEN = new AtomicInteger();

    private static JavaSparkContext spark;

    private final ToyData data = new ToyData(5, 80, 9, 14);

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("neds-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private record Trained(List<Map<String, Double>> losses, NedsModel model) {
    }

    private interface Stepper {
        Map<String, Double> step(Batch batch, MaskPlan plan, long seed);
    }

    private Trained train(Function<NedsModel, Stepper> stepper) {
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.2), 3);
        AdamW adam = TrainerFixture.adam(TrainerFixture.options(1, 3e-3));
        MaskingScheme scheme = TrainerFixture.mixed();
        BatchAssembler assembler = new BatchAssembler(data, model.specs(), model::width);
        List<TrialRef> trials = new ArrayList<>();
        TrialSplits.of(data, model.sessions(), data.sessions(), Split.TRAIN).values().forEach(trials::addAll);
        Stepper step = stepper.apply(model);
        List<Map<String, Double>> losses = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            Batch batch = assembler.assemble(i, trials.subList(16 * i, 16 * i + 16));
            MaskPlan plan = scheme.plan(batch, 7);
            losses.add(step.step(batch, plan, 1000 + i));
            GlobalNormClipping.clip(model.store().gradients(), model.store().runs(p -> true), 1.0);
            adam.step(model.store(), 3e-3);
        }
        return new Trained(losses, model);
    }

    private Trained inProcess() {
        return train(model -> new DataParallelStep(model, 1, 16)::step);
    }

    private Trained onSpark(TaskStartHook hook) {
        return train(model -> new SparkDataParallelStep(spark, model, SavedModelReplica.of(model), 2, 1, hook)::step);
    }

    @Test
    void twoSparkTasksOfEightTrialsEqualOneInProcessReplicaOfSixteen() {
        Trained expected = inProcess();
        Trained spark = onSpark(TaskStartHook.NONE);
        ReplicaAgreement.assertSameLosses(expected.losses(), spark.losses());
        ReplicaAgreement.assertSameWeights(expected.model(), spark.model());
    }

    @Test
    void twoMicroBatchesOfEightAccumulatedOnSparkEqualOneInProcessBatchOfSixteen() {
        Trained expected = inProcess();
        Trained accumulated = train(model -> new SparkDataParallelStep(spark, model, SavedModelReplica.of(model), 2, 1, 8,
                TaskStartHook.NONE)::step);
        ReplicaAgreement.assertSameLosses(expected.losses(), accumulated.losses());
        ReplicaAgreement.assertSameWeights(expected.model(), accumulated.model());
    }

    @Test
    void aTaskLostInItsFirstAttemptIsRetriedAndTheWeightsAreTheSame() {
        Trained expected = inProcess();
        THROWS_LEFT.set(1);
        ATTEMPTS_SEEN.set(0);
        Trained retried = onSpark((step, partition, stageAttempt) -> {
            if (step == 2 && partition == 1) {
                ATTEMPTS_SEEN.incrementAndGet();
                if (stageAttempt == 0 && THROWS_LEFT.getAndDecrement() > 0) {
                    throw new IllegalStateException("task lost on purpose (step 2, partition 1, first attempt)");
                }
            }
        });
        assertEquals(0, Math.max(0, THROWS_LEFT.get()), "the task was made to throw");
        assertTrue(ATTEMPTS_SEEN.get() >= 2, "the stage ran again after the lost task: " + ATTEMPTS_SEEN.get() + " attempts");
        ReplicaAgreement.assertSameLosses(expected.losses(), retried.losses());
        ReplicaAgreement.assertSameWeights(expected.model(), retried.model());
    }
}
