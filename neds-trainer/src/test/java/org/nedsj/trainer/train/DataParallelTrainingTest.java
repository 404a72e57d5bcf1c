package org.nedsj.trainer.train;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.model.NedsModel;
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
import org.nedsj.trainer.run.RunDirectory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data-parallel replicas and gradient accumulation compute the step of one batch: 2 replicas × 8
 * trials and 2 accumulated micro-batches of 8 give, after 5 optimiser steps, the weights (within 1e-5
 * of each parameter's largest value) and the losses (within 1e-6 relative) of 1 replica × 16 trials,
 * with dropout on and the mixed masking scheme drawing per trial.
 */
class DataParallelTrainingTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    private static final int STEPS = 5;

    private final ToyData data = new ToyData(5, 80, 9, 14);

    /** The losses of each step by modality, and the model after the steps. */
    private record Trained(List<Map<String, Double>> losses, NedsModel model) {
    }

    /** {@value #STEPS} optimiser steps on batches of 16 trials, computed by {@code replicas} replicas in micro-batches. */
    private Trained train(int replicas, int microBatch) {
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.2), 3);
        TrainingOptions options = TrainerFixture.options(1, 3e-3);
        AdamW adam = TrainerFixture.adam(options);
        MaskingScheme scheme = TrainerFixture.mixed();
        BatchAssembler assembler = new BatchAssembler(data, model.specs(), model::width);
        List<TrialRef> trials = new ArrayList<>();
        TrialSplits.of(data, model.sessions(), data.sessions(), Split.TRAIN).values().forEach(trials::addAll);
        List<Map<String, Double>> losses = new ArrayList<>();
        try (DataParallelStep step = new DataParallelStep(model, replicas, microBatch)) {
            for (int i = 0; i < STEPS; i++) {
                Batch batch = assembler.assemble(i, trials.subList(16 * i, 16 * i + 16));
                MaskPlan plan = scheme.plan(batch, 7);
                losses.add(step.step(batch, plan, 1000 + i));
                GlobalNormClipping.clip(model.store().gradients(), model.store().runs(p -> true), 1.0);
                adam.step(model.store(), 3e-3);
                step.publishWeights();
                for (NedsModel replica : step.replicas()) {
                    assertEquals(model.store().values(), replica.store().values(), "replica weights after step " + i);
                }
            }
        }
        return new Trained(losses, model);
    }

    @Test
    void twoReplicasOfEightTrialsEqualOneReplicaOfSixteen() {
        Trained one = train(1, 16);
        Trained two = train(2, 16);
        ReplicaAgreement.assertSameLosses(one.losses(), two.losses());
        ReplicaAgreement.assertSameWeights(one.model(), two.model());
    }

    @Test
    void twoAccumulatedMicroBatchesOfEightEqualOneBatchOfSixteen() {
        Trained whole = train(1, 16);
        Trained accumulated = train(1, 8);
        ReplicaAgreement.assertSameLosses(whole.losses(), accumulated.losses());
        ReplicaAgreement.assertSameWeights(whole.model(), accumulated.model());
        Trained both = train(2, 8);                      // 2 micro-batches, each in 2 shards of 4
        ReplicaAgreement.assertSameLosses(whole.losses(), both.losses());
        ReplicaAgreement.assertSameWeights(whole.model(), both.model());
    }

    @Test
    void theTrainerWithTwoReplicasOrAccumulationEndsWithTheWeightsOfOneBatchOfSixteen(@TempDir Path dir) throws IOException {
        TrainingOptions sixteen = new TrainingOptions(7, 1, 16, "per-session", 3e-3, 0.1, 0.1, 0.0, 0.01, 0.9, 0.999, 1e-8,
                1.0, 100, 0.0, STEPS, 0.5);
        NedsModel reference = trainer(dir.resolve("one"), sixteen);
        NedsModel replicas = trainer(dir.resolve("two"), sixteen.withParallel(2, 1));
        ReplicaAgreement.assertSameWeights(reference, replicas);
        TrainingOptions eightTwice = new TrainingOptions(7, 1, 8, "per-session", 3e-3, 0.1, 0.1, 0.0, 0.01, 0.9, 0.999, 1e-8,
                1.0, 100, 0.0, STEPS, 0.5, 1, 2);
        assertEquals(16, eightTwice.stepTrials());
        ReplicaAgreement.assertSameWeights(reference, trainer(dir.resolve("acc"), eightTwice));
    }

    /** The replicas validate the average (every epoch's losses of one replica) and step on from the stepped weights. */
    @Test
    void withAWeightAverageTwoReplicasValidateAndKeepWhatOneReplicaDoes(@TempDir Path dir) throws IOException {
        TrainingOptions one = new TrainingOptions(7, 3, 16, "per-session", 3e-3, 0.1, 0.1, 0.0, 0.01, 0.9, 0.999, 1e-8,
                1.0, 100, 0.0, STEPS, 0.5).withAverageEpochs(1);
        NedsModel reference = trainer(dir.resolve("one"), one);
        NedsModel replicas = trainer(dir.resolve("two"), one.withParallel(2, 1));
        ReplicaAgreement.assertSameWeights(reference, replicas);
        List<String> expected = Files.readAllLines(dir.resolve("one").resolve("metrics.csv"));
        List<String> actual = Files.readAllLines(dir.resolve("two").resolve("metrics.csv"));
        assertEquals(4, expected.size(), "a header and 3 epochs");
        List<String> header = List.of(expected.get(0).split(","));
        int checked = 0;
        for (int row = 1; row < expected.size(); row++) {
            String[] want = expected.get(row).split(",");
            String[] got = actual.get(row).split(",");
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c).startsWith("val_") && !header.get(c).equals("val_seconds")) {
                    double w = Double.parseDouble(want[c]);
                    assertEquals(w, Double.parseDouble(got[c]), 1e-5 * Math.abs(w), "epoch " + row + " " + header.get(c));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 3 * 4, "validation columns compared: " + checked);

        // stopped after epoch 2 and resumed: the new replicas start from the stepped weights, not from the average
        TrainingOptions two = one.withParallel(2, 1);
        RunDirectory stopped = RunDirectory.create(dir.resolve("stopped"));
        NedsModel first = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.2), 3);
        TrainerFixture.trainer(first, data, TrainerFixture.adam(two), TrainerState.start(), two, stopped, QUIET)
                .stopAfterEpoch(2).run();
        Checkpoints.Restored restored = Checkpoints.load(stopped.latestCheckpoint(), TrainerFixture.CODECS);
        TrainerFixture.trainer(restored.model(), data, restored.optimizer(two), restored.state(), two, stopped, QUIET)
                .continuingSteppedWeights(restored.steppedWeights().orElseThrow()).run();
        ReplicaAgreement.assertSameWeights(reference, restored.model());
    }

    private NedsModel trainer(Path out, TrainingOptions options) throws IOException {
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.2), 3);
        Trainer trainer = TrainerFixture.trainer(model, data, TrainerFixture.adam(options), TrainerState.start(), options,
                RunDirectory.create(out), QUIET);
        assertEquals(STEPS, trainer.batchesPerEpoch());
        trainer.run();
        return model;
    }
}
